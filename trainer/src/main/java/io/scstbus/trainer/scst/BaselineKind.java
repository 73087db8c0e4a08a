package io.scstbus.trainer.scst;

/** Which baseline a run uses; configuration names them. */
public enum BaselineKind {
    /** {@link GreedyBaseline}. */
    GREEDY,
    /** {@link LeaveOneOutBaseline}; needs K >= 2. */
    LEAVE_ONE_OUT;

    public Baseline create() {
        return switch (this) {
            case GREEDY -> new GreedyBaseline();
            case LEAVE_ONE_OUT -> new LeaveOneOutBaseline();
        };
    }
}
