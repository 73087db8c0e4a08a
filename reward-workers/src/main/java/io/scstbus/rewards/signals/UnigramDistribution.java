package io.scstbus.rewards.signals;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unigram distribution over tokens: for vocab_kl, that of a dataset's training reference captions
 * (every caption of every training image, tokenised by the shared tokenizer). Immutable.
 */
public final class UnigramDistribution {

    private final Map<String, Long> counts;
    private final long total;

    private UnigramDistribution(Map<String, Long> counts, long total) {
        this.counts = Collections.unmodifiableMap(counts);
        this.total = total;
    }

    /** Counts the tokens of {@code sentences}. */
    public static UnigramDistribution of(Iterable<List<String>> sentences) {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (List<String> sentence : sentences) {
            for (String token : sentence) {
                counts.merge(token, 1L, Long::sum);
                total++;
            }
        }
        return new UnigramDistribution(counts, total);
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Distinct tokens (types). */
    public int types() {
        return counts.size();
    }

    public long tokens() {
        return total;
    }

    /** Token to count, unmodifiable. */
    public Map<String, Long> counts() {
        return counts;
    }

    public boolean contains(String token) {
        return counts.containsKey(token);
    }

    public double probability(String token) {
        return total == 0 ? 0.0 : counts.getOrDefault(token, 0L) / (double) total;
    }
}
