package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.GroupRewards;
import java.util.List;
import java.util.Map;

/**
 * One step of a run after the join: its rollout groups (first publication of each key) sorted by image
 * id, the same keys in the trainer's publication order (from the groups' positions; image-id order
 * where a trainer did not record them), the groups whose every requested score arrived, and the
 * counts the trainer also keeps.
 *
 * @param rerequested rollout records republished by the trainer (attempt > 0)
 * @param scoresReceived first scores accepted by the joiner (the trainer's {@code results_received})
 * @param scoresExpected candidates x requested signals over the step's groups
 * @param duplicates results whose every score had already arrived
 */
public record JoinedStep(long step, List<RolloutGroup> groups, List<RolloutKey> published,
                         Map<RolloutKey, GroupRewards> complete, List<RolloutKey> dropped, long rerequested,
                         long scoresReceived, long scoresExpected, long duplicates) {

    public JoinedStep {
        groups = List.copyOf(groups);
        published = List.copyOf(published);
        complete = Map.copyOf(complete);
        dropped = List.copyOf(dropped);
    }

    /** Whether every group carries its publication position, so sums run in the trainer's order. */
    public boolean inPublicationOrder() {
        return groups.stream().allMatch(g -> g.getPosition() > 0);
    }

    /** The keys in publication order: by position where all groups have one, else by image id. */
    static List<RolloutKey> publicationOrder(List<RolloutGroup> byImage) {
        if (byImage.stream().allMatch(g -> g.getPosition() > 0)) {
            return byImage.stream().sorted(java.util.Comparator.comparingInt(RolloutGroup::getPosition))
                    .map(RolloutGroup::getKey).toList();
        }
        return byImage.stream().map(RolloutGroup::getKey).toList();
    }
}
