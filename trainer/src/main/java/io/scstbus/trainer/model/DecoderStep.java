package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** One decoder step's output: next-token logits, shape (N, V), and the decoder state to feed back. */
public record DecoderStep(NDArray logits, NDList state) {
}
