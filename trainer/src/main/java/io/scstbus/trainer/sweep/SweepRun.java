package io.scstbus.trainer.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scstbus.trainer.train.TrainingSummary;
import io.scstbus.trainer.train.ValMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished run of a sweep, as written to {@code runs/MIX/seed-N.json}: its mix, seed, the run
 * summary and the greedy val captions after CE and after SCST. A sweep skips a run whose file exists.
 */
public record SweepRun(
        @JsonProperty("mix") String mix,
        @JsonProperty("seed") long seed,
        @JsonProperty("weights") Map<String, Double> weights,
        @JsonProperty("summary") TrainingSummary summary,
        @JsonProperty("captions_after_ce") List<String> captionsAfterCe,
        @JsonProperty("captions_after_scst") List<String> captionsAfterScst) {

    /** The caption-share metrics reported beside the val signals. */
    public static final List<String> SHARE_METRICS = List.of("greedy_states_number", "greedy_many_several_some",
            "greedy_repeats_phrase");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public static Path file(Path out, String mix, long seed) {
        return out.resolve("runs").resolve(mix).resolve("seed-" + seed + ".json");
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static SweepRun read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), SweepRun.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a sweep run record (delete it to rerun that run): " + e.getMessage(), e);
        }
    }

    /** Every val signal and caption share after CE ({@code afterScst} false) or after SCST, by name. */
    public Map<String, Double> metrics(boolean afterScst) {
        ValMetrics val = afterScst ? summary.valAfterScst() : summary.valAfterCe();
        Map<String, Double> out = new LinkedHashMap<>();
        if (val != null) {
            val.all().forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
        }
        CaptionShares shares = CaptionShares.of(afterScst ? captionsAfterScst : captionsAfterCe);
        out.put(SHARE_METRICS.get(0), shares.statesNumber());
        out.put(SHARE_METRICS.get(1), shares.vagueQuantity());
        out.put(SHARE_METRICS.get(2), shares.repeatsPhrase());
        return out;
    }
}
