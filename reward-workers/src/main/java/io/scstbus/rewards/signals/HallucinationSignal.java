package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * Hallucination rate: the share of the candidate's objects that appear neither in the references nor
 * in the count dictionary (lower is better). A candidate that names no object hallucinates none: 0,
 * with {@code candidate_objects = 0} in the details.
 */
public final class HallucinationSignal implements Signal {

    public static final String NAME = "hallucination";

    private final ObjectAlignment alignment;

    public HallucinationSignal(ObjectAlignment alignment) {
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of the caption's objects absent from the references and count dictionary (lower is better)";
    }

    @Override
    public String version() {
        return "hallucination/1+" + alignment.version();
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        SignalDetails details = ObjectSignals.details(a);
        if (a.candidate().isEmpty()) {
            return SignalResult.ok(0.0, details);
        }
        return SignalResult.ok((double) a.hallucinated().size() / a.candidate().size(), details);
    }
}
