package io.scstbus.rewards.metrics;

/** Averages computed the way numpy computes them, so corpus means match pycocoevalcap's to the bit. */
final class Means {

    private static final int BLOCK = 128;

    private Means() {
    }

    /** {@code np.mean} of a float64 vector: pairwise summation, then / n. NaN for no values. */
    static double numpyMean(double[] values) {
        return values.length == 0 ? Double.NaN : pairwiseSum(values, 0, values.length) / values.length;
    }

    /** numpy's {@code pairwise_sum}: plain loop under 8, eight accumulators up to 128, halves beyond. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
