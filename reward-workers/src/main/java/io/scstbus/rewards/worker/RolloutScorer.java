package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.signals.SignalResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores one rollout group with one worker group's signals: maps the wire messages to the pure
 * signal API and back. The Kafka topology, the gRPC service and in-process scoring all call this.
 */
public final class RolloutScorer {

    private final SignalRegistry signals;
    private final DeadlineScorer deadlines;
    private final CaptionLimits limits;
    private final String workerGroup;
    private final String workerId;
    private final Clock clock;

    public RolloutScorer(SignalRegistry signals, DeadlineScorer deadlines, CaptionLimits limits,
                         String workerGroup, String workerId, Clock clock) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.workerGroup = Objects.requireNonNull(workerGroup, "workerGroup");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String workerGroup() {
        return workerGroup;
    }

    /** The signals this group computes for {@code rollout}: those requested that it serves, in registry order. */
    public List<Signal> signalsFor(RolloutGroup rollout) {
        List<String> requested = rollout.getRewardSpec().getSignalsList();
        List<Signal> chosen = new ArrayList<>();
        for (Signal signal : signals.all()) {
            if (requested.isEmpty() || requested.contains(signal.name())) {
                chosen.add(signal);
            }
        }
        return chosen;
    }

    /**
     * Scores every candidate of {@code rollout}. {@code references} may be null: then every signal is
     * INVALID with that reason, at once, so the trainer is not left waiting for a deadline.
     */
    public RewardResult score(RolloutGroup rollout, ImageReferences references) {
        List<Signal> chosen = signalsFor(rollout);
        ReferenceContext context = references == null ? null : ProtoMapping.toContext(references);
        RewardResult.Builder result = RewardResult.newBuilder()
                .setKey(rollout.getKey())
                .setWorkerGroup(workerGroup)
                .setWorkerId(workerId)
                .setPolicyVersion(rollout.getPolicyVersion())
                .setAttempt(rollout.getAttempt());
        List<Candidate> candidates = candidatesOf(rollout);
        // Every signal call of the group goes to the deadline scorer as one batch: one hand-off per rollout.
        SignalScore[][] scores = new SignalScore[candidates.size()][chosen.size()];
        List<DeadlineScorer.Job> jobs = new ArrayList<>();
        List<int[]> slots = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            String problem = context == null ? noReferences(rollout) : limits.check(candidates.get(c).getText());
            for (int s = 0; s < chosen.size(); s++) {
                if (problem != null) {
                    scores[c][s] = ProtoMapping.toProto(chosen.get(s), SignalResult.invalid(problem), 0);
                } else {
                    jobs.add(new DeadlineScorer.Job(chosen.get(s), candidates.get(c).getText(), context));
                    slots.add(new int[] {c, s});
                }
            }
        }
        List<DeadlineScorer.Scored> scored = jobs.isEmpty() ? List.of() : deadlines.scoreAll(jobs);
        for (int j = 0; j < scored.size(); j++) {
            int[] slot = slots.get(j);
            scores[slot[0]][slot[1]] = ProtoMapping.toProto(chosen.get(slot[1]), scored.get(j).result(),
                    scored.get(j).latencyMs());
        }
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            result.addCandidates(CandidateScores.newBuilder()
                    .setSampleIndex(candidate.getSampleIndex())
                    .setGreedy(candidate.getGreedy())
                    .addAllScores(java.util.Arrays.asList(scores[c])));
        }
        return result.setProducedAtMs(clock.millis()).build();
    }

    private static String noReferences(RolloutGroup rollout) {
        return "no references for image '" + rollout.getKey().getImageId() + "' in dataset '"
                + rollout.getDataset() + "'";
    }

    static List<Candidate> candidatesOf(RolloutGroup rollout) {
        List<Candidate> all = new ArrayList<>(rollout.getSamplesList());
        if (rollout.hasGreedy()) {
            all.add(rollout.getGreedy());
        }
        return all;
    }

    /** A result saying that nothing could be scored, for every requested signal of every candidate. */
    public RewardResult rejectAll(RolloutGroup rollout, ScoreStatus status, String reason) {
        RewardResult.Builder result = RewardResult.newBuilder()
                .setKey(rollout.getKey())
                .setWorkerGroup(workerGroup)
                .setWorkerId(workerId)
                .setPolicyVersion(rollout.getPolicyVersion())
                .setAttempt(rollout.getAttempt());
        List<Signal> chosen = signalsFor(rollout);
        for (Candidate candidate : candidatesOf(rollout)) {
            CandidateScores.Builder scores = CandidateScores.newBuilder()
                    .setSampleIndex(candidate.getSampleIndex())
                    .setGreedy(candidate.getGreedy());
            for (Signal signal : chosen) {
                scores.addScores(SignalScore.newBuilder().setSignal(signal.name()).setStatus(status)
                        .setReason(reason).setScorerVersion(signal.version()));
            }
            result.addCandidates(scores);
        }
        return result.setProducedAtMs(clock.millis()).build();
    }
}
