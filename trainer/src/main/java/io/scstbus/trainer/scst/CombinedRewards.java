package io.scstbus.trainer.scst;

import io.scstbus.proto.v1.RolloutKey;
import java.util.List;
import java.util.Map;

/**
 * One step's rewards, ready for the baseline.
 *
 * @param groups the groups that enter the update, in publication order
 * @param leftOutNotOk groups whose every score arrived but one on a weighted signal was not OK
 * @param missing groups the bus reported incomplete (dropped after its re-request)
 * @param meanRawSample per signal, the mean raw OK value over the included groups' samples
 * @param meanRawGreedy per signal, the same over their greedy captions
 * @param firstReasons why the first few groups were left out
 * @param emptySamples empty sampled captions of the included groups, rewarded with the {@link EmptySamples} floor
 */
public record CombinedRewards(List<GroupReward> groups, List<RolloutKey> leftOutNotOk, List<RolloutKey> missing,
                              Map<String, Double> meanRawSample, Map<String, Double> meanRawGreedy,
                              List<String> firstReasons, int emptySamples) {

    public CombinedRewards {
        groups = List.copyOf(groups);
        leftOutNotOk = List.copyOf(leftOutNotOk);
        missing = List.copyOf(missing);
        meanRawSample = Map.copyOf(meanRawSample);
        meanRawGreedy = Map.copyOf(meanRawGreedy);
        firstReasons = List.copyOf(firstReasons);
    }

    /** A step without empty samples. */
    public CombinedRewards(List<GroupReward> groups, List<RolloutKey> leftOutNotOk, List<RolloutKey> missing,
                           Map<String, Double> meanRawSample, Map<String, Double> meanRawGreedy,
                           List<String> firstReasons) {
        this(groups, leftOutNotOk, missing, meanRawSample, meanRawGreedy, firstReasons, 0);
    }

    /** Mean total reward of the included samples, NaN when none. */
    public double meanSampleReward() {
        return groups.stream().flatMapToDouble(g -> java.util.Arrays.stream(g.samples())).average().orElse(Double.NaN);
    }

    /** Mean total reward of the included greedy captions, NaN when none. */
    public double meanGreedyReward() {
        return groups.stream().mapToDouble(GroupReward::greedy).average().orElse(Double.NaN);
    }
}
