package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.model.DecoderStep;
import io.scstbus.trainer.model.OwnedArrays;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Autoregressive decoding: each step feeds the token just chosen (never the reference); a row stops at
 * its eos, the batch when every row has stopped or after max length + 1 steps (max length words and
 * eos). A row still going then is cut without eos: no eos is forced, so no forced choice enters the
 * loss. pad, bos and unk are never chosen: their logits are masked before the softmax, and the
 * log-probabilities the loss uses are those of that masked, temperature-scaled distribution, i.e. of
 * the policy that sampled.
 */
public final class Decoding {

    private static final float MASKED = -1e9f;

    private Decoding() {
    }

    /** K samples per image at {@code temperature}, with log-probabilities and token statistics. */
    public static SampledCaptions sample(Captioner model, NDList encoded, int samplesPerImage, double temperature,
                                         int maxLength, SplittableRandom random) {
        return decode(model, encoded, samplesPerImage, temperature, maxLength, (logProbs, t) -> InverseCdfSampler.sample(
                logProbs.exp(), InverseCdfSampler.uniforms(logProbs.getManager(), random,
                        Math.toIntExact(logProbs.getShape().get(0)))));
    }

    /**
     * The log-probabilities and token statistics of captions sampled earlier ({@link #sample}'s tokens,
     * K rows per image), under the model as it is now: the same decoding, each step fed the recorded
     * token instead of a new draw. With max staleness 1 the trainer samples without recording
     * gradients and scores the samples here, with gradients, once their rewards are in.
     */
    public static SampledCaptions rescore(Captioner model, NDList encoded, int[][] tokens, int samplesPerImage,
                                          double temperature, int maxLength) {
        SampledCaptions scored = decode(model, encoded, samplesPerImage, temperature, maxLength, (logProbs, t) -> {
            long[] ids = new long[tokens.length];
            for (int i = 0; i < ids.length; i++) {
                // a finished row's choice is masked out; repeat its eos
                ids[i] = t < tokens[i].length ? tokens[i][t] : Vocabulary.EOS_ID;
            }
            return OwnedArrays.of(logProbs.getManager(), ids);
        });
        for (int i = 0; i < tokens.length; i++) {
            if (!Arrays.equals(tokens[i], scored.tokens()[i])) {
                throw new IllegalArgumentException("row " + i + " is not a caption decoding yields: "
                        + Arrays.toString(tokens[i]) + " (eos must end it, or it must run to max length + 1)");
            }
        }
        return scored;
    }

    /** Chooses each row's next token from the step's (N, V) log-probabilities. */
    private interface TokenChoice {
        NDArray choose(NDArray logProbs, int step);
    }

    private static SampledCaptions decode(Captioner model, NDList encoded, int samplesPerImage, double temperature,
                                          int maxLength, TokenChoice choice) {
        NDList expanded = new NDList();
        for (NDArray array : encoded) {
            expanded.add(array.repeat(0, samplesPerImage));
        }
        int rows = Math.toIntExact(expanded.get(0).getShape().get(0));
        NDManager manager = expanded.get(0).getManager();
        NDArray mask = mask(manager, model.vocabularySize());
        NDArray inverseTemperature = OwnedArrays.scalar(manager, (float) (1.0 / temperature));
        NDList state = model.initialState(expanded, true);
        NDArray previous = manager.full(new ai.djl.ndarray.types.Shape(rows), (long) Vocabulary.BOS_ID);
        int[][] tokens = new int[rows][maxLength + 1];
        int[] lengths = new int[rows];
        boolean[] finished = new boolean[rows];
        NDArray logProbSums = manager.zeros(new ai.djl.ndarray.types.Shape(rows));
        NDArray entropySums = manager.zeros(new ai.djl.ndarray.types.Shape(rows));
        NDArray varentropySums = manager.zeros(new ai.djl.ndarray.types.Shape(rows));
        for (int t = 0; t <= maxLength && !allTrue(finished); t++) {
            DecoderStep out = model.step(expanded, state, previous, true);
            state = out.state();
            NDArray logProbs = out.logits().mul(inverseTemperature).add(mask).logSoftmax(1);
            NDArray entropy = TokenStatistics.entropy(logProbs);
            NDArray varentropy = TokenStatistics.varentropy(logProbs, entropy);
            NDArray chosen = choice.choose(logProbs, t);
            NDArray alive = OwnedArrays.of(manager, aliveMask(finished));
            NDArray picked = logProbs.gather(chosen.expandDims(1), 1).squeeze(1);
            logProbSums = logProbSums.add(picked.mul(alive));
            entropySums = entropySums.add(entropy.mul(alive));
            varentropySums = varentropySums.add(varentropy.mul(alive));
            int[] ids = chosen.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
            advance(ids, tokens, lengths, finished);
            previous = chosen;
        }
        return new SampledCaptions(trim(tokens, lengths), logProbSums, entropySums, varentropySums, lengths,
                samplesPerImage);
    }

    /** The most likely token at every step, one caption per row of {@code encoded}. */
    public static int[][] greedy(Captioner model, NDList encoded, int maxLength) {
        int rows = Math.toIntExact(encoded.get(0).getShape().get(0));
        NDManager manager = encoded.get(0).getManager();
        NDArray mask = mask(manager, model.vocabularySize());
        NDList state = model.initialState(encoded, false);
        NDArray previous = manager.full(new ai.djl.ndarray.types.Shape(rows), (long) Vocabulary.BOS_ID);
        int[][] tokens = new int[rows][maxLength + 1];
        int[] lengths = new int[rows];
        boolean[] finished = new boolean[rows];
        for (int t = 0; t <= maxLength && !allTrue(finished); t++) {
            DecoderStep out = model.step(encoded, state, previous, false);
            state = out.state();
            NDArray chosen = out.logits().add(mask).argMax(1);
            advance(chosen.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray(), tokens, lengths, finished);
            previous = chosen;
        }
        return trim(tokens, lengths);
    }

    /** The (V,) additive mask: 0 for words and eos, a large negative number for pad, bos, unk. */
    static NDArray mask(NDManager manager, int vocabularySize) {
        float[] mask = new float[vocabularySize];
        mask[Vocabulary.PAD_ID] = MASKED;
        mask[Vocabulary.BOS_ID] = MASKED;
        mask[Vocabulary.UNK_ID] = MASKED;
        return OwnedArrays.of(manager, mask);
    }

    private static float[] aliveMask(boolean[] finished) {
        float[] alive = new float[finished.length];
        for (int i = 0; i < alive.length; i++) {
            alive[i] = finished[i] ? 0f : 1f;
        }
        return alive;
    }

    private static void advance(int[] ids, int[][] tokens, int[] lengths, boolean[] finished) {
        for (int i = 0; i < ids.length; i++) {
            if (!finished[i]) {
                tokens[i][lengths[i]++] = ids[i];
                finished[i] = ids[i] == Vocabulary.EOS_ID;
            }
        }
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    private static int[][] trim(int[][] tokens, int[] lengths) {
        int[][] out = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = Arrays.copyOf(tokens[i], lengths[i]);
        }
        return out;
    }
}
