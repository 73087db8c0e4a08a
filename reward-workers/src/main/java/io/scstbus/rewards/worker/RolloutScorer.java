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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;
import io.scstbus.rewards.signals.VocabKlSignal;

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
    /** Contract names, when this group answers for requested names outside them; else null. */
    private final List<String> answersUnknownBeyond;
    private final int maxCandidates;

    /** Candidates (samples and greedy) a rollout group may have unless the worker sets another limit. */
    public static final int DEFAULT_MAX_CANDIDATES = 256;

    public RolloutScorer(SignalRegistry signals, DeadlineScorer deadlines, CaptionLimits limits,
                         String workerGroup, String workerId, Clock clock) {
        this(signals, deadlines, limits, workerGroup, workerId, clock, null, DEFAULT_MAX_CANDIDATES);
    }

    private RolloutScorer(SignalRegistry signals, DeadlineScorer deadlines, CaptionLimits limits,
                          String workerGroup, String workerId, Clock clock, List<String> answersUnknownBeyond,
                          int maxCandidates) {
        this.answersUnknownBeyond = answersUnknownBeyond == null ? null : List.copyOf(answersUnknownBeyond);
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("max-candidates must be >= 1, got " + maxCandidates);
        }
        this.maxCandidates = maxCandidates;
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

    /**
     * This scorer, also answering for requested names that are not among {@code contractNames}: each gets
     * INVALID with {@code unknown signal 'NAME'; known: [...]}. Names in {@code contractNames} that this group
     * does not serve are still left to the group that serves them. Exactly one group of a deployment should
     * answer for unknown names (run {@code --answer-unknown}), so every (rollout, signal) gets one answer.
     */
    public RolloutScorer answeringUnknown(List<String> contractNames) {
        return new RolloutScorer(signals, deadlines, limits, workerGroup, workerId, clock, contractNames, maxCandidates);
    }

    /**
     * This scorer, answering a rollout group of more than {@code limit} candidates (samples and greedy) INVALID
     * for every signal at once, with the count and the limit in the reason, instead of scoring it.
     */
    public RolloutScorer limitingCandidates(int limit) {
        return new RolloutScorer(signals, deadlines, limits, workerGroup, workerId, clock, answersUnknownBeyond, limit);
    }

    /**
     * The signals this group answers for {@code rollout}: those requested that it serves, in registry order,
     * then (if it answers for unknown names) the requested names that are no signal, in request order.
     */
    public List<Signal> signalsFor(RolloutGroup rollout) {
        List<String> requested = rollout.getRewardSpec().getSignalsList();
        List<Signal> chosen = new ArrayList<>();
        for (Signal signal : signals.all()) {
            if (requested.isEmpty() || requested.contains(signal.name())) {
                chosen.add(signal);
            }
        }
        if (answersUnknownBeyond != null) {
            for (String name : new LinkedHashSet<>(requested)) {
                if (!answersUnknownBeyond.contains(name) && signals.find(name).isEmpty()) {
                    chosen.add(new UnknownSignal(name, answersUnknownBeyond));
                }
            }
        }
        return chosen;
    }

    /**
     * Scores every candidate of {@code rollout}. {@code references} may be null: then every signal is
     * INVALID with that reason, at once, so the trainer is not left waiting for a deadline. Without run
     * state vocab_kl (and cider_d without a --df-table) is INVALID (see
     * {@link #score(RolloutGroup, ImageReferences, ScoringState)}).
     */
    public RewardResult score(RolloutGroup rollout, ImageReferences references) {
        return score(rollout, references, null);
    }

    /** The vocab_kl signal this group serves, if it does (it needs a {@link ScoringState} to score). */
    public Optional<VocabKlSignal> vocabKl() {
        return signals.find(VocabKlSignal.NAME).map(VocabKlSignal.class::cast);
    }

    /**
     * Scores every candidate of {@code rollout}, with {@code state} holding the run's token window for
     * vocab_kl and the dataset's training statistics (null where no state is kept). vocab_kl scores each
     * candidate against the window with that candidate's tokens appended; then the tokens of every
     * candidate within the caption limits (samples, then greedy) are appended and the window saved,
     * whether or not the image has references.
     */
    public RewardResult score(RolloutGroup rollout, ImageReferences references, ScoringState state) {
        return score(rollout, references, state, null);
    }

    /**
     * As {@link #score(RolloutGroup, ImageReferences, ScoringState)}, with every signal call of the group
     * within {@code budget} (null: only the per-signal deadline): past it the calls still running or not yet
     * run are TIMEOUT, naming the budget.
     */
    public RewardResult score(RolloutGroup rollout, ImageReferences references, ScoringState state, Duration budget) {
        int count = rollout.getSamplesCount() + (rollout.hasGreedy() ? 1 : 0);
        if (count > maxCandidates) {
            return rejectAll(rollout, ScoreStatus.INVALID, "rollout group has " + count + " candidates (samples "
                    + "and greedy), the worker's limit is " + maxCandidates + " (max-candidates)");
        }
        List<Signal> chosen = signalsFor(rollout);
        ReferenceContext context = references == null ? null : ProtoMapping.toContext(references);
        VocabRound round = state == null ? null : chosen.stream().filter(VocabKlSignal.class::isInstance).findFirst()
                .map(s -> new VocabRound((VocabKlSignal) s, state, rollout)).orElse(null);
        RewardResult.Builder result = RewardResult.newBuilder()
                .setKey(rollout.getKey())
                .setWorkerGroup(workerGroup)
                .setWorkerId(workerId)
                .setPolicyVersion(rollout.getPolicyVersion())
                .setAttempt(rollout.getAttempt());
        List<Candidate> candidates = candidatesOf(rollout);
        // Every deadline-bound signal call of the group goes to the deadline scorer as one batch: one
        // hand-off per rollout. Unknown names, vocab_kl and rejected captions are answered here.
        Optional<CorpusStats> topicStats = state == null || chosen.stream().noneMatch(TopicCiderD.class::isInstance)
                ? Optional.empty() : state.corpusStats(rollout.getDataset());
        SignalScore[][] scores = new SignalScore[candidates.size()][chosen.size()];
        List<DeadlineScorer.Job> jobs = new ArrayList<>();
        List<int[]> slots = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            String text = candidates.get(c).getText();
            String problem = context == null ? noReferences(rollout) : limits.check(text);
            for (int s = 0; s < chosen.size(); s++) {
                Signal signal = chosen.get(s);
                if (signal instanceof UnknownSignal) {
                    scores[c][s] = ProtoMapping.toProto(signal, signal.score(text, context), 0);
                } else if (problem != null) {
                    scores[c][s] = ProtoMapping.toProto(signal, SignalResult.invalid(problem), 0);
                } else if (signal instanceof VocabKlSignal) {
                    // O(reference vocabulary), no parsing: on the calling thread, which owns the window
                    long start = System.nanoTime();
                    SignalResult outcome = round != null ? round.score(text) : signal.score(text, context);
                    scores[c][s] = ProtoMapping.toProto(signal, outcome, (System.nanoTime() - start) / 1e6);
                } else if (signal instanceof TopicCiderD topic && state != null && topicStats.isEmpty()) {
                    scores[c][s] = ProtoMapping.toProto(signal, SignalResult.invalid("cider_d: no training references "
                            + "of dataset '" + rollout.getDataset() + "' on the references topic for document "
                            + "frequencies (and no --df-table)"), 0);
                } else {
                    Signal scoring = signal instanceof TopicCiderD topic && state != null
                            ? topic.withStats(topicStats.get()) : signal;
                    jobs.add(new DeadlineScorer.Job(scoring, text, context));
                    slots.add(new int[] {c, s});
                }
            }
        }
        List<DeadlineScorer.Scored> scored = jobs.isEmpty() ? List.of()
                : budget == null ? deadlines.scoreAll(jobs) : deadlines.scoreAll(jobs, budget);
        for (int j = 0; j < scored.size(); j++) {
            int[] slot = slots.get(j);
            // the signal that scored: a topic cider_d reports the version of the table it used
            scores[slot[0]][slot[1]] = ProtoMapping.toProto(jobs.get(j).signal(), scored.get(j).result(),
                    scored.get(j).latencyMs());
        }
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            result.addCandidates(CandidateScores.newBuilder()
                    .setSampleIndex(candidate.getSampleIndex())
                    .setGreedy(candidate.getGreedy())
                    .addAllScores(java.util.Arrays.asList(scores[c])));
        }
        if (round != null) {
            round.appendAndSave(candidates);
        }
        return result.setProducedAtMs(clock.millis()).build();
    }

    /** One rollout group's use of its run's vocab_kl window. */
    private final class VocabRound {
        private final VocabKlSignal signal;
        private final ScoringState state;
        private final String runId;
        private final String dataset;
        private final TokenWindow window;
        private UnigramDistribution reference;

        VocabRound(VocabKlSignal signal, ScoringState state, RolloutGroup rollout) {
            this.signal = signal;
            this.state = state;
            this.runId = rollout.getKey().getRunId();
            this.dataset = rollout.getDataset();
            this.window = state.window(runId, signal.windowTokens());
        }

        SignalResult score(String text) {
            if (reference == null) {
                reference = state.reference(dataset);
            }
            if (reference.isEmpty()) {
                return SignalResult.invalid("vocab_kl: no training references of dataset '" + dataset
                        + "' on the references topic");
            }
            return signal.score(signal.tokens(text), window, reference);
        }

        void appendAndSave(List<Candidate> candidates) {
            for (Candidate candidate : candidates) {
                if (limits.check(candidate.getText()) == null) {
                    window.append(signal.tokens(candidate.getText()));
                }
            }
            state.save(runId, window);
        }
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
