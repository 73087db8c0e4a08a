package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGrams;
import java.util.Arrays;
import java.util.List;

/**
 * What BLEU reads of a candidate's references (pycocoevalcap's {@code cook_refs}): their lengths and,
 * per n-gram, its largest count in any of them. Built once per reference set, it serves every candidate
 * of that image with one lookup per n-gram. The n-grams come from one {@link io.scstbus.rewards.text.NGramCounter}
 * (or counters extending one), as the candidates' must. Immutable.
 */
public final class BleuReferences {

    private final int[] lengths;
    /** Per order, the distinct n-gram ids of all references, ascending, and each one's largest count. */
    private final int[][] ids = new int[NGrams.MAX_ORDER][];
    private final int[][] maxCounts = new int[NGrams.MAX_ORDER][];

    private BleuReferences(List<NGrams> references) {
        lengths = new int[references.size()];
        for (int r = 0; r < lengths.length; r++) {
            lengths[r] = references.get(r).length();
        }
        for (int k = 1; k <= NGrams.MAX_ORDER; k++) {
            int total = 0;
            for (NGrams reference : references) {
                total += reference.distinct(k);
            }
            // id in the high half, count in the low: sorted, each id's run ends with its largest count
            long[] packed = new long[total];
            int next = 0;
            for (NGrams reference : references) {
                for (int i = 0; i < reference.distinct(k); i++) {
                    packed[next++] = (long) reference.id(k, i) << 32 | reference.count(k, i);
                }
            }
            Arrays.sort(packed);
            int distinct = 0;
            for (int i = 0; i < total; i++) {
                if (i == total - 1 || (int) (packed[i] >>> 32) != (int) (packed[i + 1] >>> 32)) {
                    packed[distinct++] = packed[i];
                }
            }
            ids[k - 1] = new int[distinct];
            maxCounts[k - 1] = new int[distinct];
            for (int i = 0; i < distinct; i++) {
                ids[k - 1][i] = (int) (packed[i] >>> 32);
                maxCounts[k - 1][i] = (int) packed[i];
            }
        }
    }

    public static BleuReferences of(List<NGrams> references) {
        return new BleuReferences(references);
    }

    /** The largest count of n-gram {@code id} of {@code order} in any reference; 0 if in none. */
    int maxCount(int order, int id) {
        int index = Arrays.binarySearch(ids[order - 1], id);
        return index >= 0 ? maxCounts[order - 1][index] : 0;
    }

    /** The reference length closest to {@code testLength}, the shorter on a tie; 0 without references. */
    int closestLength(int testLength) {
        int closest = -1;
        for (int length : lengths) {
            int distance = Math.abs(length - testLength);
            int best = Math.abs(closest - testLength);
            if (closest < 0 || distance < best || (distance == best && length < closest)) {
                closest = length;
            }
        }
        return Math.max(closest, 0);
    }
}
