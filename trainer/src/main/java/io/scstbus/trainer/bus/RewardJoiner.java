package io.scstbus.trainer.bus;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.SignalScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins partial results from any number of worker groups into complete rollout groups. A group is
 * complete when every candidate has a score (of any status) for every requested signal. The first
 * score for (key, candidate, signal) wins; later ones are duplicates and are dropped and counted.
 * Not thread-safe: one joiner belongs to one consuming thread. The trainer, replay and the Python
 * client's tests all follow these rules.
 */
public final class RewardJoiner {

    /** What happened to one offered result. */
    public enum Offer { ACCEPTED, DUPLICATE, UNEXPECTED }

    private final Map<RolloutKey, Pending> pending = new LinkedHashMap<>();
    private long scoresReceived;
    private long duplicates;
    private long unexpected;

    /** Registers a published group; the requested signals are its reward spec's. */
    public void expect(RolloutGroup group) {
        if (group.getRewardSpec().getSignalsCount() == 0) {
            throw new IllegalArgumentException("rollout group " + Keys.describe(group.getKey())
                    + " requests no signals");
        }
        pending.putIfAbsent(group.getKey(), new Pending(group));
    }

    public Offer offer(RewardResult result) {
        Pending p = pending.get(result.getKey());
        if (p == null) {
            unexpected++;
            return Offer.UNEXPECTED;
        }
        boolean any = false;
        boolean dup = false;
        for (CandidateScores candidate : result.getCandidatesList()) {
            Map<String, SignalScore> slot = p.slot(candidate.getSampleIndex(), candidate.getGreedy());
            if (slot == null) {
                continue;
            }
            for (SignalScore score : candidate.getScoresList()) {
                if (!p.requested.contains(score.getSignal())) {
                    continue;
                }
                if (slot.putIfAbsent(score.getSignal(), score) == null) {
                    scoresReceived++;
                    any = true;
                } else {
                    dup = true;
                }
            }
        }
        if (!any && dup) {
            duplicates++;
            return Offer.DUPLICATE;
        }
        return Offer.ACCEPTED;
    }

    /** Whether {@code key} is one of the groups this joiner waits for or has joined. */
    public boolean expects(RolloutKey key) {
        return pending.containsKey(key);
    }

    public boolean isComplete(RolloutKey key) {
        Pending p = pending.get(key);
        return p != null && p.complete();
    }

    public boolean allComplete() {
        return pending.values().stream().allMatch(Pending::complete);
    }

    /** Groups still waiting for at least one score, in publication order. */
    public List<RolloutGroup> incomplete() {
        return pending.values().stream().filter(p -> !p.complete()).map(p -> p.group).toList();
    }

    /** Complete groups in publication order. */
    public Map<RolloutKey, GroupRewards> complete() {
        Map<RolloutKey, GroupRewards> out = new LinkedHashMap<>();
        for (Pending p : pending.values()) {
            if (p.complete()) {
                out.put(p.group.getKey(), p.toRewards());
            }
        }
        return out;
    }

    /** Scores a complete join needs: candidates x requested signals, over every expected group. */
    public long scoresExpected() {
        return pending.values().stream().mapToLong(p -> (long) p.slots.size() * p.requested.size()).sum();
    }

    public long scoresReceived() {
        return scoresReceived;
    }

    /** Results whose every score had already arrived. */
    public long duplicates() {
        return duplicates;
    }

    /** Results for keys this joiner does not expect: late answers to an earlier step, other runs. */
    public long unexpected() {
        return unexpected;
    }

    private static final class Pending {
        final RolloutGroup group;
        final List<String> requested;
        final Map<Long, Map<String, SignalScore>> slots = new LinkedHashMap<>();

        Pending(RolloutGroup group) {
            this.group = group;
            this.requested = List.copyOf(group.getRewardSpec().getSignalsList());
            for (Candidate c : group.getSamplesList()) {
                slots.put(slotKey(c.getSampleIndex(), false), new HashMap<>());
            }
            if (group.hasGreedy()) {
                slots.put(slotKey(group.getGreedy().getSampleIndex(), true), new HashMap<>());
            }
        }

        static long slotKey(int sampleIndex, boolean greedy) {
            return ((long) sampleIndex << 1) | (greedy ? 1 : 0);
        }

        Map<String, SignalScore> slot(int sampleIndex, boolean greedy) {
            return slots.get(slotKey(sampleIndex, greedy));
        }

        boolean complete() {
            for (Map<String, SignalScore> slot : slots.values()) {
                if (slot.size() < requested.size()) {
                    return false;
                }
            }
            return true;
        }

        GroupRewards toRewards() {
            List<CandidateRewards> samples = new ArrayList<>();
            for (Candidate c : group.getSamplesList()) {
                samples.add(new CandidateRewards(c.getSampleIndex(), false, slot(c.getSampleIndex(), false)));
            }
            CandidateRewards greedy = group.hasGreedy()
                    ? new CandidateRewards(group.getGreedy().getSampleIndex(), true,
                            slot(group.getGreedy().getSampleIndex(), true))
                    : null;
            return new GroupRewards(group.getKey(), samples, greedy);
        }
    }
}
