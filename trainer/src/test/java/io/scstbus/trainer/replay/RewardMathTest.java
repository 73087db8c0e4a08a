package io.scstbus.trainer.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.JoinStats;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.CombinedRewards;
import io.scstbus.trainer.scst.GroupReward;
import io.scstbus.trainer.scst.RewardCombiner;
import io.scstbus.trainer.scst.RewardNormalization;
import io.scstbus.trainer.scst.RewardNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replay's totals are the trainer's combiner's, bit for bit, given the wire's spec and positions. */
class RewardMathTest {

    @Test
    void zScoreTotalsMatchTheTrainersCombinerInPublicationOrder() {
        Random random = new Random(3);
        List<RolloutGroup> published = new ArrayList<>();
        Map<RolloutKey, GroupRewards> complete = new LinkedHashMap<>();
        String[] images = {"img-q", "img-c", "img-x", "img-a", "img-m", "img-f"};
        for (int i = 0; i < images.length; i++) {
            RolloutGroup g = group(images[i], i + 1);
            published.add(g);
            complete.put(g.getKey(), rewards(g.getKey(), random));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("cider_d", 1.0);
        weights.put("sde", 0.7);
        CombinedRewards trainer = new RewardCombiner(weights, new RewardNormalizer(RewardNormalization.Z_SCORE))
                .combine(published.stream().map(RolloutGroup::getKey).toList(),
                        new StepRewards(complete, List.of(), JoinStats.ZERO));

        List<RolloutGroup> byImage = published.stream()
                .sorted(java.util.Comparator.comparing(g -> g.getKey().getImageId())).toList();
        JoinedStep joined = new JoinedStep(1, byImage, JoinedStep.publicationOrder(byImage), complete, List.of(), 0, 0, 0, 0);
        ScoredStep replay = RewardMath.of(published.get(0).getRewardSpec(), null, null).score(joined);

        assertEquals(RewardNormalization.Z_SCORE, RewardMath.of(published.get(0).getRewardSpec(), null, null).normalization());
        Map<RolloutKey, GroupReward> totals = replay.totals();
        for (GroupReward expected : trainer.groups()) {
            assertArrayEquals(expected.samples(), totals.get(expected.key()).samples());
            assertEquals(expected.greedy(), totals.get(expected.key()).greedy());
        }
    }

    private static RolloutGroup group(String image, int position) {
        RewardSpec spec = RewardSpec.newBuilder().addSignals("cider_d").addSignals("sde").putWeights("sde", 0.7)
                .putWeights("cider_d", 1.0).setBaseline(BaselineKind.LEAVE_ONE_OUT.name())
                .setNormalization(RewardNormalization.Z_SCORE.name()).build();
        RolloutGroup.Builder b = RolloutGroup.newBuilder().setKey(Keys.rollout("r", 1, image)).setRewardSpec(spec)
                .setPosition(position);
        for (int k = 0; k < 3; k++) {
            b.addSamples(Candidate.newBuilder().setSampleIndex(k).setText("c" + k));
        }
        return b.setGreedy(Candidate.newBuilder().setSampleIndex(3).setGreedy(true).setText("g")).build();
    }

    private static GroupRewards rewards(RolloutKey key, Random random) {
        List<CandidateRewards> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            samples.add(new CandidateRewards(k, false, scores(random)));
        }
        return new GroupRewards(key, samples, new CandidateRewards(3, true, scores(random)));
    }

    private static Map<String, SignalScore> scores(Random random) {
        return Map.of("cider_d", ok("cider_d", random.nextDouble() * 3), "sde", ok("sde", random.nextDouble()));
    }

    private static SignalScore ok(String signal, double value) {
        return SignalScore.newBuilder().setSignal(signal).setStatus(ScoreStatus.OK).setValue(value).build();
    }
}
