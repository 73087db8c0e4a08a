package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.scst.CombinedRewards;
import io.scstbus.trainer.scst.GroupReward;
import java.util.HashMap;
import java.util.Map;

/** A joined step with the trainer's totals (per included group) and advantages (per sample). */
public record ScoredStep(JoinedStep joined, CombinedRewards combined, Map<RolloutKey, double[]> advantages) {

    public ScoredStep {
        advantages = Map.copyOf(advantages);
    }

    public long step() {
        return joined.step();
    }

    /** The included groups' totals by key. */
    public Map<RolloutKey, GroupReward> totals() {
        Map<RolloutKey, GroupReward> out = new HashMap<>();
        combined.groups().forEach(g -> out.put(g.key(), g));
        return out;
    }

    /** included, left_out (a weighted score not OK) or dropped (incomplete after the re-request). */
    public String status(RolloutKey key) {
        if (advantages.containsKey(key)) {
            return "included";
        }
        return combined.leftOutNotOk().contains(key) ? "left_out" : "dropped";
    }
}
