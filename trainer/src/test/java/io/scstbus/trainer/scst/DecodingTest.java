package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.model.DecoderStep;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecodingTest {

    // pad, bos, eos, unk, w1, w2: pad/bos/unk would dominate if they were not masked
    private static final float[] LOGITS = {5f, 5f, 0f, 5f, 0f, (float) Math.log(2)};
    // after masking: eos 1/4, w1 1/4, w2 1/2
    private static final double[] LOG_P = {0, 0, Math.log(0.25), 0, Math.log(0.25), Math.log(0.5)};

    @Test
    void logProbsAndEntropiesStopAtEachRowsEos() {
        int rows = 200;
        int maxLength = 6;
        try (NDManager manager = NDManager.newBaseManager()) {
            SampledCaptions s = Decoding.sample(new ConstantCaptioner(manager), new NDList(manager.zeros(new Shape(rows, 1))),
                    1, 1.0, maxLength, new SplittableRandom(5));
            float[] logProbs = s.logProbSums().toFloatArray();
            float[] entropies = s.entropySums().toFloatArray();
            int early = 0;
            for (int i = 0; i < rows; i++) {
                int[] tokens = s.tokens()[i];
                double expected = 0;
                for (int t : tokens) {
                    assertTrue(t == Vocabulary.EOS_ID || t >= 4, "special token " + t + " sampled");
                    expected += LOG_P[t];
                }
                int eos = java.util.Arrays.stream(tokens).boxed().toList().indexOf(Vocabulary.EOS_ID);
                assertTrue(eos == -1 ? tokens.length == maxLength + 1 : eos == tokens.length - 1, "nothing after eos");
                early += eos >= 0 && eos < maxLength ? 1 : 0;
                assertEquals(tokens.length, s.realTokens()[i]);
                assertEquals(expected, logProbs[i], 1e-4, "row " + i + " tokens " + java.util.Arrays.toString(tokens));
                assertEquals(tokens.length * 1.5 * Math.log(2), entropies[i], 1e-4);
            }
            assertTrue(early > 50 && early < rows, "rows finish at different steps: " + early + " finished early");
        }
    }

    @Test
    void rescoringSampledCaptionsGivesTheSamplingPassesValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConstantCaptioner model = new ConstantCaptioner(manager);
            NDList encoded = new NDList(manager.zeros(new Shape(40, 1)));
            SampledCaptions sampled = Decoding.sample(model, encoded, 2, 0.7, 6, new SplittableRandom(9));
            SampledCaptions rescored = Decoding.rescore(model, encoded, sampled.tokens(), 2, 0.7, 6);
            assertArrayEquals(sampled.logProbSums().toFloatArray(), rescored.logProbSums().toFloatArray(), 1e-6f);
            assertArrayEquals(sampled.entropySums().toFloatArray(), rescored.entropySums().toFloatArray(), 1e-6f);
            assertArrayEquals(sampled.varentropySums().toFloatArray(), rescored.varentropySums().toFloatArray(), 1e-6f);
            assertArrayEquals(sampled.realTokens(), rescored.realTokens());
        }
    }

    @Test
    void rescoringRejectsARowThatDecodingCannotYield() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[][] tokens = {{4, 5, Vocabulary.EOS_ID}, {4, Vocabulary.EOS_ID, 5}};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Decoding.rescore(
                    new ConstantCaptioner(manager), new NDList(manager.zeros(new Shape(2, 1))), tokens, 1, 1.0, 6));
            assertTrue(e.getMessage().startsWith("row 1 "), e.getMessage());
        }
    }

    @Test
    void greedyTakesTheMostLikelyUnmaskedTokenUntilMaxLength() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[][] tokens = Decoding.greedy(new ConstantCaptioner(manager), new NDList(manager.zeros(new Shape(2, 1))), 4);
            assertEquals(2, tokens.length);
            assertEquals(5, tokens[0].length, "max length words and no eos: cut after max length + 1 steps");
            for (int t : tokens[1]) {
                assertEquals(5, t);
            }
        }
    }

    /** A captioner whose next-token logits never change: enough to check decoding's bookkeeping. */
    private static final class ConstantCaptioner implements Captioner {
        private final NDManager manager;

        ConstantCaptioner(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public int vocabularySize() {
            return LOGITS.length;
        }

        @Override
        public int imageSize() {
            return 8;
        }

        @Override
        public NDList encode(NDArray images, boolean training) {
            return new NDList(images);
        }

        @Override
        public NDList initialState(NDList encoded, boolean training) {
            return new NDList(encoded.get(0));
        }

        @Override
        public DecoderStep step(NDList encoded, NDList state, NDArray previousTokens, boolean training) {
            long n = previousTokens.getShape().get(0);
            NDArray logits = previousTokens.getManager().create(LOGITS).expandDims(0).repeat(0, n);
            return new DecoderStep(logits, state);
        }

        @Override
        public PairList<String, Parameter> parameters() {
            return new PairList<>();
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public void saveParameters(Path file) {
        }

        @Override
        public void loadParameters(Path file) {
        }

        @Override
        public void close() {
        }
    }
}
