package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What sampling, cross-entropy and SCST need from an image captioner: encode a batch of images once,
 * then step an autoregressive decoder one token at a time. Any model that can do these three calls
 * can be trained here, for example a TorchScript export of a user's PyTorch captioner loaded as a DJL
 * {@code PtSymbolBlock} (see docs/captioner-interface.md).
 *
 * <p>Contract, shared by every method:
 * <ul>
 *   <li>Axis 0 of every array in the encoded list and the state list is the batch axis. The trainer
 *       repeats rows along it ({@code repeat(0, K)}) to decode K samples per image, so nothing else
 *       may depend on the batch size.</li>
 *   <li>Token ids are int64 of shape (N,), from the {@link io.scstbus.trainer.data.Vocabulary}:
 *       0 pad, 1 bos, 2 eos, 3 unk. The first step gets bos.</li>
 *   <li>Logits are unnormalised, float32, shape (N, V); the trainer applies temperature, masking and
 *       log-softmax.</li>
 *   <li>{@code training} switches dropout and the like; gradients are recorded whenever a DJL
 *       {@code GradientCollector} is open, whatever the flag.</li>
 *   <li>Results are attached to the manager of the input arrays, so the trainer's per-step manager
 *       frees them.</li>
 * </ul>
 */
public interface Captioner extends AutoCloseable {

    /** V: the vocabulary size the logits cover. */
    int vocabularySize();

    /** S: images are (B, 3, S, S) float32 in [-1, 1]. */
    int imageSize();

    /** Encodes images once per batch; the list is opaque to the trainer except for the batch axis. */
    NDList encode(NDArray images, boolean training);

    /** The decoder state before the first token. */
    NDList initialState(NDList encoded, boolean training);

    /** Consumes the previous token of each row, returns next-token logits and the new state. */
    DecoderStep step(NDList encoded, NDList state, NDArray previousTokens, boolean training);

    /**
     * Teacher forcing: logits (B, T, V) for decoder inputs (B, T) int64 that start with bos. The
     * default runs {@link #step} T times.
     */
    default NDArray teacherForced(NDArray images, NDArray inputs, boolean training) {
        NDList encoded = encode(images, training);
        NDList state = initialState(encoded, training);
        long steps = inputs.getShape().get(1);
        NDList logits = new NDList();
        for (long t = 0; t < steps; t++) {
            DecoderStep out = step(encoded, state, inputs.get(new NDIndex(":, {}", t)), training);
            logits.add(out.logits());
            state = out.state();
        }
        return NDArrays.stack(logits, 1);
    }

    /** The trainable parameters by stable name: what the optimiser updates and checkpoints save. */
    PairList<String, Parameter> parameters();

    /**
     * The learning rate of {@code parameter} relative to the base rate (e.g. a pretrained encoder's
     * smaller one); 0 leaves it as it is.
     */
    default double learningRateScale(String parameter) {
        return 1.0;
    }

    /** The manager that owns the parameters. */
    NDManager manager();

    void saveParameters(Path file) throws IOException;

    void loadParameters(Path file) throws IOException;

    @Override
    void close();
}
