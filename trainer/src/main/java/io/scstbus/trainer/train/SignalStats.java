package io.scstbus.trainer.train;

/** One signal over an evaluation: mean of the OK values, how many were OK and how many were not. */
public record SignalStats(double mean, int ok, int notOk) {
}
