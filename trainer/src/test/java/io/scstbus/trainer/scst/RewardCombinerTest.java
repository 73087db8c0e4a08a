package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.JoinStats;
import io.scstbus.trainer.bus.StepRewards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RewardCombinerTest {

    private static final RolloutKey A = Keys.rollout("r", 1, "a");
    private static final RolloutKey B = Keys.rollout("r", 1, "b");
    private static final RolloutKey C = Keys.rollout("r", 1, "c");

    private static Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("cider_d", 1.0);
        w.put("count_abs", -0.5);
        w.put("length", 0.0);
        return w;
    }

    private static SignalScore ok(String signal, double value) {
        return SignalScore.newBuilder().setSignal(signal).setStatus(ScoreStatus.OK).setValue(value).build();
    }

    private static CandidateRewards candidate(int index, boolean greedy, SignalScore... scores) {
        Map<String, SignalScore> m = new LinkedHashMap<>();
        for (SignalScore s : scores) {
            m.put(s.getSignal(), s);
        }
        return new CandidateRewards(index, greedy, m);
    }

    @Test
    void totalIsTheWeightedSumAndZeroWeightSignalsOnlyReport() {
        GroupRewards a = new GroupRewards(A,
                List.of(candidate(0, false, ok("cider_d", 2), ok("count_abs", 2), ok("length", 9)),
                        candidate(1, false, ok("cider_d", 1), ok("count_abs", 0), ok("length", 5))),
                candidate(2, true, ok("cider_d", 0.5), ok("count_abs", 1), ok("length", 7)));
        CombinedRewards out = new RewardCombiner(weights(), new RewardNormalizer(RewardNormalization.NONE))
                .combine(List.of(A), new StepRewards(Map.of(A, a), List.of(), JoinStats.ZERO));
        assertEquals(1, out.groups().size());
        assertArrayEquals(new double[] {1.0, 1.0}, out.groups().get(0).samples(), 1e-12);
        assertEquals(0.0, out.groups().get(0).greedy(), 1e-12);
        assertEquals(7.0, out.meanRawSample().get("length"), 1e-12);
    }

    @Test
    void aNonOkScoreOnAWeightedSignalLeavesTheGroupOutAndAMissingGroupIsCounted() {
        SignalScore timeout = SignalScore.newBuilder().setSignal("count_abs").setStatus(ScoreStatus.TIMEOUT)
                .setReason("deadline").build();
        SignalScore lengthError = SignalScore.newBuilder().setSignal("length").setStatus(ScoreStatus.ERROR).build();
        GroupRewards bad = new GroupRewards(A,
                List.of(candidate(0, false, ok("cider_d", 2), timeout, ok("length", 1))),
                candidate(1, true, ok("cider_d", 1), ok("count_abs", 1), ok("length", 1)));
        GroupRewards fine = new GroupRewards(B,
                List.of(candidate(0, false, ok("cider_d", 2), ok("count_abs", 0), lengthError)),
                candidate(1, true, ok("cider_d", 1), ok("count_abs", 1), ok("length", 1)));
        CombinedRewards out = new RewardCombiner(weights(), new RewardNormalizer(RewardNormalization.NONE))
                .combine(List.of(A, B, C), new StepRewards(Map.of(A, bad, B, fine), List.of(C), JoinStats.ZERO));
        assertEquals(List.of(A), out.leftOutNotOk());
        assertEquals(List.of(C), out.missing());
        assertEquals(List.of(B), out.groups().stream().map(GroupReward::key).toList(),
                "a non-OK score on a weight-0 signal does not exclude the group");
        assertTrue(out.firstReasons().get(0).contains("TIMEOUT"), out.firstReasons().toString());
    }

    @Test
    void anEmptySampleGetsTheFloorBelowItsGroupInsteadOfDroppingIt() {
        SignalScore invalid = SignalScore.newBuilder().setSignal("cider_d").setStatus(ScoreStatus.INVALID)
                .setReason("caption is empty").build();
        SignalScore invalidCount = SignalScore.newBuilder().setSignal("count_abs").setStatus(ScoreStatus.INVALID)
                .setReason("caption is empty").build();
        GroupRewards a = new GroupRewards(A,
                List.of(candidate(0, false, ok("cider_d", 2), ok("count_abs", 0)),
                        candidate(1, false, invalid, invalidCount)),
                candidate(2, true, ok("cider_d", 0.5), ok("count_abs", 1)));
        CombinedRewards out = new RewardCombiner(weights(), new RewardNormalizer(RewardNormalization.NONE),
                new EmptySamples(0.25, null))
                .combine(List.of(A), new StepRewards(Map.of(A, a), List.of(), JoinStats.ZERO), Map.of(A, Set.of(1)));
        assertEquals(List.of(A), out.groups().stream().map(GroupReward::key).toList());
        // sample 0: 2.0, greedy: 0.5 - 0.5 = 0.0; the empty sample: lowest (0.0) minus the margin
        assertArrayEquals(new double[] {2.0, -0.25}, out.groups().get(0).samples(), 1e-12);
        assertEquals(1, out.emptySamples());
    }

    @Test
    void anEmptyGreedyCaptionStillLeavesItsGroupOut() {
        SignalScore invalid = SignalScore.newBuilder().setSignal("cider_d").setStatus(ScoreStatus.INVALID)
                .setReason("caption is empty").build();
        GroupRewards a = new GroupRewards(A, List.of(candidate(0, false, ok("cider_d", 2), ok("count_abs", 0))),
                candidate(1, true, invalid, ok("count_abs", 1)));
        CombinedRewards out = new RewardCombiner(weights(), new RewardNormalizer(RewardNormalization.NONE))
                .combine(List.of(A), new StepRewards(Map.of(A, a), List.of(), JoinStats.ZERO), Map.of());
        assertEquals(List.of(A), out.leftOutNotOk());
    }

    @Test
    void aFixedEmptySampleRewardOverridesTheFloor() {
        assertEquals(-3.0, new EmptySamples(1.0, -3.0).floor(new double[] {5, 6}), 1e-12);
        assertEquals(4.0, EmptySamples.DEFAULT.floor(new double[] {5, 6}), 1e-12);
    }
}
