package io.scstbus.trainer.scst;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import java.util.List;
import java.util.Map;

/** Builds the wire's rollout groups: one image at one step, K samples then the greedy caption. */
public final class RolloutGroups {

    private RolloutGroups() {
    }

    /** The spec every group of a run carries: the signals waited on, with their weights. */
    public static RewardSpec spec(Map<String, Double> weights) {
        return RewardSpec.newBuilder().addAllSignals(weights.keySet()).putAllWeights(weights).build();
    }

    /**
     * The spec of a training run: signals and weights, plus the baseline and normalisation the trainer
     * applies to them, so a replay recomputes the advantages from the wire alone.
     */
    public static RewardSpec spec(Map<String, Double> weights, BaselineKind baseline, RewardNormalization normalization) {
        return spec(weights).toBuilder().setBaseline(baseline.name()).setNormalization(normalization.name()).build();
    }

    /**
     * @param samples the K sampled captions' texts, in sample-index order
     * @param sampleTokens their token counts, eos excluded
     */
    public static RolloutGroup group(String runId, long step, long policyVersion, String dataset, String imageId,
                                     List<String> samples, int[] sampleTokens, String greedy, int greedyTokens,
                                     RewardSpec spec, long createdAtMs) {
        RolloutGroup.Builder b = RolloutGroup.newBuilder()
                .setKey(Keys.rollout(runId, step, imageId))
                .setPolicyVersion(policyVersion)
                .setDataset(dataset)
                .setRewardSpec(spec)
                .setCreatedAtMs(createdAtMs)
                .setAttempt(0);
        for (int i = 0; i < samples.size(); i++) {
            b.addSamples(Candidate.newBuilder().setSampleIndex(i).setText(samples.get(i)).setTokenCount(sampleTokens[i]));
        }
        b.setGreedy(Candidate.newBuilder().setSampleIndex(samples.size()).setGreedy(true).setText(greedy)
                .setTokenCount(greedyTokens));
        return b.build();
    }
}
