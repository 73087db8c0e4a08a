package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * Oversight rate: the share of the reference objects the candidate misses (1 - SDE, lower is better).
 * INVALID when the references name no object.
 */
public final class OversightSignal implements Signal {

    public static final String NAME = "oversight";

    private final ObjectAlignment alignment;

    public OversightSignal(ObjectAlignment alignment) {
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of the reference objects the caption misses (lower is better)";
    }

    @Override
    public String version() {
        return "oversight/1+" + alignment.version();
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        SignalDetails details = ObjectSignals.details(a);
        if (a.references().isEmpty()) {
            return ObjectSignals.invalid(ObjectSignals.NO_REFERENCE_OBJECTS, details);
        }
        return SignalResult.ok((double) a.missing().size() / a.references().size(), details);
    }
}
