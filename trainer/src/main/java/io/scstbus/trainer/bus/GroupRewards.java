package io.scstbus.trainer.bus;

import io.scstbus.proto.v1.RolloutKey;
import java.util.List;

/** The joined rewards of one complete rollout group: samples in sample-index order, then greedy. */
public record GroupRewards(RolloutKey key, List<CandidateRewards> samples, CandidateRewards greedy) {

    public GroupRewards {
        samples = List.copyOf(samples);
    }
}
