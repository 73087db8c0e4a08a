package io.scstbus.trainer.scst;

import ai.djl.ndarray.NDArray;

/**
 * Per-token uncertainty of the policy (Entropix definitions, docs/design.md): entropy
 * H = -sum_v p log p and varentropy = sum_v p (log p + H)^2, for every row of a log-probability matrix.
 * Tokens masked with a large negative log-probability contribute p = 0.
 */
public final class TokenStatistics {

    private TokenStatistics() {
    }

    /** (N, V) log-probabilities to (N,) entropies in nats. */
    public static NDArray entropy(NDArray logProbs) {
        return logProbs.exp().mul(logProbs).sum(new int[] {1}).neg();
    }

    /** (N, V) log-probabilities and their (N,) entropies to (N,) varentropies. */
    public static NDArray varentropy(NDArray logProbs, NDArray entropy) {
        NDArray centred = logProbs.add(entropy.expandDims(1));
        return logProbs.exp().mul(centred.square()).sum(new int[] {1});
    }
}
