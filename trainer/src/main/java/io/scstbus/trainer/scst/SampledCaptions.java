package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;

/**
 * K sampled captions for each of B images, rows image-major (row = image * K + sample).
 *
 * @param tokens per row the generated ids, ending in eos when the caption finished within max length
 * @param logProbSums (N,) sum of log pi(token) over each caption's real tokens (eos included, nothing
 *     after it), with the autograd graph when sampled inside a gradient collector
 * @param entropySums (N,) per-row sum of token entropies over the same tokens
 * @param varentropySums (N,) per-row sum of token varentropies
 * @param realTokens per row the number of tokens summed (words plus eos when present)
 */
public record SampledCaptions(int[][] tokens, NDArray logProbSums, NDArray entropySums,
                              NDArray varentropySums, int[] realTokens, int samplesPerImage) {

    public int rows() {
        return tokens.length;
    }
}
