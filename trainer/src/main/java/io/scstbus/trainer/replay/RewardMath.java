package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.trainer.bus.JoinStats;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.scst.Baseline;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.CombinedRewards;
import io.scstbus.trainer.scst.EmptySamples;
import io.scstbus.trainer.scst.GroupReward;
import io.scstbus.trainer.scst.RewardCombiner;
import io.scstbus.trainer.scst.RewardNormalization;
import io.scstbus.trainer.scst.RewardNormalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer's reward arithmetic, reused, not rewritten: {@link RewardCombiner} (weights, the
 * normaliser, which groups are left out) and the run's {@link Baseline}. Stateful like the trainer's
 * (running min-max), so it must see every step from the run's first, in order.
 */
public final class RewardMath {

    private final List<String> signals;
    private final Map<String, Double> weights;
    private final BaselineKind baselineKind;
    private final RewardNormalization normalization;
    private final RewardCombiner combiner;
    private final Baseline baseline;

    public RewardMath(Map<String, Double> weights, BaselineKind baseline, RewardNormalization normalization) {
        this.weights = new LinkedHashMap<>(weights);
        this.signals = List.copyOf(weights.keySet());
        this.baselineKind = baseline;
        this.normalization = normalization;
        this.combiner = new RewardCombiner(this.weights, new RewardNormalizer(normalization));
        this.baseline = baseline.create();
    }

    /**
     * The math of the run whose groups carry {@code spec}: weights in the spec's signal order (the
     * order the trainer summed them in); baseline and normalisation from the spec unless overridden
     * (older trainers left them empty: then GREEDY and NONE, the presets' choice).
     */
    public static RewardMath of(RewardSpec spec, BaselineKind baselineOverride, RewardNormalization normalizationOverride) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String signal : spec.getSignalsList()) {
            weights.put(signal, spec.getWeightsOrDefault(signal, 0.0));
        }
        BaselineKind baseline = baselineOverride != null ? baselineOverride
                : spec.getBaseline().isEmpty() ? BaselineKind.GREEDY : BaselineKind.valueOf(spec.getBaseline().toUpperCase(Locale.ROOT));
        RewardNormalization normalization = normalizationOverride != null ? normalizationOverride
                : spec.getNormalization().isEmpty() ? RewardNormalization.NONE
                : RewardNormalization.valueOf(spec.getNormalization().toUpperCase(Locale.ROOT));
        return new RewardMath(weights, baseline, normalization);
    }

    /** True when {@code spec} named its baseline and normalisation (a trainer with these fields). */
    public static boolean describesMath(RewardSpec spec) {
        return !spec.getBaseline().isEmpty() && !spec.getNormalization().isEmpty();
    }

    /** Combines one joined step exactly as the trainer's step did, then applies the baseline. */
    public ScoredStep score(JoinedStep step) {
        StepRewards rewards = new StepRewards(step.complete(), step.dropped(), JoinStats.ZERO);
        CombinedRewards combined = combiner.combine(step.published(), rewards, EmptySamples.of(step.groups()));
        Map<io.scstbus.proto.v1.RolloutKey, double[]> advantages = new LinkedHashMap<>();
        for (GroupReward g : combined.groups()) {
            advantages.put(g.key(), baseline.advantages(g.samples(), g.greedy()));
        }
        return new ScoredStep(step, combined, advantages);
    }

    public List<String> signals() {
        return signals;
    }

    public Map<String, Double> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    public BaselineKind baseline() {
        return baselineKind;
    }

    public RewardNormalization normalization() {
        return normalization;
    }
}
