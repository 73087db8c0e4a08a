package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * Scene description exhaustiveness: the share of the reference objects (union over the references and
 * the count dictionary) that the candidate mentions. Refs forest, river, road; candidate forest: 1/3.
 * INVALID when the references name no object.
 */
public final class SdeSignal implements Signal {

    public static final String NAME = "sde";

    private final ObjectAlignment alignment;

    public SdeSignal(ObjectAlignment alignment) {
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "share of the reference objects the caption mentions (higher is better)";
    }

    @Override
    public String version() {
        return "sde/1+" + alignment.version();
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        SignalDetails details = ObjectSignals.details(a);
        if (a.references().isEmpty()) {
            return ObjectSignals.invalid(ObjectSignals.NO_REFERENCE_OBJECTS, details);
        }
        return SignalResult.ok((double) a.matched().size() / a.references().size(), details);
    }
}
