package io.scstbus.rewards.signals;

/**
 * Count error, mean (c_gen - c_ref), over the same objects as {@link CountAbsSignal} and with the same
 * charge: a counted object mentioned without a number counts as 0 (under-counting by the whole reference
 * count). Generated 4 planes, 3 buildings; reference 5 planes, 1 building: 0.5. OK 0.0 when the candidate
 * mentions no counted object.
 */
public final class CountSignedSignal extends ObjectSignal {

    public static final String NAME = "count_signed";

    public CountSignedSignal(ObjectAlignment alignment) {
        super(NAME, "mean signed count error over mentioned counted objects, no number counting as 0 "
                + "(over- minus under-counting)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        return SignalResult.ok(CountErrors.mean(a, false), details);
    }
}
