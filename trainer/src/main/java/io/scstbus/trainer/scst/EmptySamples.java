package io.scstbus.trainer.scst;

import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reward of an empty (or whitespace-only) sampled caption. Workers answer such a caption INVALID,
 * and leaving its group out of the update would let a policy emit nothing at no cost; so the trainer
 * gives it a floor instead: the lowest total reward of the rest of its group (its other samples and its
 * greedy caption) minus {@code margin}, or {@code fixedReward} when one is set. An empty greedy caption
 * keeps the general rule (its group is left out: there is no baseline).
 *
 * @param margin how far below the group's lowest reward the floor lies (>= 0)
 * @param fixedReward a fixed reward for every empty sample instead of the group-relative floor; null = none
 */
public record EmptySamples(double margin, Double fixedReward) {

    /** The presets' rule: one reward unit below the group's lowest. */
    public static final EmptySamples DEFAULT = new EmptySamples(1.0, null);

    public EmptySamples {
        if (!Double.isFinite(margin) || margin < 0) {
            throw new IllegalArgumentException("scst.empty_sample_margin must be a finite number >= 0, got " + margin);
        }
        if (fixedReward != null && !Double.isFinite(fixedReward)) {
            throw new IllegalArgumentException("scst.empty_sample_reward must be finite or absent, got " + fixedReward);
        }
    }

    /** The floor for a group whose non-empty candidates (greedy included) got {@code others}. */
    public double floor(double[] others) {
        if (fixedReward != null) {
            return fixedReward;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : others) {
            lowest = Math.min(lowest, v);
        }
        return lowest - margin;
    }

    /** Whether a caption counts as empty: nothing but whitespace. */
    public static boolean isEmpty(String caption) {
        return caption == null || caption.isBlank();
    }

    /** Per rollout key, the sample indices whose text is empty (groups without any are absent). */
    public static Map<RolloutKey, Set<Integer>> of(List<RolloutGroup> groups) {
        Map<RolloutKey, Set<Integer>> out = new HashMap<>();
        for (RolloutGroup group : groups) {
            for (Candidate sample : group.getSamplesList()) {
                if (isEmpty(sample.getText())) {
                    out.computeIfAbsent(group.getKey(), k -> new HashSet<>()).add(sample.getSampleIndex());
                }
            }
        }
        return out;
    }
}
