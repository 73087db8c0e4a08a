package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * Count error, mean (c_gen - c_ref), over the objects aligned between candidate and references that both
 * sides count (reference counts from the count dictionary, else the references' most frequent stated
 * count). Generated 4 planes, 3 buildings; reference 5 planes, 1 building: absolute 1.5, signed 0.5.
 * A candidate with no aligned counted object scores OK 0.0 with {@code aligned_counts = 0} in the
 * details, not INVALID: stating no number is a legitimate caption, and INVALID would make the trainer
 * re-request or drop the whole group.
 */
public final class CountSignedSignal implements Signal {

    public static final String NAME = "count_signed";

    private final ObjectAlignment alignment;

    public CountSignedSignal(ObjectAlignment alignment) {
        this.alignment = Objects.requireNonNull(alignment, "alignment");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean signed count error over objects both sides count (over- minus under-counting)";
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
            sum += p.generated() - p.reference();
        }
        return SignalResult.ok(sum / a.counted().size(), details);
    }
}
