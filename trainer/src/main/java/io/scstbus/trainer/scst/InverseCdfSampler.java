package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.scstbus.trainer.model.OwnedArrays;
import java.util.SplittableRandom;

/**
 * Categorical sampling by inverse CDF, because DJL's PyTorch engine has no multinomial: row i picks
 * the first token j whose cumulative probability exceeds u_i, i.e. the number of cumulative
 * probabilities at or below u_i. Uniforms come from a Java {@link SplittableRandom}, so a step's samples
 * depend only on the seed, the step and the model, and a resumed run draws what the original would have.
 */
public final class InverseCdfSampler {

    private InverseCdfSampler() {
    }

    /**
     * @param probabilities (N, V), rows summing to 1; no gradient is recorded through the choice
     * @param uniforms (N,) in [0, 1)
     * @return (N,) int64 token ids
     */
    public static NDArray sample(NDArray probabilities, NDArray uniforms) {
        NDArray p = probabilities.stopGradient();
        long vocabulary = p.getShape().get(1);
        NDArray chosen = p.cumSum(1).lte(uniforms.expandDims(1)).sum(new int[] {1});
        // a u at or above a total that rounds below 1 would run past the end: take the row's last
        // token of non-zero probability instead
        NDArray ids = p.getManager().arange(vocabulary).toType(DataType.INT64, false);
        NDArray lastPossible = p.gt(0).toType(DataType.INT64, false).mul(ids).max(new int[] {1});
        return chosen.minimum(lastPossible);
    }

    /** {@code n} uniforms in [0, 1) as a float32 (n,) array on {@code manager}. */
    public static NDArray uniforms(NDManager manager, SplittableRandom random, int n) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = (float) random.nextDouble();
            if (u[i] >= 1f) {
                u[i] = Math.nextDown(1f);
            }
        }
        return OwnedArrays.of(manager, u);
    }

    /** The random stream of one SCST step: a function of the run seed and the step only. */
    public static SplittableRandom forStep(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    }
}
