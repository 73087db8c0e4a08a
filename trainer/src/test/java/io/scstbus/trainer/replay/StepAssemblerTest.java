package io.scstbus.trainer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step closing and joining as the trainer saw it, on hand-made records (no broker). */
class StepAssemblerTest {

    private final List<JoinedStep> closed = new ArrayList<>();
    private final StepAssembler assembler = new StepAssembler(closed::add);

    @Test
    void aStepClosesWhenTheNextStepsFirstRolloutArrives() {
        assembler.accept(RunRecord.of(group(1, "b"), 1));
        assembler.accept(RunRecord.of(result(1, "b", 0.5), 2));
        assertEquals(0, closed.size());
        assembler.accept(RunRecord.of(group(2, "a"), 3));
        assertEquals(1, closed.size());
        assertEquals(1, closed.get(0).complete().size());
    }

    @Test
    void aResultAfterItsStepClosedIsLateAndItsGroupDropped() {
        assembler.accept(RunRecord.of(group(1, "a"), 1));
        assembler.accept(RunRecord.of(group(2, "a"), 2));
        assembler.accept(RunRecord.of(result(1, "a", 0.5), 3));
        assembler.finish();
        assertEquals(1, assembler.lateResults());
        assertEquals(List.of(Keys.rollout("r", 1, "a")), closed.get(0).dropped());
    }

    @Test
    void aResultProducedAfterTheNextStepStartedIsLateThoughStampedWithItsRolloutsTime() {
        assembler.accept(RunRecord.of(group(1, "a").toBuilder().setCreatedAtMs(1_000).build(), 1_000));
        assembler.accept(RunRecord.of(result(1, "a", 0.5).toBuilder().setProducedAtMs(2_500).build(), 1_000));
        assembler.accept(RunRecord.of(group(2, "a").toBuilder().setCreatedAtMs(2_000).build(), 2_000));
        assertEquals(1, assembler.lateResults());
        assertEquals(List.of(Keys.rollout("r", 1, "a")), closed.get(0).dropped());
    }

    @Test
    void theFirstScoreWinsAndTheDuplicateIsCounted() {
        assembler.accept(RunRecord.of(group(1, "a"), 1));
        assembler.accept(RunRecord.of(result(1, "a", 0.5), 2));
        assembler.accept(RunRecord.of(result(1, "a", 0.9), 3));
        assembler.finish();
        JoinedStep step = closed.get(0);
        assertEquals(1, step.duplicates());
        assertEquals(0.5, step.complete().get(Keys.rollout("r", 1, "a")).samples().get(0).scores().get("length").getValue());
    }

    @Test
    void groupsAreSortedByImageIdAndReRequestsCountedOnce() {
        assembler.accept(RunRecord.of(group(1, "c"), 1));
        assembler.accept(RunRecord.of(group(1, "a"), 1));
        assembler.accept(RunRecord.of(group(1, "c").toBuilder().setAttempt(1).build(), 2));
        assembler.finish();
        JoinedStep step = closed.get(0);
        assertEquals(List.of("a", "c"), step.groups().stream().map(g -> g.getKey().getImageId()).toList());
        assertEquals(1, step.rerequested());
    }

    private static RolloutGroup group(long step, String image) {
        return RolloutGroup.newBuilder().setKey(Keys.rollout("r", step, image)).setDataset("d")
                .setRewardSpec(RewardSpec.newBuilder().addSignals("length").putWeights("length", 1.0))
                .addSamples(Candidate.newBuilder().setSampleIndex(0).setText("a plane"))
                .setGreedy(Candidate.newBuilder().setSampleIndex(1).setGreedy(true).setText("a plane")).build();
    }

    private static RewardResult result(long step, String image, double value) {
        SignalScore score = SignalScore.newBuilder().setSignal("length").setStatus(ScoreStatus.OK).setValue(value).build();
        return RewardResult.newBuilder().setKey(Keys.rollout("r", step, image))
                .addCandidates(CandidateScores.newBuilder().setSampleIndex(0).addScores(score))
                .addCandidates(CandidateScores.newBuilder().setSampleIndex(1).setGreedy(true).addScores(score)).build();
    }
}
