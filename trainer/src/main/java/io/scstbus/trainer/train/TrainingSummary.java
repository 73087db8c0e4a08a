package io.scstbus.trainer.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The run summary: counts over the whole run (a resumed run included), reward wait time, and the val
 * evaluations after CE and after SCST. {@link #toJson()} is what {@code --summary-json} writes; later
 * checks read its field names, so they are fixed here with {@code @JsonProperty}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrainingSummary(
        @JsonProperty("run_id") String runId,
        @JsonProperty("steps") long steps,
        @JsonProperty("ce_epochs") int ceEpochs,
        @JsonProperty("resumed_from_step") Long resumedFromStep,
        @JsonProperty("rollouts_published") long rolloutsPublished,
        @JsonProperty("results_expected") long resultsExpected,
        @JsonProperty("results_received") long resultsReceived,
        @JsonProperty("duplicates_dropped") long duplicatesDropped,
        @JsonProperty("late_dropped") long lateDropped,
        @JsonProperty("groups_rerequested") long groupsRerequested,
        @JsonProperty("groups_dropped") long groupsDropped,
        @JsonProperty("groups_left_out") long groupsLeftOut,
        @JsonProperty("steps_without_update") long stepsWithoutUpdate,
        @JsonProperty("empty_samples") long emptySamples,
        @JsonProperty("reward_wait_seconds") double rewardWaitSeconds,
        @JsonProperty("scst_seconds") double scstSeconds,
        @JsonProperty("reward_wait_fraction") double rewardWaitFraction,
        @JsonProperty("scst_phase_seconds") ScstPhaseSeconds scstPhaseSeconds,
        @JsonProperty("ce_images_per_second") double ceImagesPerSecond,
        @JsonProperty("sample_reward_first") Double sampleRewardFirst,
        @JsonProperty("sample_reward_last") Double sampleRewardLast,
        @JsonProperty("greedy_reward_first") Double greedyRewardFirst,
        @JsonProperty("greedy_reward_last") Double greedyRewardLast,
        @JsonProperty("val_after_ce") ValMetrics valAfterCe,
        @JsonProperty("val_after_scst") ValMetrics valAfterScst,
        @JsonProperty("wall_seconds") double wallSeconds) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static TrainingSummary of(CheckpointState state, Long resumedFrom, ValMetrics afterScst, double wallSeconds) {
        RunCounters c = state.counters();
        return new TrainingSummary(state.runId(), state.scstStepsDone(), state.ceEpochsDone(), resumedFrom,
                c.rolloutsPublished(), c.resultsExpected(), c.resultsReceived(), c.duplicatesDropped(), c.lateDropped(),
                c.groupsRerequested(), c.groupsDropped(), c.groupsLeftOut(), c.stepsWithoutUpdate(), c.emptySamples(),
                c.rewardWaitSeconds(), c.scstSeconds(), c.rewardWaitFraction(), c.scstPhases(),
                c.ceImagesPerSecond(), c.sampleRewardFirst(),
                c.sampleRewardLast(), c.greedyRewardFirst(), c.greedyRewardLast(), state.valAfterCe(), afterScst,
                wallSeconds);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run summary as JSON", e);
        }
    }

    public static TrainingSummary fromJson(String json) throws IOException {
        return JSON.readValue(json, TrainingSummary.class);
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    /** The human-readable summary: counts, then val signals after CE and after SCST side by side. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run %s: %d CE epochs, %d SCST steps%s, %.1f s%n", runId, ceEpochs, steps,
                resumedFromStep == null ? "" : " (resumed after step " + resumedFromStep + ")", wallSeconds));
        out.append(String.format(Locale.ROOT, "  rollouts published %d, results %d/%d received, duplicates dropped %d,"
                        + " late %d%n", rolloutsPublished, resultsReceived, resultsExpected, duplicatesDropped, lateDropped));
        out.append(String.format(Locale.ROOT, "  groups re-requested %d, dropped %d, left out (non-OK) %d;"
                        + " steps without update %d; empty samples given the floor %d%n", groupsRerequested, groupsDropped,
                groupsLeftOut, stepsWithoutUpdate, emptySamples));
        out.append(String.format(Locale.ROOT, "  reward wait %.2f s of %.2f s SCST (%.1f%%)%n", rewardWaitSeconds,
                scstSeconds, 100 * rewardWaitFraction));
        if (ceImagesPerSecond > 0) {
            out.append(String.format(Locale.ROOT, "  CE %.1f images/s%n", ceImagesPerSecond));
        }
        if (steps > 0 && scstPhaseSeconds != null) {
            ScstPhaseSeconds p = scstPhaseSeconds.perStep(steps);
            out.append(String.format(Locale.ROOT, "  SCST step (mean s): encode %.3f, sample %.3f, publish %.3f,"
                    + " reward wait %.3f, backward %.3f%n", p.encode(), p.sample(), p.publish(), p.rewardWait(),
                    p.backward()));
        }
        if (sampleRewardFirst != null) {
            out.append(String.format(Locale.ROOT, "  reward sample %.4f -> %.4f, greedy %.4f -> %.4f%n", sampleRewardFirst,
                    sampleRewardLast, greedyRewardFirst, greedyRewardLast));
        }
        out.append(String.format(Locale.ROOT, "  %-14s %12s %12s %12s%n", "val signal", "after CE", "after SCST", "change"));
        Set<String> names = new LinkedHashSet<>(EvalConfig.SUMMARY_SIGNALS);
        if (valAfterCe != null) {
            names.addAll(valAfterCe.all().keySet());
        }
        if (valAfterScst != null) {
            names.addAll(valAfterScst.all().keySet());
        }
        for (String name : names) {
            Double ce = valAfterCe == null ? null : valAfterCe.all().get(name);
            Double scst = valAfterScst == null ? null : valAfterScst.all().get(name);
            out.append(String.format(Locale.ROOT, "  %-14s %12s %12s %12s%n", name, fmt(ce), fmt(scst),
                    ce == null || scst == null ? "" : String.format(Locale.ROOT, "%+.4f", scst - ce)));
        }
        return out.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
