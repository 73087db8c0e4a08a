package io.scstbus.trainer.sweep;

/**
 * Mean, sample standard deviation and the two-sided 95 % t-interval of a mean (for paired
 * differences: the mean of per-seed SCST - CE). NaN where undefined (fewer than two values).
 */
public record PairedInterval(int n, double mean, double std, double low, double high) {

    /** t quantiles at 0.975 for 1..30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    public static PairedInterval of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new PairedInterval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new PairedInterval(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / (n - 1));
        double half = t975(n - 1) * std / Math.sqrt(n);
        return new PairedInterval(n, mean, std, mean - half, mean + half);
    }

    /**
     * The 0.975 quantile of Student's t: the table up to 30 degrees of freedom, beyond it the normal
     * quantile with the first Cornish-Fisher term (1.96 + 2.372 / df; exact to 0.001 there).
     */
    static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        return df <= T975.length ? T975[df - 1] : 1.959964 + 2.3722 / df;
    }

    /** Whether the interval lies wholly above 0. */
    public boolean above(double value) {
        return low > value;
    }
}
