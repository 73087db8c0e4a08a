package io.scstbus.rewards.signals;

/**
 * Count error, mean |c_gen - c_ref|, over the objects aligned between candidate and references that both
 * sides count (reference counts from the count dictionary, else the references' most frequent stated
 * count). Generated 4 planes, 3 buildings; reference 5 planes, 1 building: absolute 1.5, signed 0.5.
 * A candidate with no aligned counted object scores OK 0.0 with {@code aligned_counts = 0} in the
 * details, not INVALID: stating no number is a legitimate caption, and INVALID would make the trainer
 * re-request or drop the whole group.
 */
public final class CountAbsSignal extends ObjectSignal {

    public static final String NAME = "count_abs";

    public CountAbsSignal(ObjectAlignment alignment) {
        super(NAME, "mean absolute count error over objects both sides count (lower is better)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        if (a.counted().isEmpty()) {
            return SignalResult.ok(0.0, details);
        }
        double sum = 0;
        for (ObjectAlignment.CountPair p : a.counted()) {
            sum += Math.abs(p.generated() - p.reference());
        }
        return SignalResult.ok(sum / a.counted().size(), details);
    }
}
