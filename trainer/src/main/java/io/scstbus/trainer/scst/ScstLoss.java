package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.scstbus.trainer.model.OwnedArrays;

/**
 * loss = -mean over included samples of (advantage x sum log pi) + lambda x varentropy / entropy, where
 * varentropy and entropy are means over the included samples' real tokens (eos included, nothing
 * after it); the ratio of those means is used, so a near-deterministic single token cannot blow it up.
 * Scalars enter as float32 0-d arrays from {@link OwnedArrays#scalar} (a double would promote the sums to
 * float64; a {@code Number} argument would leave backward reading freed memory).
 * Rows of groups left out of the update carry include = 0 and contribute to neither term.
 */
public final class ScstLoss {

    private static final float EPS = 1e-8f;

    private ScstLoss() {
    }

    /** The loss and its parts; {@code total} carries the graph. */
    public record Terms(NDArray total, double policy, double varentropyOverEntropy, double entropy, int rows) {
    }

    /**
     * @param samples the captions sampled for the step
     * @param advantages one per row (0 for excluded rows)
     * @param include one per row, true when the row's group enters the update
     * @param lambda weight of the varentropy/entropy term (docs/design.md: 1e-4)
     */
    public static Terms compute(SampledCaptions samples, double[] advantages, boolean[] include, double lambda) {
        int rows = samples.rows();
        if (advantages.length != rows || include.length != rows) {
            throw new IllegalArgumentException("need one advantage and one include flag per sampled row: rows " + rows
                    + ", advantages " + advantages.length + ", include " + include.length);
        }
        NDManager manager = samples.logProbSums().getManager();
        float[] weighted = new float[rows];
        float[] mask = new float[rows];
        int included = 0;
        for (int i = 0; i < rows; i++) {
            if (include[i]) {
                weighted[i] = (float) advantages[i];
                mask[i] = 1f;
                included++;
            }
        }
        if (included == 0) {
            throw new IllegalArgumentException("no row is included: nothing to compute a loss on");
        }
        NDArray policy = samples.logProbSums().mul(OwnedArrays.of(manager, weighted)).sum().neg().div(OwnedArrays.scalar(manager, included));
        NDArray includeMask = OwnedArrays.of(manager, mask);
        NDArray entropy = samples.entropySums().mul(includeMask).sum();
        NDArray varentropy = samples.varentropySums().mul(includeMask).sum();
        NDArray ratio = varentropy.div(entropy.add(OwnedArrays.scalar(manager, EPS)));
        NDArray total = policy.add(ratio.mul(OwnedArrays.scalar(manager, (float) lambda)));
        int tokens = 0;
        for (int i = 0; i < rows; i++) {
            tokens += include[i] ? samples.realTokens()[i] : 0;
        }
        return new Terms(total, policy.getFloat(), ratio.getFloat(),
                tokens == 0 ? 0 : entropy.getFloat() / tokens, included);
    }
}
