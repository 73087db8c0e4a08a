package io.scstbus.rewards.signals;

/** Outcome of one signal on one candidate. A score is never a silent 0: see {@link SignalResult}. */
public enum Status {
    OK,
    /** The signal did not finish within its deadline. */
    TIMEOUT,
    /** The scorer failed. */
    ERROR,
    /** The input cannot be scored: no references, oversized caption, unknown signal. */
    INVALID
}
