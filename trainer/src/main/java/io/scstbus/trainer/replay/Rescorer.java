package io.scstbus.trainer.replay;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.StepRewards;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes one step's rewards with another reward configuration: the recorded captions go through a
 * {@link RewardBus} (in this process through the signal library, or over Kafka to live workers under
 * a sub-run id) with the new spec, are joined by the bus's {@link io.scstbus.trainer.bus.RewardJoiner},
 * and combined by a {@link RewardMath} of the new weights. Stateful like the trainer (running min-max).
 */
final class Rescorer {

    private final RewardBus bus;
    private final RewardMath math;
    private final RewardSpec spec;
    private final String subRunId;

    /**
     * @param subRunId run id the rescored groups are published under ({@code RUN#rescore-N} for live
     *                 workers), or null to keep the run's keys (in-process)
     */
    Rescorer(RewardBus bus, RewardMath math, String subRunId) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.math = Objects.requireNonNull(math, "math");
        this.subRunId = subRunId;
        RewardSpec.Builder b = RewardSpec.newBuilder().addAllSignals(math.signals()).putAllWeights(math.weights())
                .setBaseline(math.baseline().name()).setNormalization(math.normalization().name());
        this.spec = b.build();
    }

    RewardMath math() {
        return math;
    }

    /** The step rescored: same captions, new scores, new totals and advantages. */
    ScoredStep rescore(JoinedStep original) {
        List<RolloutGroup> groups = new ArrayList<>();
        Map<RolloutKey, RolloutKey> back = new LinkedHashMap<>();
        for (RolloutGroup g : original.groups()) {
            RolloutKey key = subRunId == null ? g.getKey()
                    : Keys.rollout(subRunId, g.getKey().getStep(), g.getKey().getImageId());
            back.put(key, g.getKey());
            groups.add(g.toBuilder().setKey(key).setRewardSpec(spec).setAttempt(0).build());
        }
        StepRewards rewards = bus.exchange(original.step(), groups);
        Map<RolloutKey, GroupRewards> complete = new LinkedHashMap<>();
        rewards.complete().forEach((k, v) -> {
            RolloutKey key = back.get(k);
            complete.put(key, new GroupRewards(key, v.samples(), v.greedy()));
        });
        List<RolloutGroup> rekeyed = original.groups().stream().map(g -> g.toBuilder().setRewardSpec(spec).build())
                .sorted(Comparator.comparing(g -> g.getKey().getImageId())).toList();
        List<RolloutKey> dropped = rewards.dropped().stream().map(back::get).toList();
        JoinedStep joined = new JoinedStep(original.step(), rekeyed, original.published(), complete, dropped,
                rewards.stats().groupsRerequested(), rewards.stats().scoresReceived(), rewards.stats().scoresExpected(),
                rewards.stats().duplicatesDropped());
        return math.score(joined);
    }
}
