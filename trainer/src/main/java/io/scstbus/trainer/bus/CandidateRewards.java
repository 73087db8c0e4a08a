package io.scstbus.trainer.bus;

import io.scstbus.proto.v1.SignalScore;
import java.util.Map;

/** Every requested signal's score for one candidate caption, by signal name. */
public record CandidateRewards(int sampleIndex, boolean greedy, Map<String, SignalScore> scores) {

    public CandidateRewards {
        scores = Map.copyOf(scores);
    }
}
