package io.scstbus.trainer.train;

import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.EmptySamples;
import io.scstbus.trainer.scst.RewardNormalization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 2, self-critical sequence training over the reward bus.
 *
 * @param steps updates; 0 skips the phase
 * @param imagesPerStep images per step (rollout groups published per step)
 * @param samplesPerImage K sampled captions per image, besides the greedy one
 * @param temperature sampling temperature; the policy's log-probabilities are taken at it
 * @param baseline GREEDY (SCST) or LEAVE_ONE_OUT (new SCST, K >= 2)
 * @param normalization NONE, Z_SCORE (per batch) or MIN_MAX (running), applied per signal before weighting
 * @param signals the signals requested from the workers, in order, with their weights; weight 0 =
 *     requested and reported, not rewarded
 * @param entropyLambda lambda of the varentropy/entropy term (docs/design.md: 1e-4)
 * @param learningRate Adam learning rate of the phase
 * @param gradClip global gradient-norm clip; 0 = none
 * @param maxStaleness 0: each step samples from the policy its rewards update; 1: step t+1 is sampled
 *     and published while step t's rewards are in flight (its samples are then one update old, and
 *     their log-probabilities are recomputed under the current policy for the update)
 * @param emptySampleMargin an empty sampled caption's reward is the lowest total reward of the rest of
 *     its group minus this margin ({@link EmptySamples})
 * @param emptySampleReward a fixed reward for empty sampled captions instead; null = the margin rule
 */
public record ScstConfig(int steps, int imagesPerStep, int samplesPerImage, double temperature, BaselineKind baseline,
                         RewardNormalization normalization, Map<String, Double> signals, double entropyLambda,
                         double learningRate, double gradClip, int maxStaleness, double emptySampleMargin,
                         Double emptySampleReward) {

    /** Empty samples get the default floor ({@link EmptySamples#DEFAULT}). */
    public ScstConfig(int steps, int imagesPerStep, int samplesPerImage, double temperature, BaselineKind baseline,
                      RewardNormalization normalization, Map<String, Double> signals, double entropyLambda,
                      double learningRate, double gradClip, int maxStaleness) {
        this(steps, imagesPerStep, samplesPerImage, temperature, baseline, normalization, signals, entropyLambda,
                learningRate, gradClip, maxStaleness, EmptySamples.DEFAULT.margin(), EmptySamples.DEFAULT.fixedReward());
    }

    /** Without overlap (max staleness 0). */
    public ScstConfig(int steps, int imagesPerStep, int samplesPerImage, double temperature, BaselineKind baseline,
                      RewardNormalization normalization, Map<String, Double> signals, double entropyLambda,
                      double learningRate, double gradClip) {
        this(steps, imagesPerStep, samplesPerImage, temperature, baseline, normalization, signals, entropyLambda,
                learningRate, gradClip, 0);
    }

    public ScstConfig {
        Checks.range("scst.steps", steps, 0, 100_000_000);
        Checks.range("scst.images_per_step", imagesPerStep, 1, 65_536);
        Checks.range("scst.samples_per_image", samplesPerImage, 1, 1024);
        Checks.positive("scst.temperature", temperature, 100.0);
        Checks.required("scst.baseline (GREEDY or LEAVE_ONE_OUT)", baseline);
        Checks.required("scst.normalization (NONE, Z_SCORE or MIN_MAX)", normalization);
        if (baseline == BaselineKind.LEAVE_ONE_OUT && samplesPerImage < 2) {
            throw new IllegalArgumentException("scst.samples_per_image must be >= 2 with baseline LEAVE_ONE_OUT, got "
                    + samplesPerImage);
        }
        if (signals == null || signals.isEmpty()) {
            throw new IllegalArgumentException("scst.signals must name at least one signal with its weight, got " + signals);
        }
        for (Map.Entry<String, Double> e : signals.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("scst.signals has a blank signal name");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("scst.signals." + e.getKey() + " must be a finite weight, got " + e.getValue());
            }
        }
        if (signals.values().stream().allMatch(w -> w == 0.0)) {
            throw new IllegalArgumentException("scst.signals needs at least one non-zero weight, got " + signals);
        }
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
        Checks.range("scst.entropy_lambda", entropyLambda, 0.0, 1000.0);
        Checks.positive("scst.learning_rate", learningRate, 1.0);
        Checks.range("scst.grad_clip", gradClip, 0.0, 1e9);
        Checks.range("scst.max_staleness", maxStaleness, 0, 1);
        new EmptySamples(emptySampleMargin, emptySampleReward); // validates both
    }

    /** How empty sampled captions are rewarded. */
    public EmptySamples emptySamples() {
        return new EmptySamples(emptySampleMargin, emptySampleReward);
    }

    public ScstConfig withSteps(int value) {
        return new ScstConfig(value, imagesPerStep, samplesPerImage, temperature, baseline, normalization, signals,
                entropyLambda, learningRate, gradClip, maxStaleness, emptySampleMargin, emptySampleReward);
    }

    public ScstConfig withSignals(Map<String, Double> value) {
        return new ScstConfig(steps, imagesPerStep, samplesPerImage, temperature, baseline, normalization, value,
                entropyLambda, learningRate, gradClip, maxStaleness, emptySampleMargin, emptySampleReward);
    }

    public ScstConfig withMaxStaleness(int value) {
        return new ScstConfig(steps, imagesPerStep, samplesPerImage, temperature, baseline, normalization, signals,
                entropyLambda, learningRate, gradClip, value, emptySampleMargin, emptySampleReward);
    }
}
