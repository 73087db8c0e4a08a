package io.scstbus.trainer.scst;

/**
 * New SCST (Luo, 2020): advantage = r(sample i) - mean of the other K - 1 samples' rewards. The
 * greedy caption is still published and scored, for monitoring, but does not enter the advantage.
 */
public final class LeaveOneOutBaseline implements Baseline {

    @Override
    public double[] advantages(double[] samples, double greedy) {
        int k = samples.length;
        if (k < 2) {
            throw new IllegalArgumentException("the leave-one-out baseline needs at least 2 samples per image, got " + k);
        }
        double sum = 0;
        for (double r : samples) {
            sum += r;
        }
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = samples[i] - (sum - samples[i]) / (k - 1);
        }
        return out;
    }
}
