package io.scstbus.trainer.bus;

import io.scstbus.proto.v1.RolloutKey;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one exchange: the groups whose every requested signal arrived (in publication
 * order), the groups left out after the re-request, and the counts.
 */
public record StepRewards(Map<RolloutKey, GroupRewards> complete, List<RolloutKey> dropped, JoinStats stats) {

    public StepRewards {
        complete = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(complete));
        dropped = List.copyOf(dropped);
    }
}
