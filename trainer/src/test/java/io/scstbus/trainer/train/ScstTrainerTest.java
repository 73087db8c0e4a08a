package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.trainer.TinyDataset;
import io.scstbus.trainer.bus.InProcessRewardBus;
import io.scstbus.trainer.data.DataConfig;
import ai.djl.engine.Engine;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.StepRewards;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScstTrainerTest {

    @TempDir
    Path dir;

    @Test
    void twoEpochsOfCrossEntropyThenTwoScstStepsReportSaneCounts() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("data"), 6, 3, 16, 1L);
        // through the bus every evaluation signal must be served: ask only for length
        TrainConfig config = TinyRuns.config(data, 2, 2).withEval(new EvalConfig(false, 3, List.of("length"), 8));
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            RecordingBus[] bus = new RecordingBus[1];
            TrainingSummary summary = ScstTrainer.builder(config)
                    .setRewardBus(d -> bus[0] = new RecordingBus(
                            new InProcessRewardBus(List.of(TinyRuns.scorer(deadlines)), d.references())))
                    .optProgress(ProgressReporter.silent())
                    .build()
                    .run();

            int images = config.scst().imagesPerStep();
            int candidates = config.scst().samplesPerImage() + 1;
            assertEquals("tiny-run", summary.runId());
            assertEquals(2, summary.steps());
            assertEquals(2, summary.ceEpochs());
            assertEquals(List.of(1L, 2L), bus[0].steps);
            assertEquals(2L * images, summary.rolloutsPublished());
            assertEquals(2L * images * candidates, summary.resultsExpected());
            assertEquals(summary.resultsExpected(), summary.resultsReceived());
            assertEquals(0, summary.duplicatesDropped());
            assertEquals(0, summary.groupsDropped());
            assertEquals(0, summary.groupsLeftOut());
            assertTrue(summary.rewardWaitFraction() >= 0 && summary.rewardWaitFraction() <= 1,
                    "wait fraction " + summary.rewardWaitFraction());
            for (RolloutGroup g : bus[0].groups) {
                assertEquals(config.scst().samplesPerImage(), g.getSamplesCount());
                assertTrue(g.getGreedy().getGreedy());
                assertEquals("tiny", g.getDataset());
                assertEquals(List.of("length"), g.getRewardSpec().getSignalsList());
            }
            // evaluated through the bus: length is scored, cider_d was not asked for and is null, never 0
            assertNotNull(summary.valAfterCe().other().get("length"));
            assertNotNull(summary.valAfterScst().other().get("length"));
            assertNull(summary.valAfterScst().ciderD());
        }
    }

    @Test
    void withMaxStalenessOneEachStepIsSampledBeforeThePreviousUpdate() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("data"), 6, 3, 16, 1L);
        TrainConfig base = TinyRuns.config(data, 1, 3).withEval(new EvalConfig(false, 3, List.of("length"), 8));
        TrainConfig config = base.withScst(base.scst().withMaxStaleness(1));
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            RecordingBus[] bus = new RecordingBus[1];
            TrainingSummary summary = ScstTrainer.builder(config)
                    .setRewardBus(d -> bus[0] = new RecordingBus(
                            new InProcessRewardBus(List.of(TinyRuns.scorer(deadlines)), d.references())))
                    .optProgress(ProgressReporter.silent())
                    .build()
                    .run();

            assertEquals(3, summary.steps());
            assertEquals(List.of(1L, 2L, 3L), bus[0].steps);
            assertEquals(summary.resultsExpected(), summary.resultsReceived());
            assertEquals(0, summary.stepsWithoutUpdate());
            Map<Long, Long> versions = new java.util.TreeMap<>();
            bus[0].groups.forEach(g -> versions.put(g.getKey().getStep(), g.getPolicyVersion()));
            // steps 1 and 2 are both sampled before step 1's update; step 3 after it
            assertEquals(versions.get(1L), versions.get(2L), "policy versions " + versions);
            assertEquals(versions.get(1L) + 1, versions.get(3L), "policy versions " + versions);
        }
    }

    @Test
    void theRewardWaitHappensWithNoGradientCollectorOpen() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("data"), 6, 3, 16, 1L);
        TrainConfig config = TinyRuns.config(data, 1, 2).withEval(new EvalConfig(false, 3, List.of("length"), 8));
        List<Long> waitedWithCollectorOpen = new ArrayList<>();
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            ScstTrainer.builder(config)
                    .setRewardBus(d -> new RewardBus() {
                        final RewardBus bus = new InProcessRewardBus(List.of(TinyRuns.scorer(deadlines)), d.references());

                        @Override
                        public void publish(long step, List<RolloutGroup> groups) {
                            bus.publish(step, groups);
                        }

                        @Override
                        public StepRewards collect(long step) {
                            // one collector at a time: opening one here fails while the step holds one open
                            try {
                                Engine.getInstance().newGradientCollector().close();
                            } catch (IllegalStateException e) {
                                waitedWithCollectorOpen.add(step);
                            }
                            return bus.collect(step);
                        }

                        @Override
                        public void close() {
                            bus.close();
                        }
                    })
                    .optProgress(ProgressReporter.silent())
                    .build()
                    .run();
        }
        assertEquals(List.of(), waitedWithCollectorOpen, "steps whose reward wait held a GradientCollector");
    }

    @Test
    void stepPhasesSplitTheScstTimeAndCeHasARate() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("phases"), 4, 2, 16, 2L);
        TrainingSummary summary;
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            summary = ScstTrainer.builder(TinyRuns.config(data, 1, 2))
                    .setRewardBus(RewardBusFactory.inProcess(List.of(TinyRuns.scorer(deadlines))))
                    .optEvaluationRegistry(TinyRuns.REGISTRY)
                    .optProgress(ProgressReporter.silent())
                    .build()
                    .run();
        }
        ScstPhaseSeconds p = summary.scstPhaseSeconds();
        assertTrue(p.encode() > 0 && p.sample() > 0 && p.backward() > 0 && p.publish() >= 0, p.toString());
        assertEquals(summary.rewardWaitSeconds(), p.rewardWait(), 1e-9, "reward wait is the collect time");
        double phases = p.encode() + p.sample() + p.publish() + p.rewardWait() + p.backward();
        assertTrue(phases <= summary.scstSeconds(), phases + " s of phases in " + summary.scstSeconds() + " s of steps");
        assertTrue(summary.ceImagesPerSecond() > 0, "CE images/s " + summary.ceImagesPerSecond());
    }

    @Test
    void summaryJsonHasTheFieldsLaterChecksRead() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("data"), 4, 2, 16, 2L);
        TrainConfig config = TinyRuns.config(data, 1, 1);
        TrainingSummary summary;
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            summary = ScstTrainer.builder(config)
                    .setRewardBus(RewardBusFactory.inProcess(List.of(TinyRuns.scorer(deadlines))))
                    .optEvaluationRegistry(TinyRuns.REGISTRY)
                    .optProgress(ProgressReporter.silent())
                    .build()
                    .run();
        }
        Path file = dir.resolve("summary.json");
        summary.writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String field : List.of("run_id", "steps", "rollouts_published", "results_expected", "results_received",
                "duplicates_dropped", "groups_rerequested", "groups_dropped", "reward_wait_fraction")) {
            assertTrue(json.has(field), field + " missing from " + json);
        }
        for (String phase : List.of("val_after_ce", "val_after_scst")) {
            for (String signal : EvalConfig.SUMMARY_SIGNALS) {
                assertTrue(json.get(phase).has(signal), phase + "." + signal + " missing");
            }
            assertTrue(json.get(phase).get("cider_d").isNull(), "a signal the registry lacks is null");
            assertTrue(json.get(phase).get("other").get("length").isNumber());
        }
        assertEquals(summary, TrainingSummary.fromJson(summary.toJson()));
    }
}
