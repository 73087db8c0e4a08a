package io.scstbus.rewards.metrics.spice;

import java.util.List;

/**
 * Precision, recall and F1 of a candidate's tuples against the reference tuples. Precision is the share of
 * candidate tuples that match some reference tuple, recall the share of reference tuples that some candidate
 * tuple matches; F1 is 0 where either is 0 (SPICE 1.0's rule).
 */
public record SpiceScore(double precision, double recall, double f, int candidateTuples, int referenceTuples) {

    /** Scores over tuples; with no reference tuple precision and recall are 0 (SPICE's "All" row). */
    public static SpiceScore of(List<Tuple> candidate, List<Tuple> references) {
        double precision = candidate.isEmpty() ? 0 : (double) matched(candidate, references) / candidate.size();
        double recall = references.isEmpty() ? 0 : (double) matched(references, candidate) / references.size();
        double f = precision > 0 && recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new SpiceScore(precision, recall, f, candidate.size(), references.size());
    }

    /** As {@link #of}, but undefined (NaN) without reference tuples: SPICE's per-category rows skip such images. */
    public static SpiceScore ofCategory(List<Tuple> candidate, List<Tuple> references) {
        if (references.isEmpty()) {
            return new SpiceScore(Double.NaN, Double.NaN, Double.NaN, candidate.size(), 0);
        }
        return of(candidate, references);
    }

    private static int matched(List<Tuple> tuples, List<Tuple> others) {
        int matched = 0;
        for (Tuple tuple : tuples) {
            if (others.stream().anyMatch(tuple::matches)) {
                matched++;
            }
        }
        return matched;
    }
}
