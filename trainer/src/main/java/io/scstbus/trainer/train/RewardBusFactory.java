package io.scstbus.trainer.train;

import io.scstbus.rewards.worker.RolloutScorer;
import io.scstbus.trainer.bus.InProcessRewardBus;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.data.CaptionData;
import java.io.IOException;
import java.util.List;

/**
 * Opens the run's reward bus once the dataset is loaded: a Kafka bus publishes
 * {@link CaptionData#references()} to the references topic here (the bootstrap), the in-process bus
 * serves them directly. The trainer closes the bus at the end of the run.
 */
@FunctionalInterface
public interface RewardBusFactory {

    RewardBus open(CaptionData data) throws IOException;

    /** Scores in this process with the given worker groups' scorers (tests, evaluation, embedded runs). */
    static RewardBusFactory inProcess(List<RolloutScorer> scorers) {
        return data -> new InProcessRewardBus(scorers, data.references());
    }
}
