package io.scstbus.trainer.scst;

/** Turns one image's rewards into the advantages of its K samples. Pure, stateless. */
public interface Baseline {

    /**
     * @param samples rewards of the K sampled captions, in sample-index order
     * @param greedy reward of the greedy caption
     * @return one advantage per sample
     */
    double[] advantages(double[] samples, double greedy);
}
