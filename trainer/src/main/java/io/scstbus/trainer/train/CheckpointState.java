package io.scstbus.trainer.train;

import java.util.Map;

/**
 * Where a run stands, as saved in a checkpoint's {@code state.json}. A checkpoint is written only
 * after the optimiser step it counts, so resuming at {@code scstStepsDone + 1} never applies a step twice.
 */
public record CheckpointState(String runId, long seed, int ceEpochsDone, long scstStepsDone, long optimizerUpdates,
                              RunCounters counters, ValMetrics valAfterCe, Map<String, double[]> normalizer,
                              int vocabularySize) {

    public CheckpointState {
        normalizer = normalizer == null ? Map.of() : Map.copyOf(normalizer);
        counters = counters == null ? RunCounters.ZERO : counters;
    }
}
