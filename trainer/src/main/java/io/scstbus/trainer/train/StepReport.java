package io.scstbus.trainer.train;

import io.scstbus.trainer.bus.JoinStats;
import java.util.Map;

/**
 * What one SCST step did.
 *
 * @param groups rollout groups published
 * @param included groups that entered the update
 * @param leftOut groups complete but with a non-OK score on a weighted signal
 * @param missing groups the bus could not complete
 * @param updated whether the optimiser stepped (false when no group was usable)
 * @param meanRawGreedy per signal, the mean raw value of the included greedy captions
 * @param exampleCaption the first image's greedy caption
 * @param emptySamples empty sampled captions given the empty-sample floor (in included groups)
 * @param phases the step's time by phase
 */
public record StepReport(long step, int groups, int included, int leftOut, int missing, boolean updated,
                         double meanSampleReward, double meanGreedyReward, double loss, double policyLoss,
                         double varentropyOverEntropy, double entropy, double gradNorm, double waitSeconds,
                         double stepSeconds, JoinStats join, Map<String, Double> meanRawGreedy,
                         String exampleCaption, int emptySamples, ScstPhaseSeconds phases) {

    /** A step without empty samples. */
    public StepReport(long step, int groups, int included, int leftOut, int missing, boolean updated,
                      double meanSampleReward, double meanGreedyReward, double loss, double policyLoss,
                      double varentropyOverEntropy, double entropy, double gradNorm, double waitSeconds,
                      double stepSeconds, JoinStats join, Map<String, Double> meanRawGreedy, String exampleCaption) {
        this(step, groups, included, leftOut, missing, updated, meanSampleReward, meanGreedyReward, loss, policyLoss,
                varentropyOverEntropy, entropy, gradNorm, waitSeconds, stepSeconds, join, meanRawGreedy, exampleCaption, 0,
                ScstPhaseSeconds.ZERO);
    }
}
