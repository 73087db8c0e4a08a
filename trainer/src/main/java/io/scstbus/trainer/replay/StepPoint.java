package io.scstbus.trainer.replay;

import java.util.Map;

/**
 * One step's summary, kept for the whole range (O(steps x signals)) for plots and warnings.
 *
 * @param signals per signal its statistics over the step's OK scores (samples and greedy)
 * @param total the trainer's total reward over included samples
 * @param sampleGreedyGap mean total of included samples minus mean total of their greedy captions
 */
public record StepPoint(long step, Map<String, Stats> signals, Stats total, double sampleGreedyGap,
                        double meanAdvantage, double meanTokens, double meanRepetition, double meanCountAbs) {

    /** Mean, population std, min, max over n values; share of received scores that were not OK. */
    public record Stats(long n, double mean, double std, double min, double max, double nonOkShare,
                        double sampleMean, double greedyMean) {

        static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }
}
