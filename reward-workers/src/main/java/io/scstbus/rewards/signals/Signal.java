package io.scstbus.rewards.signals;

/**
 * A reward signal: a pure, thread-safe function of a candidate caption and its image's references.
 * Implementations are final, immutable after construction, and take what they need (corpus
 * statistics, a parser) in their constructor. Adding a signal is one class and one registry line.
 */
public interface Signal {

    /** The contract name used on the wire and in configuration, e.g. {@code cider_d}. */
    String name();

    /** One line for {@code reward-worker signals}. */
    String description();

    /** Changes whenever the scores this signal gives could change; recorded with every result. */
    String version();

    SignalResult score(String candidate, ReferenceContext references);
}
