package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * A signal computed from the alignment of the candidate's objects with the reference objects
 * ({@link ObjectAlignment}): SDE, oversight, hallucination and the count errors. Subclasses say what
 * they compute from one alignment; parsing, matching, details and the version are shared here.
 */
public abstract class ObjectSignal extends AbstractSignal {

    private final ObjectAlignment alignment;

    protected ObjectSignal(String name, String description, ObjectAlignment alignment) {
        super(name, description, name + "/1+" + Objects.requireNonNull(alignment, "alignment").version());
        this.alignment = alignment;
    }

    @Override
    public final SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        return score(a, ObjectSignals.details(a));
    }

    /** The score of one alignment; {@code details} describe it and go with the result. */
    protected abstract SignalResult score(ObjectAlignment.Alignment alignment, SignalDetails details);
}
