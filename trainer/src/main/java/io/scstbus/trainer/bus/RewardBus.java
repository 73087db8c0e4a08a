package io.scstbus.trainer.bus;

import io.scstbus.proto.v1.RolloutGroup;
import java.util.List;

/**
 * Where the trainer gets rewards: publish one step's rollout groups and wait for their joined
 * results. Incomplete groups are re-requested once, then reported as dropped; never scored as 0.
 */
public interface RewardBus extends AutoCloseable {

    StepRewards exchange(long step, List<RolloutGroup> groups);

    @Override
    void close();
}
