package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * Count error, mean |c_gen - c_ref|, over the objects aligned between candidate and references that both
 * sides count (reference counts from the count dictionary, else the references' most frequent stated
 * count). Generated 4 planes, 3 buildings; reference 5 planes, 1 building: absolute 1.5, signed 0.5.
 * A candidate with no aligned counted object scores OK 0.0 with {@code aligned_counts = 0} in the
 * details, not INVALID: stating no number is a legitimate caption, and INVALID would make the trainer
 * re-request or drop the whole group.
 */
public final class CountAbsSignal implements Signal {

    public static final String NAME = "count_abs";

    private final ObjectAlignment alignment;

    public CountAbsSignal(ObjectAlignment alignment) {
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean absolute count error over objects both sides count (lower is better)";
    }

    @Override
    public String version() {
        return NAME + "/1+" + alignment.version();
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        ObjectAlignment.Alignment a = alignment.align(candidate, references);
        SignalDetails details = ObjectSignals.details(a);
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
