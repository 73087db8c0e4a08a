package io.scstbus.rewards.signals;

/**
 * Oversight rate: the share of the reference objects the candidate misses (1 - SDE, lower is better).
 * INVALID when the references name no object.
 */
public final class OversightSignal extends ObjectSignal {

    public static final String NAME = "oversight";

    public OversightSignal(ObjectAlignment alignment) {
        super(NAME, "share of the reference objects the caption misses (lower is better)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        if (a.references().isEmpty()) {
            return ObjectSignals.invalid(ObjectSignals.NO_REFERENCE_OBJECTS, details);
        }
        return SignalResult.ok((double) a.missing().size() / a.references().size(), details);
    }
}
