package io.scstbus.trainer.bus;

/**
 * What arrived and what did not for one exchange. {@code resultsExpected} counts one partial result
 * per (group, worker group that answers), approximated as one per requested signal per candidate.
 */
public record JoinStats(
        long rolloutsPublished,
        long scoresExpected,
        long scoresReceived,
        long duplicatesDropped,
        long lateDropped,
        long groupsRerequested,
        long groupsDropped,
        double waitSeconds) {

    public static final JoinStats ZERO = new JoinStats(0, 0, 0, 0, 0, 0, 0, 0.0);

    public JoinStats plus(JoinStats o) {
        return new JoinStats(rolloutsPublished + o.rolloutsPublished, scoresExpected + o.scoresExpected,
                scoresReceived + o.scoresReceived, duplicatesDropped + o.duplicatesDropped,
                lateDropped + o.lateDropped, groupsRerequested + o.groupsRerequested,
                groupsDropped + o.groupsDropped, waitSeconds + o.waitSeconds);
    }
}
