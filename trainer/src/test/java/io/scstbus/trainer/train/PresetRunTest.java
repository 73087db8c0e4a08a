package io.scstbus.trainer.train;

import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.trainer.TinyDataset;
import io.scstbus.trainer.data.DataConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a preset's model, CE and SCST sizes end to end on Java2D scenes with the length signal, to
 * measure it: {@code -Dscstbus.preset=smoke} (or demo). Off by default; asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "scstbus.preset", matches = "smoke|demo")
class PresetRunTest {

    @TempDir
    Path dir;

    @Test
    void runsThePreset() throws Exception {
        TrainConfig preset = TrainConfig.preset(System.getProperty("scstbus.preset"));
        int images = preset.data().synthetic().images();
        int val = Math.max(1, images / 6);
        DataConfig data = TinyDataset.write(dir.resolve("data"), images - val, val, preset.model().imageSize(), 1L);
        TrainConfig config = preset.withData(data.withLimits(preset.data().maxTrainImages(), preset.data().maxValImages()))
                .withScst(preset.scst().withSignals(Map.of("length", 0.1)))
                .withCheckpoint(new CheckpointConfig(dir.resolve("ckpt").toString(), preset.checkpoint().everySteps(), 2, false));
        long start = System.nanoTime();
        try (DeadlineScorer deadlines = TinyRuns.deadlines()) {
            TrainingSummary summary = ScstTrainer.builder(config)
                    .setRewardBus(RewardBusFactory.inProcess(List.of(TinyRuns.scorer(deadlines))))
                    .optEvaluationRegistry(TinyRuns.REGISTRY)
                    .build()
                    .run();
            System.err.printf("preset %s: %.1f s wall (summary %.1f s)%n", System.getProperty("scstbus.preset"),
                    (System.nanoTime() - start) / 1e9, summary.wallSeconds());
        }
    }
}
