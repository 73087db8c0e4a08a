package io.scstbus.rewards.signals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciles the counts several reference captions state for one object: the most frequent count wins;
 * on a tie the larger, because annotators miss objects more often than they invent them. Null when
 * no caption states a count.
 */
public final class CountVote {

    private CountVote() {
    }

    public static Integer winner(List<Integer> counts) {
        Map<Integer, Integer> votes = new HashMap<>();
        Integer best = null;
        int bestVotes = 0;
        for (Integer count : counts) {
            int v = votes.merge(count, 1, Integer::sum);
            if (v > bestVotes || v == bestVotes && count > best) {
                best = count;
                bestVotes = v;
            }
        }
        return best;
    }
}
