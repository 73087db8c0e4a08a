package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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

    /** Steps between checks whether every row has finished: each check is one host read. */
    private static final int FINISH_CHECK_EVERY = 4;

    /** K samples per image at {@code temperature}, with log-probabilities and token statistics. */
    public static SampledCaptions sample(Captioner model, NDList encoded, int samplesPerImage, double temperature,
                                         int maxLength, SplittableRandom random) {
        int rows = Math.toIntExact(encoded.get(0).getShape().get(0)) * samplesPerImage;
        // every step's uniforms drawn at once, in the order the steps use them
        NDArray uniforms = InverseCdfSampler.uniforms(encoded.get(0).getManager(), random, rows * (maxLength + 1))
                .reshape(maxLength + 1, rows);
        return decode(model, encoded, samplesPerImage, temperature, maxLength, true,
                (logProbs, t) -> InverseCdfSampler.sample(logProbs.exp(), uniforms.get(t)));
    }

    /**
     * The log-probabilities and token statistics of captions sampled earlier ({@link #sample}'s tokens,
     * K rows per image), under the model as it is now: the same decoding, each step fed the recorded
     * token instead of a new draw. With max staleness 1 the trainer samples without recording
     * gradients and scores the samples here, with gradients, once their rewards are in.
     */
    public static SampledCaptions rescore(Captioner model, NDList encoded, int[][] tokens, int samplesPerImage,
                                          double temperature, int maxLength) {
        long[] ids = new long[(maxLength + 1) * tokens.length];
        for (int t = 0; t <= maxLength; t++) {
            for (int i = 0; i < tokens.length; i++) {
                // a finished row's choice is masked out; repeat its eos
                ids[t * tokens.length + i] = t < tokens[i].length ? tokens[i][t] : Vocabulary.EOS_ID;
            }
        }
        NDArray recorded = OwnedArrays.of(encoded.get(0).getManager(), ids).reshape(maxLength + 1, tokens.length);
        SampledCaptions scored = decode(model, encoded, samplesPerImage, temperature, maxLength, true,
                (logProbs, t) -> recorded.get(t));
        for (int i = 0; i < tokens.length; i++) {
            if (!Arrays.equals(tokens[i], scored.tokens()[i])) {
                throw new IllegalArgumentException("row " + i + " is not a caption decoding yields: "
                        + Arrays.toString(tokens[i]) + " (eos must end it, or it must run to max length + 1)");
            }
        }
        return scored;
    }

    /**
     * One caption per row of {@code encoded} drawn at {@code temperature} from the {@code topK} most
     * likely tokens (0: all), for captioning; no gradients are meant to be recorded.
     */
    public static int[][] sampleTopK(Captioner model, NDList encoded, double temperature, int topK, int maxLength,
                                     SplittableRandom random) {
        int rows = Math.toIntExact(encoded.get(0).getShape().get(0));
        NDArray uniforms = InverseCdfSampler.uniforms(encoded.get(0).getManager(), random, rows * (maxLength + 1))
                .reshape(maxLength + 1, rows);
        NDArray masked = OwnedArrays.scalar(encoded.get(0).getManager(), MASKED);
        return decode(model, encoded, 1, temperature, maxLength, false, (logProbs, t) -> {
            NDArray p = logProbs;
            if (topK > 0 && topK < p.getShape().get(1)) {
                NDArray kth = p.sort(1).get(new NDIndex(":, {}", p.getShape().get(1) - topK)).expandDims(1);
                p = p.add(p.lt(kth).toType(DataType.FLOAT32, false).mul(masked)).logSoftmax(1);
            }
            return InverseCdfSampler.sample(p.exp(), uniforms.get(t));
        }).tokens();
    }

    /** Chooses each row's next token from the step's (N, V) log-probabilities. */
    private interface TokenChoice {
        NDArray choose(NDArray logProbs, int step);
    }

    /**
     * The decoding loop. Token ids stay on the model's device: the rows' finished flags are arrays, the
     * loop reads one of them back every {@link #FINISH_CHECK_EVERY} steps, and the ids come to the host
     * once, at the end.
     */
    private static SampledCaptions decode(Captioner model, NDList encoded, int samplesPerImage, double temperature,
                                          int maxLength, boolean training, TokenChoice choice) {
        NDList expanded = new NDList();
        for (NDArray array : encoded) {
            expanded.add(samplesPerImage == 1 ? array : array.repeat(0, samplesPerImage));
        }
        int rows = Math.toIntExact(expanded.get(0).getShape().get(0));
        NDManager manager = expanded.get(0).getManager();
        NDArray mask = mask(manager, model.vocabularySize());
        NDArray inverseTemperature = OwnedArrays.scalar(manager, (float) (1.0 / temperature));
        NDArray eos = OwnedArrays.of(manager, new long[] {Vocabulary.EOS_ID});
        NDList state = model.initialState(expanded, training);
        NDArray previous = manager.full(new Shape(rows), (long) Vocabulary.BOS_ID);
        NDArray finished = manager.zeros(new Shape(rows), DataType.BOOLEAN);
        NDArray logProbSums = manager.zeros(new Shape(rows));
        NDArray entropySums = manager.zeros(new Shape(rows));
        NDArray varentropySums = manager.zeros(new Shape(rows));
        NDList chosenSteps = new NDList();
        for (int t = 0; t <= maxLength; t++) {
            DecoderStep out = model.step(expanded, state, previous, training);
            state = out.state();
            NDArray logProbs = out.logits().mul(inverseTemperature).add(mask).logSoftmax(1);
            NDArray entropy = TokenStatistics.entropy(logProbs);
            NDArray varentropy = TokenStatistics.varentropy(logProbs, entropy);
            NDArray chosen = choice.choose(logProbs, t);
            NDArray alive = finished.logicalNot().toType(DataType.FLOAT32, false);
            NDArray picked = logProbs.gather(chosen.expandDims(1), 1).squeeze(1);
            logProbSums = logProbSums.add(picked.mul(alive));
            entropySums = entropySums.add(entropy.mul(alive));
            varentropySums = varentropySums.add(varentropy.mul(alive));
            chosenSteps.add(chosen);
            finished = finished.logicalOr(chosen.eq(eos));
            previous = chosen;
            if ((t + 1) % FINISH_CHECK_EVERY == 0 && t < maxLength && finished.all().getBoolean()) {
                break;
            }
        }
        int[][] tokens = untilEos(NDArrays.stack(chosenSteps, 1), rows);
        int[] lengths = new int[rows];
        for (int i = 0; i < rows; i++) {
            lengths[i] = tokens[i].length;
        }
        return new SampledCaptions(tokens, logProbSums, entropySums, varentropySums, lengths, samplesPerImage);
    }

    /** The most likely token at every step, one caption per row of {@code encoded}. */
    public static int[][] greedy(Captioner model, NDList encoded, int maxLength) {
        int rows = Math.toIntExact(encoded.get(0).getShape().get(0));
        NDManager manager = encoded.get(0).getManager();
        NDArray mask = mask(manager, model.vocabularySize());
        NDArray eos = OwnedArrays.of(manager, new long[] {Vocabulary.EOS_ID});
        NDList state = model.initialState(encoded, false);
        NDArray previous = manager.full(new Shape(rows), (long) Vocabulary.BOS_ID);
        NDArray finished = manager.zeros(new Shape(rows), DataType.BOOLEAN);
        NDList chosenSteps = new NDList();
        for (int t = 0; t <= maxLength; t++) {
            DecoderStep out = model.step(encoded, state, previous, false);
            state = out.state();
            NDArray chosen = out.logits().add(mask).argMax(1);
            chosenSteps.add(chosen);
            finished = finished.logicalOr(chosen.eq(eos));
            previous = chosen;
            if ((t + 1) % FINISH_CHECK_EVERY == 0 && t < maxLength && finished.all().getBoolean()) {
                break;
            }
        }
        return untilEos(NDArrays.stack(chosenSteps, 1), rows);
    }

    /**
     * Beam search with {@code beams} hypotheses per image, scored by their summed log-probability; a
     * finished hypothesis keeps its score and extends only by eos. Hypotheses are reordered on the
     * device; back-pointers come to the host once, at the end.
     */
    public static int[][] beam(Captioner model, NDList encoded, int beams, int maxLength) {
        if (beams <= 1) {
            return greedy(model, encoded, maxLength);
        }
        int images = Math.toIntExact(encoded.get(0).getShape().get(0));
        int rows = images * beams;
        int vocabulary = model.vocabularySize();
        NDManager manager = encoded.get(0).getManager();
        NDList expanded = new NDList();
        for (NDArray array : encoded) {
            expanded.add(array.repeat(0, beams));
        }
        NDArray mask = mask(manager, vocabulary);
        float[] onlyEos = new float[vocabulary];
        Arrays.fill(onlyEos, MASKED);
        onlyEos[Vocabulary.EOS_ID] = 0f;
        NDArray finishedRow = OwnedArrays.of(manager, onlyEos);
        NDArray eos = OwnedArrays.of(manager, new long[] {Vocabulary.EOS_ID});
        NDArray vocabularySize = OwnedArrays.of(manager, new long[] {vocabulary});
        long[] firstOffsets = new long[rows];
        float[] start = new float[rows];
        for (int i = 0; i < rows; i++) {
            firstOffsets[i] = (long) (i / beams) * beams;
            // at the start every beam of an image is the same: only the first may grow
            start[i] = i % beams == 0 ? 0f : MASKED;
        }
        NDArray offsets = OwnedArrays.of(manager, firstOffsets).reshape(images, beams);
        NDArray scores = OwnedArrays.of(manager, start);
        NDList state = model.initialState(expanded, false);
        NDArray previous = manager.full(new Shape(rows), (long) Vocabulary.BOS_ID);
        NDArray finished = manager.zeros(new Shape(rows), DataType.BOOLEAN);
        NDList tokenSteps = new NDList();
        NDList parentSteps = new NDList();
        for (int t = 0; t <= maxLength; t++) {
            DecoderStep out = model.step(expanded, state, previous, false);
            NDArray logProbs = out.logits().add(mask).logSoftmax(1);
            NDArray done = finished.expandDims(1).toType(DataType.FLOAT32, false);
            // finished rows: eos at no cost, nothing else
            logProbs = logProbs.mul(done.neg().add(OwnedArrays.scalar(manager, 1f))).add(finishedRow.mul(done));
            NDArray candidates = scores.expandDims(1).add(logProbs).reshape(images, (long) beams * vocabulary);
            NDList top = candidates.topK(beams, 1, true, true);
            NDArray best = top.get(1).toType(DataType.INT64, false);
            scores = top.get(0).reshape(rows);
            NDArray tokenIds = best.mod(vocabularySize);
            NDArray parent = best.sub(tokenIds).div(vocabularySize).toType(DataType.INT64, false).add(offsets)
                    .reshape(rows);
            NDArray token = tokenIds.reshape(rows);
            NDList reordered = new NDList();
            for (NDArray s : out.state()) {
                reordered.add(s.get(parent));
            }
            state = reordered;
            finished = finished.get(parent).logicalOr(token.eq(eos));
            tokenSteps.add(token);
            parentSteps.add(parent);
            previous = token;
            if ((t + 1) % FINISH_CHECK_EVERY == 0 && t < maxLength && finished.all().getBoolean()) {
                break;
            }
        }
        long[] tokens = NDArrays.stack(tokenSteps, 0).toLongArray();
        long[] parents = NDArrays.stack(parentSteps, 0).toLongArray();
        float[] finalScores = scores.toFloatArray();
        int steps = tokenSteps.size();
        int[][] out = new int[images][];
        for (int image = 0; image < images; image++) {
            int row = image * beams;
            for (int b = 1; b < beams; b++) {
                if (finalScores[image * beams + b] > finalScores[row]) {
                    row = image * beams + b;
                }
            }
            int[] path = new int[steps];
            for (int t = steps - 1; t >= 0; t--) {
                path[t] = (int) tokens[t * rows + row];
                row = (int) parents[t * rows + row];
            }
            out[image] = cutAtEos(path);
        }
        return out;
    }

    /** The (V,) additive mask: 0 for words and eos, a large negative number for pad, bos, unk. */
    static NDArray mask(NDManager manager, int vocabularySize) {
        float[] mask = new float[vocabularySize];
        mask[Vocabulary.PAD_ID] = MASKED;
        mask[Vocabulary.BOS_ID] = MASKED;
        mask[Vocabulary.UNK_ID] = MASKED;
        return OwnedArrays.of(manager, mask);
    }

    /** Rows of the (rows, T) id matrix, each up to and including its first eos. */
    private static int[][] untilEos(NDArray steps, int rows) {
        int[] ids = steps.toType(DataType.INT32, false).toIntArray();
        int width = ids.length / Math.max(1, rows);
        int[][] out = new int[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = cutAtEos(Arrays.copyOfRange(ids, i * width, (i + 1) * width));
        }
        return out;
    }

    private static int[] cutAtEos(int[] ids) {
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] == Vocabulary.EOS_ID) {
                return Arrays.copyOf(ids, t + 1);
            }
        }
        return ids;
    }
}
