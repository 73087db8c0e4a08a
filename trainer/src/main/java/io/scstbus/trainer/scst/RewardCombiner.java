package io.scstbus.trainer.scst;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.StepRewards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Total reward = sum over weighted signals of weight x normalised value. A group with any non-OK
 * score on a signal of non-zero weight (any candidate, greedy included) is left out of the update and
 * counted; it is never scored as 0. Signals of weight 0 are requested for monitoring only. Empty
 * sampled captions are the exception: their scores are ignored and they get the {@link EmptySamples}
 * floor below the rest of their group, so emitting nothing never escapes the update.
 */
public final class RewardCombiner {

    private static final int MAX_REASONS = 5;

    private final Map<String, Double> weights;
    private final RewardNormalizer normalizer;
    private final EmptySamples emptySamples;

    public RewardCombiner(Map<String, Double> weights, RewardNormalizer normalizer) {
        this(weights, normalizer, EmptySamples.DEFAULT);
    }

    public RewardCombiner(Map<String, Double> weights, RewardNormalizer normalizer, EmptySamples emptySamples) {
        this.weights = new LinkedHashMap<>(weights);
        this.normalizer = normalizer;
        this.emptySamples = java.util.Objects.requireNonNull(emptySamples, "emptySamples");
        if (this.weights.values().stream().allMatch(w -> w == 0.0)) {
            throw new IllegalArgumentException("at least one signal needs a non-zero weight, got " + weights);
        }
    }

    public RewardNormalizer normalizer() {
        return normalizer;
    }

    /** Combines a step whose published samples were all non-empty (or whose texts are unknown). */
    public CombinedRewards combine(List<RolloutKey> published, StepRewards rewards) {
        return combine(published, rewards, Map.of());
    }

    /**
     * @param empty per rollout key, the indices of its empty sampled captions ({@link EmptySamples#of})
     */
    public CombinedRewards combine(List<RolloutKey> published, StepRewards rewards, Map<RolloutKey, Set<Integer>> empty) {
        List<GroupRewards> usable = new ArrayList<>();
        List<RolloutKey> notOk = new ArrayList<>();
        List<RolloutKey> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (RolloutKey key : published) {
            GroupRewards group = rewards.complete().get(key);
            if (group == null) {
                missing.add(key);
                note(reasons, Keys.describe(key) + ": incomplete after re-request");
                continue;
            }
            String problem = firstProblem(group, empty.getOrDefault(key, Set.of()));
            if (problem != null) {
                notOk.add(key);
                note(reasons, Keys.describe(key) + ": " + problem);
            } else {
                usable.add(group);
            }
        }
        Map<String, Double> meanSample = new LinkedHashMap<>();
        Map<String, Double> meanGreedy = new LinkedHashMap<>();
        monitor(usable, meanSample, meanGreedy);
        int emptyCount = 0;
        for (GroupRewards g : usable) {
            emptyCount += empty.getOrDefault(g.key(), Set.of()).size();
        }
        List<GroupReward> totals = totals(usable, empty);
        return new CombinedRewards(totals, notOk, missing, meanSample, meanGreedy, reasons, emptyCount);
    }

    private List<GroupReward> totals(List<GroupRewards> usable, Map<RolloutKey, Set<Integer>> empty) {
        // per signal, one value per non-empty candidate: group by group, K samples then greedy
        Map<String, double[]> raw = new LinkedHashMap<>();
        int candidates = 0;
        for (GroupRewards g : usable) {
            candidates += g.samples().size() + 1 - empty.getOrDefault(g.key(), Set.of()).size();
        }
        int scored = candidates;
        weights.forEach((signal, weight) -> {
            if (weight != 0.0) {
                double[] values = new double[scored];
                int i = 0;
                for (GroupRewards g : usable) {
                    Set<Integer> blank = empty.getOrDefault(g.key(), Set.of());
                    for (CandidateRewards c : g.samples()) {
                        if (!blank.contains(c.sampleIndex())) {
                            values[i++] = c.scores().get(signal).getValue();
                        }
                    }
                    values[i++] = g.greedy().scores().get(signal).getValue();
                }
                raw.put(signal, values);
            }
        });
        Map<String, double[]> normalised = normalizer.normalize(raw);
        double[] total = new double[candidates];
        normalised.forEach((signal, values) -> {
            double w = weights.get(signal);
            for (int i = 0; i < total.length; i++) {
                total[i] += w * values[i];
            }
        });
        List<GroupReward> out = new ArrayList<>();
        int i = 0;
        for (GroupRewards g : usable) {
            Set<Integer> blank = empty.getOrDefault(g.key(), Set.of());
            double[] samples = new double[g.samples().size()];
            List<Double> others = new ArrayList<>();
            for (int s = 0; s < samples.length; s++) {
                if (blank.contains(g.samples().get(s).sampleIndex())) {
                    samples[s] = Double.NaN;
                } else {
                    samples[s] = total[i++];
                    others.add(samples[s]);
                }
            }
            double greedy = total[i++];
            if (!blank.isEmpty()) {
                others.add(greedy);
                double floor = emptySamples.floor(others.stream().mapToDouble(Double::doubleValue).toArray());
                for (int s = 0; s < samples.length; s++) {
                    if (Double.isNaN(samples[s])) {
                        samples[s] = floor;
                    }
                }
            }
            out.add(new GroupReward(g.key(), samples, greedy));
        }
        return out;
    }

    private String firstProblem(GroupRewards group, Set<Integer> emptySampleIndices) {
        if (group.greedy() == null) {
            return "no greedy caption";
        }
        List<CandidateRewards> all = new ArrayList<>(group.samples());
        all.removeIf(c -> emptySampleIndices.contains(c.sampleIndex()));
        all.add(group.greedy());
        for (CandidateRewards candidate : all) {
            for (Map.Entry<String, Double> w : weights.entrySet()) {
                if (w.getValue() == 0.0) {
                    continue;
                }
                SignalScore score = candidate.scores().get(w.getKey());
                if (score == null) {
                    return "no score for signal '" + w.getKey() + "'";
                }
                if (score.getStatus() != ScoreStatus.OK) {
                    return (candidate.greedy() ? "greedy" : "sample " + candidate.sampleIndex()) + " signal '"
                            + w.getKey() + "' is " + score.getStatus() + (score.getReason().isEmpty() ? "" : ": " + score.getReason());
                }
            }
        }
        return null;
    }

    private void monitor(List<GroupRewards> usable, Map<String, Double> meanSample, Map<String, Double> meanGreedy) {
        for (String signal : weights.keySet()) {
            double sampleSum = 0;
            int sampleN = 0;
            double greedySum = 0;
            int greedyN = 0;
            for (GroupRewards g : usable) {
                for (CandidateRewards c : g.samples()) {
                    SignalScore s = c.scores().get(signal);
                    if (s != null && s.getStatus() == ScoreStatus.OK) {
                        sampleSum += s.getValue();
                        sampleN++;
                    }
                }
                SignalScore s = g.greedy().scores().get(signal);
                if (s != null && s.getStatus() == ScoreStatus.OK) {
                    greedySum += s.getValue();
                    greedyN++;
                }
            }
            if (sampleN > 0) {
                meanSample.put(signal, sampleSum / sampleN);
            }
            if (greedyN > 0) {
                meanGreedy.put(signal, greedySum / greedyN);
            }
        }
    }

    private static void note(List<String> reasons, String reason) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(reason);
        }
    }
}
