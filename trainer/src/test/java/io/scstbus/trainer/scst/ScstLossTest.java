package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ScstLossTest {

    @Test
    void policyTermIsMinusTheMeanAdvantageWeightedLogProbOfIncludedRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SampledCaptions samples = new SampledCaptions(new int[3][0],
                    manager.create(new float[] {-1f, -2f, -4f}),
                    manager.create(new float[] {2f, 2f, 100f}),
                    manager.create(new float[] {1f, 3f, 100f}),
                    new int[] {2, 2, 2}, 1);
            ScstLoss.Terms terms = ScstLoss.compute(samples, new double[] {1.0, -1.0, 5.0},
                    new boolean[] {true, true, false}, 0.5);
            // policy: -((-1)(1) + (-2)(-1)) / 2 = -0.5; V/E over included rows: (1 + 3) / (2 + 2) = 1
            assertEquals(-0.5, terms.policy(), 1e-6);
            assertEquals(1.0, terms.varentropyOverEntropy(), 1e-6);
            assertEquals(-0.5 + 0.5 * 1.0, terms.total().getFloat(), 1e-6);
            assertEquals(1.0, terms.entropy(), 1e-6);
            assertEquals(2, terms.rows());
        }
    }
}
