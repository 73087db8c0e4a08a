package io.scstbus.rewards.worker;

import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.CiderDSignal;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.ReferenceTokens;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalResult;

/**
 * cider_d for a worker started without --df-table: the document frequencies come from the training
 * references of the rollout's dataset on the references topic (the worker's global store), computed once
 * per dataset and content, as the trainer computes them. The scorer asks its {@link ScoringState} for
 * them and scores with {@link #withStats}; results carry that table's version (its fingerprint). Where no
 * state is kept (gRPC, in-process) the stateless {@link #score} says what is missing.
 */
final class TopicCiderD implements Signal {

    private final ReferenceTokens tokens;
    private CorpusStats lastStats;
    private CiderDSignal last;

    TopicCiderD(ReferenceTokens tokens) {
        this.tokens = tokens;
    }

    /** The CIDEr-D signal for these document frequencies (the last one built is reused). */
    synchronized CiderDSignal withStats(CorpusStats stats) {
        if (lastStats != stats) {
            last = new CiderDSignal(stats, tokens);
            lastStats = stats;
        }
        return last;
    }

    @Override
    public String name() {
        return CiderDSignal.NAME;
    }

    @Override
    public String description() {
        return "CIDEr-D (n=1..4, sigma 6, x10) with document frequencies from the dataset's training references "
                + "on the references topic (or --df-table)";
    }

    @Override
    public String version() {
        return "cider_d/1 df=references-topic";
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        return SignalResult.invalid("cider_d has no document frequencies here: start the worker with --df-table FILE "
                + "(the references topic supplies them only to the Kafka worker)");
    }
}
