package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.RewardJoiner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Buffers a run's records per step and closes a step the way the trainer did: the trainer publishes
 * step s + 1 only after it has finished joining step s, so in timestamp order the first rollout of a
 * later step closes every earlier step. A closed step is joined with the trainer's
 * {@link RewardJoiner} (first score wins, duplicates counted) and handed on. Late, as they were for
 * the trainer: results read after their step closed, and results a worker produced
 * ({@code produced_at_ms}) after the next step's rollouts were created ({@code created_at_ms}) —
 * workers stamp a result with its rollout's record timestamp, so only the produced-at time tells
 * a straggler apart (this assumes worker and trainer clocks agree to within one step's sampling time).
 * Memory: the open steps' records only.
 */
public final class StepAssembler {

    private static final Comparator<RolloutGroup> BY_IMAGE = Comparator.comparing(g -> g.getKey().getImageId());

    private final Consumer<JoinedStep> downstream;
    private final TreeMap<Long, Buffer> open = new TreeMap<>();
    private long lastClosed = Long.MIN_VALUE;
    private long latestRolloutStep = Long.MIN_VALUE;
    private long lateResults;
    private long reopenedRollouts;

    public StepAssembler(Consumer<JoinedStep> downstream) {
        this.downstream = downstream;
    }

    public void accept(RunRecord record) {
        long step = record.step();
        if (step <= lastClosed) {
            if (record.isRollout()) {
                reopenedRollouts++;
            } else {
                lateResults++;
            }
            return;
        }
        Buffer buffer = open.computeIfAbsent(step, s -> new Buffer());
        if (record.isRollout()) {
            buffer.rollouts.add(record.rollout());
            if (step > latestRolloutStep) {
                latestRolloutStep = step;
                closeBefore(step, record.rollout().getCreatedAtMs());
            }
        } else {
            buffer.results.add(record.result());
        }
    }

    /** Closes every open step: the end of the topics (or of the range) is reached. */
    public void finish() {
        closeBefore(Long.MAX_VALUE, 0);
    }

    /** @param cutoffMs when the trainer had moved on (the next step's creation time), or 0 for unknown */
    private void closeBefore(long step, long cutoffMs) {
        while (!open.isEmpty() && open.firstKey() < step) {
            Map.Entry<Long, Buffer> first = open.pollFirstEntry();
            lastClosed = first.getKey();
            if (!first.getValue().rollouts.isEmpty()) {
                downstream.accept(join(first.getKey(), first.getValue(), cutoffMs));
            } else {
                lateResults += first.getValue().results.size();
            }
        }
    }

    private JoinedStep join(long step, Buffer buffer, long cutoffMs) {
        RewardJoiner joiner = new RewardJoiner();
        List<RolloutGroup> groups = new ArrayList<>();
        java.util.Set<RolloutKey> seen = new java.util.HashSet<>();
        long rerequested = 0;
        for (RolloutGroup g : buffer.rollouts) {
            if (g.getAttempt() > 0) {
                rerequested++;
            }
            if (seen.add(g.getKey())) {
                groups.add(g);
                joiner.expect(g);
            }
        }
        for (RewardResult r : buffer.results) {
            if (cutoffMs > 0 && r.getProducedAtMs() > cutoffMs) {
                lateResults++;
            } else {
                joiner.offer(r);
            }
        }
        groups.sort(BY_IMAGE);
        List<RolloutKey> dropped = joiner.incomplete().stream().map(RolloutGroup::getKey)
                .sorted(Comparator.comparing(RolloutKey::getImageId)).toList();
        return new JoinedStep(step, groups, JoinedStep.publicationOrder(groups), joiner.complete(), dropped,
                rerequested, joiner.scoresReceived(),
                joiner.scoresExpected(), joiner.duplicates());
    }

    /** Results that arrived after their step was closed. */
    public long lateResults() {
        return lateResults;
    }

    /** Rollouts of a step already closed: a resumed run publishing a step again. */
    public long reopenedRollouts() {
        return reopenedRollouts;
    }

    private static final class Buffer {
        final List<RolloutGroup> rollouts = new ArrayList<>();
        final List<RewardResult> results = new ArrayList<>();
    }
}
