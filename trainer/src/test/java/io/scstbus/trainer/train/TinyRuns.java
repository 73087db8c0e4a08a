package io.scstbus.trainer.train;

import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.signals.LengthSignal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RolloutScorer;
import io.scstbus.trainer.data.DataConfig;
import io.scstbus.trainer.model.ModelConfig;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.RewardNormalization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tiny configurations and the real length-signal scorer for trainer tests. */
final class TinyRuns {

    static final SignalRegistry REGISTRY = new SignalRegistry(List.of(new LengthSignal(new WhitespaceTokenizer())));

    private TinyRuns() {
    }

    static TrainConfig config(DataConfig data, int ceEpochs, int scstSteps) {
        return new TrainConfig("tiny-run", 11L, data,
                new ModelConfig(16, List.of(8, 16), 16, 32, 16, 8, 1),
                new CeConfig(ceEpochs, 8, 5e-3),
                new ScstConfig(scstSteps, 3, 2, 1.0, BaselineKind.GREEDY, RewardNormalization.NONE,
                        Map.of(LengthSignal.NAME, 0.1), 1e-4, 1e-3, 2.0),
                new EvalConfig(false, 3, List.of("cider_d", LengthSignal.NAME), 8),
                CheckpointConfig.none());
    }

    static RolloutScorer scorer(DeadlineScorer deadlines) {
        return new RolloutScorer(REGISTRY, deadlines, CaptionLimits.DEFAULT, "cheap", "test-worker", Clock.systemUTC());
    }

    static DeadlineScorer deadlines() {
        return new DeadlineScorer(Duration.ofSeconds(10));
    }
}
