package io.scstbus.rewards.signals;

/**
 * Count coverage: the share of the counted reference objects (count dictionary, else the references'
 * stated count) that the candidate mentions <em>with a number</em>. Refs 3 planes, 1 river; candidate
 * "three planes near a river": 1.0; "many planes near a river": 0.5 (`a river` is a count of 1).
 *
 * <p>Why it exists: {@code count_abs} averages only over objects both sides count, so a caption that
 * states no number scores a perfect 0 there, and an SCST policy penalised by {@code count_abs} learns
 * to say "many" instead of counting. Rewarding coverage with a positive weight next to a negative
 * {@code count_abs} weight makes not counting cost something. OK 1.0 when the references count no
 * object (nothing to state); INVALID when they name none.
 */
public final class CountCoverageSignal extends ObjectSignal {

    public static final String NAME = "count_coverage";

    public CountCoverageSignal(ObjectAlignment alignment) {
        super(NAME, "share of the counted reference objects whose count the caption states (higher is better)",
                alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        if (a.references().isEmpty()) {
            return ObjectSignals.invalid(ObjectSignals.NO_REFERENCE_OBJECTS, details);
        }
        long counted = a.references().stream().filter(reference -> reference.count() != null).count();
        return SignalResult.ok(counted == 0 ? 1.0 : (double) a.counted().size() / counted, details);
    }
}
