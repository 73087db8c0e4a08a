package io.scstbus.trainer.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scstbus.trainer.data.DataConfig;
import io.scstbus.trainer.data.SyntheticData;
import io.scstbus.trainer.model.ModelConfig;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.RewardNormalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs, validated at construction (messages name the field, the value
 * and the allowed range). Load YAML with {@link TrainConfigYaml}: a file names a {@code preset} and
 * overrides any field of it, in snake_case ({@code scst.samples_per_image}).
 *
 * @param runId the run's id on the wire and in checkpoints; null = generated at start
 * @param seed parameter initialisation, shuffling and sampling all follow from it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrainConfig(String runId, long seed, DataConfig data, ModelConfig model, CeConfig ce,
                          ScstConfig scst, EvalConfig eval, CheckpointConfig checkpoint) {

    /** The preset names {@link #preset(String)} knows. */
    public static final List<String> PRESETS = List.of("smoke", "demo");

    public TrainConfig {
        if (runId != null && (runId.isBlank() || runId.length() > 200 || runId.chars().anyMatch(Character::isWhitespace)
                || runId.contains("/") || runId.contains("\\"))) {
            throw new IllegalArgumentException("run_id must be 1 to 200 characters without whitespace or slashes, got '"
                    + runId + "'");
        }
        Checks.required("data", data);
        Checks.required("model", model);
        Checks.required("ce", ce);
        Checks.required("scst", scst);
        Checks.required("eval", eval);
        checkpoint = checkpoint == null ? CheckpointConfig.none() : checkpoint;
    }

    /**
     * The default signal mix of the presets (docs/design.md): CIDEr-D and object coverage rewarded, count
     * errors (a missing number charged as 0), oversights, hallucinations and repetition penalised, count
     * coverage rewarded, length and signed count error reported only. Chosen over five demo seeds against
     * count_abs at -0.25 (BENCHMARKS.md, "Counting rewards over seeds"): the only mix of the two whose
     * SCST - CE intervals clear every target.
     */
    public static Map<String, Double> defaultSignals() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cider_d", 1.0);
        m.put("length", 0.0);
        m.put("sde", 1.0);
        m.put("count_abs", -0.5);
        m.put("count_signed", 0.0);
        m.put("count_coverage", 0.5);
        m.put("oversight", -0.5);
        m.put("hallucination", -0.5);
        m.put("repetition", -1.0);
        return m;
    }

    /**
     * Tiny: 64 synthetic images, 5 CE epochs, 10 SCST steps of 8 images x 4 samples (400 captions to
     * score). The model side takes seconds on 2 cores; the rest of the 2-minute budget is the reward
     * workers'. For tests and CI.
     */
    public static TrainConfig smoke() {
        return new TrainConfig(null, 7L,
                DataConfig.under("synthetic", "runs/data/synthetic-smoke", new SyntheticData(64, 7L), 48, 16),
                ModelConfig.tiny(),
                new CeConfig(5, 32, 2e-3),
                new ScstConfig(10, 8, 4, 1.0, BaselineKind.GREEDY, RewardNormalization.NONE, defaultSignals(), 1e-4,
                        2e-4, 2.0),
                new EvalConfig(false, 16, EvalConfig.DEFAULT_SIGNALS, 64),
                new CheckpointConfig("checkpoints", 0, 2, false));
    }

    /**
     * The embedded demo: 600 synthetic images, 15 CE epochs, 150 SCST steps of 16 images x 5 samples
     * (14,400 captions to score). The model side takes about a minute on 2 cores, leaving most of the
     * 10-minute budget to the reward workers; meant to show SCST moving CIDEr-D and count errors away
     * from the CE checkpoint.
     */
    public static TrainConfig demo() {
        return new TrainConfig(null, 7L,
                DataConfig.under("synthetic", "runs/data/synthetic-demo", new SyntheticData(600, 7L), 0, 100),
                ModelConfig.tiny(),
                new CeConfig(15, 50, 2e-3),
                new ScstConfig(150, 16, 5, 1.0, BaselineKind.GREEDY, RewardNormalization.NONE, defaultSignals(), 1e-4,
                        2e-4, 2.0),
                new EvalConfig(true, 100, EvalConfig.DEFAULT_SIGNALS, 64),
                new CheckpointConfig("checkpoints", 50, 2, false));
    }

    public static TrainConfig preset(String name) {
        return switch (name) {
            case "smoke" -> smoke();
            case "demo" -> demo();
            default -> throw new IllegalArgumentException("preset must be one of " + PRESETS + ", got '" + name + "'");
        };
    }

    /** Reads a YAML run file; see {@link TrainConfigYaml}. */
    public static TrainConfig load(Path yaml) throws IOException {
        return TrainConfigYaml.load(yaml);
    }

    public String toYaml() {
        return TrainConfigYaml.write(this);
    }

    public TrainConfig withRunId(String value) {
        return new TrainConfig(value, seed, data, model, ce, scst, eval, checkpoint);
    }

    public TrainConfig withSeed(long value) {
        return new TrainConfig(runId, value, data, model, ce, scst, eval, checkpoint);
    }

    public TrainConfig withData(DataConfig value) {
        return new TrainConfig(runId, seed, value, model, ce, scst, eval, checkpoint);
    }

    public TrainConfig withModel(ModelConfig value) {
        return new TrainConfig(runId, seed, data, value, ce, scst, eval, checkpoint);
    }

    public TrainConfig withCe(CeConfig value) {
        return new TrainConfig(runId, seed, data, model, value, scst, eval, checkpoint);
    }

    public TrainConfig withScst(ScstConfig value) {
        return new TrainConfig(runId, seed, data, model, ce, value, eval, checkpoint);
    }

    public TrainConfig withEval(EvalConfig value) {
        return new TrainConfig(runId, seed, data, model, ce, scst, value, checkpoint);
    }

    public TrainConfig withCheckpoint(CheckpointConfig value) {
        return new TrainConfig(runId, seed, data, model, ce, scst, eval, value);
    }
}
