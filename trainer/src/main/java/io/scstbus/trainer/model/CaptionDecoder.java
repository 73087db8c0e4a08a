package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * The decoder half of an {@link EncoderDecoderCaptioner}: it attends over the encoder's features
 * (B, R, C), R regions or tokens of C values, and steps one token at a time. Initialised with input
 * shapes (features (1, R, C), tokens (1, T)).
 */
public interface CaptionDecoder extends Block {

    /** What every step needs from the features (projections, keys), batch on axis 0. */
    NDList prepare(ParameterStore ps, NDArray features, boolean training);

    /** The decoder state before the first token, batch on axis 0. */
    NDList initialState(ParameterStore ps, NDList prepared, boolean training);

    DecoderStep step(ParameterStore ps, NDList prepared, NDList state, NDArray previous, boolean training);

    /** Logits (B, T, V) for decoder inputs (B, T); the default runs {@link #step} T times. */
    default NDArray teacherForced(ParameterStore ps, NDList prepared, NDArray inputs, boolean training) {
        NDList state = initialState(ps, prepared, training);
        NDList logits = new NDList();
        for (long t = 0; t < inputs.getShape().get(1); t++) {
            DecoderStep out = step(ps, prepared, state, inputs.get(new NDIndex(":, {}", t)), training);
            logits.add(out.logits());
            state = out.state();
        }
        return NDArrays.stack(logits, 1);
    }
}
