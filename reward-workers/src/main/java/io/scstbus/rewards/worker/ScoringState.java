package io.scstbus.rewards.worker;

import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;
import java.util.Optional;

/**
 * What scoring needs beyond one rollout and its image's references, kept at the edge: each run's rolling
 * window of generated tokens (vocab_kl), and what each dataset's training references on the references
 * topic yield (vocab_kl's unigram distribution, cider_d's document frequencies when the worker has no
 * --df-table). The Kafka worker keeps it per task ({@link StoreScoringState}); scoring paths without it
 * (gRPC, in-process) pass none, and those signals are INVALID there with that reason.
 */
public interface ScoringState {

    /** The run's window as this owner has it; an empty one of {@code capacity} tokens for a new run. */
    TokenWindow window(String runId, int capacity);

    /** Stores the run's window after a rollout group's tokens were appended. */
    void save(String runId, TokenWindow window);

    /** The dataset's training unigram distribution; empty when it has no training references. */
    UnigramDistribution reference(String dataset);

    /** CIDEr-D document frequencies of the dataset's training references; empty when it has none. */
    Optional<CorpusStats> corpusStats(String dataset);
}
