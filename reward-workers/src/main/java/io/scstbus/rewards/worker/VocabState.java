package io.scstbus.rewards.worker;

import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;

/**
 * The state vocab_kl needs, kept at the edge: each run's rolling window of generated tokens, and each
 * dataset's training unigram distribution. The Kafka worker keeps windows in a changelogged state store
 * per task ({@link StoreVocabState}); scoring paths without one (gRPC, in-process) pass none and vocab_kl
 * is INVALID there with that reason.
 */
public interface VocabState {

    /** The run's window as this owner has it; an empty one of {@code capacity} tokens for a new run. */
    TokenWindow window(String runId, int capacity);

    /** Stores the run's window after a rollout group's tokens were appended. */
    void save(String runId, TokenWindow window);

    /** The dataset's training unigram distribution; empty when it has no training references. */
    UnigramDistribution reference(String dataset);
}
