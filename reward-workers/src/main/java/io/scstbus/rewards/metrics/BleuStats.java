package io.scstbus.rewards.metrics;

import java.util.Arrays;

/**
 * The sufficient statistics of BLEU-1..4 for one candidate or, summed, for a corpus: candidate length,
 * closest reference length, and per order the candidate's n-gram count (guess) and clipped matches
 * (correct). Immutable.
 */
public final class BleuStats {

    public static final BleuStats ZERO = new BleuStats(0, 0, new long[Bleu.MAX_N], new long[Bleu.MAX_N]);

    private final long testLength;
    private final long referenceLength;
    private final long[] guess;
    private final long[] correct;

    public BleuStats(long testLength, long referenceLength, long[] guess, long[] correct) {
        if (guess.length != Bleu.MAX_N || correct.length != Bleu.MAX_N) {
            throw new IllegalArgumentException("guess and correct need " + Bleu.MAX_N + " orders, got "
                    + guess.length + " and " + correct.length);
        }
        this.testLength = testLength;
        this.referenceLength = referenceLength;
        this.guess = guess.clone();
        this.correct = correct.clone();
    }

    public long testLength() {
        return testLength;
    }

    /** The closest reference length (pycocoevalcap option {@code closest}), summed for a corpus. */
    public long referenceLength() {
        return referenceLength;
    }

    /** Number of candidate n-grams of {@code order} (1-based). */
    public long guess(int order) {
        return guess[order - 1];
    }

    /** Candidate n-grams of {@code order} matched in a reference, clipped by the reference counts. */
    public long correct(int order) {
        return correct[order - 1];
    }

    /** Statistics of a corpus holding both. */
    public BleuStats plus(BleuStats other) {
        long[] sumGuess = new long[Bleu.MAX_N];
        long[] sumCorrect = new long[Bleu.MAX_N];
        for (int k = 0; k < Bleu.MAX_N; k++) {
            sumGuess[k] = guess[k] + other.guess[k];
            sumCorrect[k] = correct[k] + other.correct[k];
        }
        return new BleuStats(testLength + other.testLength, referenceLength + other.referenceLength,
                sumGuess, sumCorrect);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BleuStats other && testLength == other.testLength
                && referenceLength == other.referenceLength && Arrays.equals(guess, other.guess)
                && Arrays.equals(correct, other.correct);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(testLength) * 31 + Long.hashCode(referenceLength) * 17
                + Arrays.hashCode(guess) * 7 + Arrays.hashCode(correct);
    }

    @Override
    public String toString() {
        return "BleuStats{testlen=" + testLength + ", reflen=" + referenceLength + ", guess="
                + Arrays.toString(guess) + ", correct=" + Arrays.toString(correct) + "}";
    }
}
