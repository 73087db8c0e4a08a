package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TokenStatisticsTest {

    @Test
    void entropyAndVarentropyOfAHandComputedDistribution() {
        // p = (1/2, 1/4, 1/4): H = 1.5 ln 2; log p + H = (ln2/2, -ln2/2, -ln2/2); varentropy = (ln 2)^2 / 4
        double ln2 = Math.log(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new float[] {0.5f, 0.25f, 0.25f}).log().expandDims(0);
            NDArray h = TokenStatistics.entropy(logProbs);
            NDArray v = TokenStatistics.varentropy(logProbs, h);
            assertEquals(1.5 * ln2, h.getFloat(0), 1e-6);
            assertEquals(ln2 * ln2 / 4, v.getFloat(0), 1e-6);
        }
    }

    @Test
    void aUniformDistributionHasNoVarentropyAndMaskedTokensCountAsZeroProbability() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // four equal logits and one masked with -1e9, as decoding masks pad/bos/unk
            NDArray logits = manager.create(new float[] {0f, 0f, 0f, 0f, -1e9f}).expandDims(0);
            NDArray logProbs = logits.logSoftmax(1);
            NDArray h = TokenStatistics.entropy(logProbs);
            assertEquals(Math.log(4), h.getFloat(0), 1e-6);
            assertEquals(0, TokenStatistics.varentropy(logProbs, h).getFloat(0), 1e-6);
        }
    }
}
