package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.GroupRewards;
import java.util.List;
import java.util.Map;

/**
 * One step of a run after the join: its rollout groups (first publication of each key) sorted by image
 * id, the groups whose every requested score arrived, and the counts the trainer also keeps.
 *
 * @param rerequested rollout records republished by the trainer (attempt > 0)
 * @param scoresReceived first scores accepted by the joiner (the trainer's {@code results_received})
 * @param scoresExpected candidates x requested signals over the step's groups
 * @param duplicates results whose every score had already arrived
 */
public record JoinedStep(long step, List<RolloutGroup> groups, Map<RolloutKey, GroupRewards> complete,
                         List<RolloutKey> dropped, long rerequested, long scoresReceived, long scoresExpected,
                         long duplicates) {

    public JoinedStep {
        groups = List.copyOf(groups);
        complete = Map.copyOf(complete);
        dropped = List.copyOf(dropped);
    }
}
