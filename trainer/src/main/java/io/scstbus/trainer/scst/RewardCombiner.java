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

/**
 * Total reward = sum over weighted signals of weight x normalised value. A group with any non-OK
 * score on a signal of non-zero weight (any candidate, greedy included) is left out of the update and
 * counted; it is never scored as 0. Signals of weight 0 are requested for monitoring only.
 */
public final class RewardCombiner {

    private static final int MAX_REASONS = 5;

    private final Map<String, Double> weights;
    private final RewardNormalizer normalizer;

    public RewardCombiner(Map<String, Double> weights, RewardNormalizer normalizer) {
        this.weights = new LinkedHashMap<>(weights);
        this.normalizer = normalizer;
        if (this.weights.values().stream().allMatch(w -> w == 0.0)) {
            throw new IllegalArgumentException("at least one signal needs a non-zero weight, got " + weights);
        }
    }

    public RewardNormalizer normalizer() {
        return normalizer;
    }

    public CombinedRewards combine(List<RolloutKey> published, StepRewards rewards) {
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
            String problem = firstProblem(group);
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
        List<GroupReward> totals = totals(usable);
        return new CombinedRewards(totals, notOk, missing, meanSample, meanGreedy, reasons);
    }

    private List<GroupReward> totals(List<GroupRewards> usable) {
        // per signal, one value per candidate: group by group, K samples then greedy
        Map<String, double[]> raw = new LinkedHashMap<>();
        int candidates = usable.stream().mapToInt(g -> g.samples().size() + 1).sum();
        weights.forEach((signal, weight) -> {
            if (weight != 0.0) {
                double[] values = new double[candidates];
                int i = 0;
                for (GroupRewards g : usable) {
                    for (CandidateRewards c : g.samples()) {
                        values[i++] = c.scores().get(signal).getValue();
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
            double[] samples = new double[g.samples().size()];
            for (int s = 0; s < samples.length; s++) {
                samples[s] = total[i++];
            }
            out.add(new GroupReward(g.key(), samples, total[i++]));
        }
        return out;
    }

    private String firstProblem(GroupRewards group) {
        if (group.greedy() == null) {
            return "no greedy caption";
        }
        List<CandidateRewards> all = new ArrayList<>(group.samples());
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
