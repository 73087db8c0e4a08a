package io.scstbus.rewards.signals;

/**
 * Count error, mean |c_gen - c_ref|, over the reference objects with a count (count dictionary, else the
 * references' most frequent stated count) that the candidate mentions. Generated 4 planes, 3 buildings;
 * reference 5 planes, 1 building: absolute 1.5, signed 0.5.
 *
 * <p>A counted object the candidate mentions <em>without a number</em> ("many planes" where the
 * references count 5) is charged as a count of 0, the whole reference count. Without that charge a caption
 * that states no number has no count error, and an SCST policy penalised by this signal learns to say
 * "many" instead of counting (BENCHMARKS.md, issue 16); with it, any guess between 1 and 2 c_ref - 1 beats
 * silence. Objects the candidate does not mention are SDE's and oversight's business, not this one's.
 * A candidate that mentions no counted object scores OK 0.0 with {@code aligned_counts = 0} and
 * {@code uncounted_counts = 0} in the details, not INVALID: INVALID would make the trainer re-request or
 * drop the whole group.
 */
public final class CountAbsSignal extends ObjectSignal {

    public static final String NAME = "count_abs";

    public CountAbsSignal(ObjectAlignment alignment) {
        super(NAME, "mean absolute count error over mentioned counted objects, no number counting as 0 "
                + "(lower is better)", alignment);
    }

    @Override
    protected SignalResult score(ObjectAlignment.Alignment a, SignalDetails details) {
        return SignalResult.ok(CountErrors.mean(a, true), details);
    }
}
