package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGrams;
import java.util.ArrayList;
import java.util.List;

/**
 * BLEU-1..4 as pycocoevalcap's {@code Bleu(4)} computes it (option {@code closest}): clipped n-gram
 * matches against the per-n-gram maximum over references, the closest reference length (ties to the
 * shorter), and its smoothing constants ({@value #TINY} on matches, {@value #SMALL} on counts), which are
 * part of every value. An item's value is sentence BLEU; a corpus value is BLEU of the summed statistics.
 */
public final class Bleu {

    public static final int MAX_N = 4;
    static final double TINY = 1e-15;
    static final double SMALL = 1e-9;

    private Bleu() {
    }

    /** BLEU-1..4 of one candidate against its references (token lists). */
    public static double[] score(List<String> candidate, List<List<String>> references) {
        NGramCounter counter = new NGramCounter();
        NGrams counted = counter.count(candidate);
        List<NGrams> refs = new ArrayList<>(references.size());
        for (List<String> reference : references) {
            refs.add(counter.count(reference));
        }
        return scores(stats(counted, refs));
    }

    /** The statistics of one candidate; all n-grams must come from one {@link NGramCounter}. */
    public static BleuStats stats(NGrams candidate, List<NGrams> references) {
        return stats(candidate, BleuReferences.of(references));
    }

    /** The statistics of one candidate against references read once for all of an image's candidates. */
    public static BleuStats stats(NGrams candidate, BleuReferences references) {
        int testLength = candidate.length();
        long[] guess = new long[MAX_N];
        long[] correct = new long[MAX_N];
        for (int k = 1; k <= MAX_N; k++) {
            guess[k - 1] = Math.max(0, testLength - k + 1);
            long matched = 0;
            for (int i = 0; i < candidate.distinct(k); i++) {
                matched += Math.min(candidate.count(k, i), references.maxCount(k, candidate.id(k, i)));
            }
            correct[k - 1] = matched;
        }
        return new BleuStats(testLength, references.closestLength(testLength), guess, correct);
    }

    /** BLEU-1..4 from statistics: sentence BLEU for one item, corpus BLEU for summed statistics. */
    public static double[] scores(BleuStats stats) {
        double[] scores = new double[MAX_N];
        double bleu = 1.0;
        for (int k = 0; k < MAX_N; k++) {
            bleu *= (stats.correct(k + 1) + TINY) / (stats.guess(k + 1) + SMALL);
            scores[k] = Math.pow(bleu, 1.0 / (k + 1));
        }
        double ratio = (stats.testLength() + TINY) / (stats.referenceLength() + SMALL);
        if (ratio < 1) {
            double brevity = Math.exp(1 - 1 / ratio);
            for (int k = 0; k < MAX_N; k++) {
                scores[k] *= brevity;
            }
        }
        return scores;
    }
}
