package io.scstbus.trainer.bus;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.rewards.worker.RolloutScorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores rollouts in the trainer's own process through the same {@link RolloutScorer}s the Kafka
 * workers run, and joins them with the same {@link RewardJoiner}. For evaluation and for trainer
 * tests that are about training, not transport.
 */
public final class InProcessRewardBus implements RewardBus {

    private final List<RolloutScorer> workerGroups;
    private final Map<ReferencesKey, ImageReferences> references;

    public InProcessRewardBus(List<RolloutScorer> workerGroups, Map<ReferencesKey, ImageReferences> references) {
        this.workerGroups = List.copyOf(workerGroups);
        this.references = Objects.requireNonNull(references, "references");
    }

    private final Map<Long, StepRewards> scored = new HashMap<>();

    /** Scores at once; {@link #collect} hands the result over. */
    @Override
    public void publish(long step, List<RolloutGroup> groups) {
        if (scored.putIfAbsent(step, score(groups)) != null) {
            throw new IllegalStateException("step " + step + " is already in flight");
        }
    }

    @Override
    public StepRewards collect(long step) {
        StepRewards rewards = scored.remove(step);
        if (rewards == null) {
            throw new IllegalStateException("step " + step + " was not published");
        }
        return rewards;
    }

    private StepRewards score(List<RolloutGroup> groups) {
        long start = System.nanoTime();
        RewardJoiner joiner = new RewardJoiner();
        for (RolloutGroup group : groups) {
            joiner.expect(group);
            ImageReferences refs = references.get(Keys.referencesOf(group));
            for (RolloutScorer scorer : workerGroups) {
                joiner.offer(scorer.score(group, refs));
            }
        }
        List<io.scstbus.proto.v1.RolloutKey> dropped = joiner.incomplete().stream().map(RolloutGroup::getKey).toList();
        JoinStats stats = new JoinStats(groups.size(), joiner.scoresExpected(), joiner.scoresReceived(),
                joiner.duplicates(), joiner.unexpected(), 0, dropped.size(), (System.nanoTime() - start) / 1e9);
        return new StepRewards(joiner.complete(), dropped, stats);
    }

    @Override
    public void close() {
        // nothing held: the scorers belong to the caller
    }
}
