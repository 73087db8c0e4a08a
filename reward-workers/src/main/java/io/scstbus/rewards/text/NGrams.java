package io.scstbus.rewards.text;

/**
 * The distinct 1..4-grams of one token sequence and how often each occurs, by order. Ids ascend within
 * an order and come from the {@link NGramCounter} that counted the sequence. Immutable.
 */
public final class NGrams {

    /** BLEU-4 and CIDEr use 1- to 4-grams. */
    public static final int MAX_ORDER = 4;

    private final int length;
    private final int[][] ids;
    private final int[][] counts;

    NGrams(int length, int[][] ids, int[][] counts) {
        this.length = length;
        this.ids = ids;
        this.counts = counts;
    }

    /** Number of tokens in the sequence. */
    public int length() {
        return length;
    }

    /** Number of distinct n-grams of {@code order} (1-based). */
    public int distinct(int order) {
        return ids[order - 1].length;
    }

    /** The {@code index}-th distinct n-gram id of {@code order}, ascending. */
    public int id(int order, int index) {
        return ids[order - 1][index];
    }

    /** How often the {@code index}-th distinct n-gram of {@code order} occurs. */
    public int count(int order, int index) {
        return counts[order - 1][index];
    }

    /** How often n-gram {@code id} of {@code order} occurs; 0 if it does not. */
    public int countOf(int order, int id) {
        int[] sorted = ids[order - 1];
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int value = sorted[middle];
            if (value < id) {
                low = middle + 1;
            } else if (value > id) {
                high = middle - 1;
            } else {
                return counts[order - 1][middle];
            }
        }
        return 0;
    }
}
