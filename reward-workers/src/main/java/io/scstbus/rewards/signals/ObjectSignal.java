package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * A signal computed from the alignment of the candidate's objects with the reference objects
 * ({@link ObjectAlignment}): SDE, oversight, hallucination and the count errors. Subclasses say what
 * they compute from one alignment; parsing, matching, details and the version are shared here.
 */
public abstract class ObjectSignal implements Signal {

    private final String name;
    private final String description;
    private final ObjectAlignment alignment;

    protected ObjectSignal(String name, String description, ObjectAlignment alignment) {
        this.name = name;
        this.description = description;
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String version() {
        return name + "/1+" + alignment.version();
    }

    @Override
    public final SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        return score(a, ObjectSignals.details(a));
    }

    /** The score of one alignment; {@code details} describe it and go with the result. */
    protected abstract SignalResult score(ObjectAlignment.Alignment alignment, SignalDetails details);
}
