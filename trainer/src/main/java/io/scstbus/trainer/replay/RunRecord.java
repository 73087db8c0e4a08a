package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;

/** One record of a run, in the reader's timestamp order: a rollout group or a (partial) reward result. */
public record RunRecord(RolloutGroup rollout, RewardResult result, long timestamp) {

    public static RunRecord of(RolloutGroup rollout, long timestamp) {
        return new RunRecord(rollout, null, timestamp);
    }

    public static RunRecord of(RewardResult result, long timestamp) {
        return new RunRecord(null, result, timestamp);
    }

    public boolean isRollout() {
        return rollout != null;
    }

    public long step() {
        return isRollout() ? rollout.getKey().getStep() : result.getKey().getStep();
    }
}
