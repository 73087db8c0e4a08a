package io.scstbus.rewards.signals;

/**
 * Hallucination rate: the share of the candidate's objects that appear neither in the references nor
 * in the count dictionary (lower is better). A candidate that names no object hallucinates none: 0,
 * with {@code candidate_objects = 0} in the details.
 */
public final class HallucinationSignal extends ObjectSignal {

    public static final String NAME = "hallucination";

    public HallucinationSignal(ObjectAlignment alignment) {
        super(NAME, "share of the caption's objects absent from the references and count dictionary (lower is better)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        if (a.candidate().isEmpty()) {
            return SignalResult.ok(0.0, details);
        }
        return SignalResult.ok((double) a.hallucinated().size() / a.candidate().size(), details);
    }
}
