package io.scstbus.trainer.scst;

/** How each signal's values are rescaled before the weighted sum. */
public enum RewardNormalization {
    /** Raw values. */
    NONE,
    /** Per batch and signal: (x - mean) / std over every scored candidate of the step; 0 when std is 0. */
    Z_SCORE,
    /**
     * The research system's running min-max: per signal, (x - min) / (max - min) with min and max over
     * every value seen so far in the run, this batch included; 0 while max = min. The state is checkpointed.
     */
    MIN_MAX
}
