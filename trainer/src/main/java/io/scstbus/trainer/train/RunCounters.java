package io.scstbus.trainer.train;

import io.scstbus.trainer.bus.JoinStats;

/**
 * Totals over the run's CE epochs and SCST steps, carried through checkpoints so a resumed run reports the
 * whole run. The reward fields are the mean total rewards of the first and the last step with an update.
 * A checkpoint written before the CE and phase totals existed reads them as zero.
 */
public record RunCounters(
        long rolloutsPublished,
        long resultsExpected,
        long resultsReceived,
        long duplicatesDropped,
        long lateDropped,
        long groupsRerequested,
        long groupsDropped,
        long groupsLeftOut,
        long stepsWithoutUpdate,
        double rewardWaitSeconds,
        double scstSeconds,
        Double sampleRewardFirst,
        Double greedyRewardFirst,
        Double sampleRewardLast,
        Double greedyRewardLast,
        long emptySamples,
        ScstPhaseSeconds scstPhases,
        long ceImages,
        double ceSeconds) {

    public static final RunCounters ZERO = new RunCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, 0,
            ScstPhaseSeconds.ZERO, 0, 0);

    public RunCounters {
        scstPhases = scstPhases == null ? ScstPhaseSeconds.ZERO : scstPhases;
    }

    public RunCounters plus(StepReport step) {
        JoinStats j = step.join();
        Double sample = step.updated() ? step.meanSampleReward() : null;
        Double greedy = step.updated() ? step.meanGreedyReward() : null;
        return new RunCounters(
                rolloutsPublished + j.rolloutsPublished(),
                resultsExpected + j.scoresExpected(),
                resultsReceived + j.scoresReceived(),
                duplicatesDropped + j.duplicatesDropped(),
                lateDropped + j.lateDropped(),
                groupsRerequested + j.groupsRerequested(),
                groupsDropped + j.groupsDropped(),
                groupsLeftOut + step.leftOut(),
                stepsWithoutUpdate + (step.updated() ? 0 : 1),
                rewardWaitSeconds + step.waitSeconds(),
                scstSeconds + step.stepSeconds(),
                sampleRewardFirst != null ? sampleRewardFirst : sample,
                greedyRewardFirst != null ? greedyRewardFirst : greedy,
                sample != null ? sample : sampleRewardLast,
                greedy != null ? greedy : greedyRewardLast,
                emptySamples + step.emptySamples(),
                scstPhases.plus(step.phases()),
                ceImages,
                ceSeconds);
    }

    /** Adds a CE epoch: {@code images} (image, caption) pairs trained on in {@code seconds}. */
    public RunCounters plusCeEpoch(long images, double seconds) {
        return new RunCounters(rolloutsPublished, resultsExpected, resultsReceived, duplicatesDropped, lateDropped,
                groupsRerequested, groupsDropped, groupsLeftOut, stepsWithoutUpdate, rewardWaitSeconds, scstSeconds,
                sampleRewardFirst, greedyRewardFirst, sampleRewardLast, greedyRewardLast, emptySamples, scstPhases,
                ceImages + images, ceSeconds + seconds);
    }

    /** CE training throughput: (image, caption) pairs per second, each pair one image through the model; 0 before CE. */
    public double ceImagesPerSecond() {
        return ceSeconds <= 0 ? 0.0 : ceImages / ceSeconds;
    }

    /** Time inside {@code RewardBus.exchange} as a share of SCST step time; 0 before any step. */
    public double rewardWaitFraction() {
        return scstSeconds <= 0 ? 0.0 : rewardWaitSeconds / scstSeconds;
    }
}
