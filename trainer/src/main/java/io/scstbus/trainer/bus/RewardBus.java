package io.scstbus.trainer.bus;

import io.scstbus.proto.v1.RolloutGroup;
import java.util.List;

/**
 * Where the trainer gets rewards: publish one step's rollout groups, then collect their joined
 * results. Incomplete groups are re-requested once, then reported as dropped; never scored as 0.
 * Up to two steps may be in flight ({@code --max-staleness 1}): step t+1 is published before step t
 * is collected, and results of either are kept for whichever is collected.
 */
public interface RewardBus extends AutoCloseable {

    /** Sends the step's groups; their deadline starts now. */
    void publish(long step, List<RolloutGroup> groups);

    /** Waits for the rewards of a published step and forgets it. */
    StepRewards collect(long step);

    /** Publishes and collects one step. */
    default StepRewards exchange(long step, List<RolloutGroup> groups) {
        publish(step, groups);
        return collect(step);
    }

    @Override
    void close();
}
