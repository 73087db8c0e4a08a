package io.scstbus.trainer.train;

import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.StepRewards;
import java.util.ArrayList;
import java.util.List;

/** Passes publications and collections through and remembers the training steps and groups it saw. */
final class RecordingBus implements RewardBus {

    final RewardBus delegate;
    final List<Long> steps = new ArrayList<>();
    final List<RolloutGroup> groups = new ArrayList<>();

    RecordingBus(RewardBus delegate) {
        this.delegate = delegate;
    }

    @Override
    public void publish(long step, List<RolloutGroup> published) {
        if (!published.isEmpty() && !published.get(0).getKey().getRunId().endsWith("#eval")) {
            steps.add(step);
            groups.addAll(published);
        }
        delegate.publish(step, published);
    }

    @Override
    public StepRewards collect(long step) {
        return delegate.collect(step);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
