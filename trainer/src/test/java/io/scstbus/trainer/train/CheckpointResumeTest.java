package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.trainer.TinyDataset;
import io.scstbus.trainer.bus.InProcessRewardBus;
import io.scstbus.trainer.data.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    @TempDir
    Path dir;

    @Test
    void resumeContinuesAfterTheLastCheckpointedStepAndMatchesAnUninterruptedRun() throws Exception {
        DataConfig data = TinyDataset.write(dir.resolve("data"), 6, 2, 16, 3L);
        TrainConfig base = TinyRuns.config(data, 1, 2);
        Path interrupted = dir.resolve("interrupted");
        Path straight = dir.resolve("straight");
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            RecordingBus first = train(base.withCheckpoint(new CheckpointConfig(interrupted.toString(), 1, 5, false)), deadlines);
            assertEquals(List.of(1L, 2L), first.steps);

            TrainConfig longer = base.withScst(base.scst().withSteps(3));
            RecordingBus resumed = train(longer.withCheckpoint(new CheckpointConfig(interrupted.toString(), 1, 5, true)),
                    deadlines);
            assertEquals(List.of(3L), resumed.steps, "only the step after the checkpoint runs");

            train(longer.withCheckpoint(new CheckpointConfig(straight.toString(), 0, 5, false)), deadlines);
        }
        Path a = Checkpoints.latest(interrupted, "tiny-run").orElseThrow();
        Path b = Checkpoints.latest(straight, "tiny-run").orElseThrow();
        assertEquals(3, Checkpoints.readState(a).scstStepsDone());
        assertEquals(Checkpoints.readState(b).optimizerUpdates(), Checkpoints.readState(a).optimizerUpdates(),
                "no update applied twice");
        assertArrayEquals(Files.readAllBytes(b.resolve(Checkpoints.MODEL)), Files.readAllBytes(a.resolve(Checkpoints.MODEL)),
                "2 steps + resume + 1 step gives the parameters of 3 uninterrupted steps");
    }

    private static RecordingBus train(TrainConfig config, DeadlineScorer deadlines) throws Exception {
        RecordingBus[] bus = new RecordingBus[1];
        TrainingSummary summary = ScstTrainer.builder(config)
                .setRewardBus(d -> bus[0] = new RecordingBus(
                        new InProcessRewardBus(List.of(TinyRuns.scorer(deadlines)), d.references())))
                .optEvaluationRegistry(TinyRuns.REGISTRY)
                .optProgress(ProgressReporter.silent())
                .build()
                .run();
        assertEquals(config.scst().steps(), summary.steps());
        return bus[0];
    }
}
