package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InverseCdfSamplerTest {

    @Test
    void frequenciesMatchTheDistributionWithAFixedSeed() {
        float[] p = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f};
        int n = 20_000;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray probs = manager.create(p).expandDims(0).repeat(0, n);
            NDArray u = InverseCdfSampler.uniforms(manager, new SplittableRandom(42), n);
            int[] tokens = InverseCdfSampler.sample(probs, u).toType(DataType.INT32, false).toIntArray();
            int[] counts = new int[p.length];
            for (int t : tokens) {
                counts[t]++;
            }
            // chi-square with 3 degrees of freedom (token 0 has probability 0): 99.9% quantile is 16.27
            double chi2 = 0;
            for (int v = 1; v < p.length; v++) {
                double expected = n * p[v];
                chi2 += (counts[v] - expected) * (counts[v] - expected) / expected;
            }
            assertEquals(0, counts[0], "a zero-probability token is never drawn");
            assertEquals(0, chi2, 16.27, "chi-square " + chi2 + " for counts " + java.util.Arrays.toString(counts));
            assertEquals(new Shape(n), InverseCdfSampler.sample(probs, u).getShape());
        }
    }

    @Test
    void uniformsAtTheEdgesPickTheFirstAndLastPossibleToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // the second row sums to 0.9999, as rounding can leave it
            NDArray probs = manager.create(new float[] {0.5f, 0.5f, 0f, 0.25f, 0.7499f, 0f}, new Shape(2, 3));
            NDArray u = manager.create(new float[] {0f, 0.99995f});
            int[] tokens = InverseCdfSampler.sample(probs, u).toType(DataType.INT32, false).toIntArray();
            assertEquals(0, tokens[0]);
            assertEquals(1, tokens[1], "a u above a total below 1 takes the last possible token, not a zero-probability one");
        }
    }

    @Test
    void theSameSeedAndStepGiveTheSameUniforms() {
        SplittableRandom a = InverseCdfSampler.forStep(7, 3);
        SplittableRandom b = InverseCdfSampler.forStep(7, 3);
        SplittableRandom c = InverseCdfSampler.forStep(7, 4);
        double first = a.nextDouble();
        assertEquals(first, b.nextDouble());
        org.junit.jupiter.api.Assertions.assertNotEquals(first, c.nextDouble());
    }
}
