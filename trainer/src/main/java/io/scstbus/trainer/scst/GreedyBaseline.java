package io.scstbus.trainer.scst;

/** SCST (Rennie et al., 2017): advantage = r(sample) - r(greedy). */
public final class GreedyBaseline implements Baseline {

    @Override
    public double[] advantages(double[] samples, double greedy) {
        double[] out = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] - greedy;
        }
        return out;
    }
}
