package io.scstbus.rewards.signals;

/**
 * Scene description exhaustiveness: the share of the reference objects (union over the references and
 * the count dictionary) that the candidate mentions. Refs forest, river, road; candidate forest: 1/3.
 * INVALID when the references name no object.
 */
public final class SdeSignal extends ObjectSignal {

    public static final String NAME = "sde";

    public SdeSignal(ObjectAlignment alignment) {
        super(NAME, "share of the reference objects the caption mentions (higher is better)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        if (a.references().isEmpty()) {
            return ObjectSignals.invalid(ObjectSignals.NO_REFERENCE_OBJECTS, details);
        }
        return SignalResult.ok((double) a.matched().size() / a.references().size(), details);
    }
}
