package io.scstbus.trainer.replay;

import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.RewardNormalization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to replay and where to write it.
 *
 * @param fromStep first step written (null: the run's first); earlier steps are still read and folded
 *                 into the running normalisation
 * @param toStep last step written (null: the last on the topics); reading stops after it
 * @param baseline overrides the baseline the run's reward spec names (null: the spec's)
 * @param normalization overrides the normalisation the spec names (null: the spec's)
 * @param rescore another reward configuration to compare with, or null
 */
public record ReplayOptions(String runId, Long fromStep, Long toStep, Path out, BaselineKind baseline,
                            RewardNormalization normalization, Rescore rescore, ProgressBar progress) {

    public ReplayOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(out, "out");
        progress = progress == null ? ProgressBar.none() : progress;
        if (fromStep != null && toStep != null && fromStep > toStep) {
            throw new IllegalArgumentException("--from-step " + fromStep + " is after --to-step " + toStep);
        }
    }

    public static ReplayOptions of(String runId, Path out) {
        return new ReplayOptions(runId, null, null, out, null, null, null, null);
    }

    public ReplayOptions withRange(Long from, Long to) {
        return new ReplayOptions(runId, from, to, out, baseline, normalization, rescore, progress);
    }

    public ReplayOptions withRescore(Rescore value) {
        return new ReplayOptions(runId, fromStep, toStep, out, baseline, normalization, value, progress);
    }

    boolean inRange(long step) {
        return (fromStep == null || step >= fromStep) && (toStep == null || step <= toStep);
    }

    /**
     * Rescoring with another configuration.
     *
     * @param weights signals and weights, in summation order (null: the run's)
     * @param viaWorkers publish to live workers under {@code RUN#rescore-N} instead of scoring here
     * @param deadline how long to wait for the workers per step before re-requesting once
     */
    public record Rescore(Map<String, Double> weights, boolean viaWorkers, Duration deadline) {

        public Rescore {
            weights = weights == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
            deadline = deadline == null ? Duration.ofSeconds(60) : deadline;
        }
    }
}
