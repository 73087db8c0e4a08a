package io.scstbus.trainer.replay;

import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RunInfo;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RolloutScorer;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.trainer.bus.InProcessRewardBus;
import io.scstbus.trainer.bus.KafkaRewardBus;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.RunInfos;
import io.scstbus.trainer.scst.RewardNormalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays one run from the bus (see {@code docs/replay.md}): reads its records in timestamp order
 * ({@link RunRecordReader}), closes and joins each step as the trainer did ({@link StepAssembler} with
 * the trainer's {@code RewardJoiner}), recomputes totals and advantages with the trainer's own
 * arithmetic ({@link RewardMath}) from the run's first step so running normalisation matches, and
 * streams the steps in range into the CSV tables; then plots, warnings and the HTML report.
 * Optionally rescores every step in range with another configuration ({@link Rescorer}).
 */
public final class Replay {

    /** Records written up to this long before the run's recorded start are still read (clock skew). */
    static final long START_SLACK_MS = 60_000;

    private final Map<String, Object> clientConfig;
    private final Topics topics;

    public Replay(Map<String, Object> clientConfig, Topics topics) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    public ReplayResult run(ReplayOptions options) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(options.out());
        RunInfo run = new RunInfos(clientConfig, topics).read(options.runId()).orElse(null);
        Session session = new Session(options, run);
        RunRecordReader reader = new RunRecordReader(clientConfig, topics, options.runId(), options.progress());
        StepAssembler assembler = new StepAssembler(session::step);
        long from = run == null ? 0 : Math.max(1, run.getStartedAtMs() - START_SLACK_MS);
        try {
            reader.read(from, record -> {
                assembler.accept(record);
                return options.toStep() == null || !record.isRollout() || record.step() <= options.toStep();
            });
            assembler.finish();
            return session.finish(reader, assembler, (System.nanoTime() - start) / 1e9);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            session.close();
        }
    }

    /** The state of one replay: the math, the open writers and the aggregates. */
    private final class Session implements AutoCloseable {

        final ReplayOptions options;
        final RunInfo run;
        final List<String> notes = new ArrayList<>();
        RewardMath math;
        RewardsCsv rewards;
        StepTable steps;
        final ObjectTable objects = new ObjectTable();
        Rescorer rescorer;
        RescoreComparison comparison;
        RewardBus rescoreBus;
        DeadlineScorer deadlines;
        Long first;
        Long last;
        long stepCount;
        long groups;
        long included;
        long leftOut;
        long dropped;
        long rerequested;
        long received;
        long expected;
        long duplicates;

        Session(ReplayOptions options, RunInfo run) {
            this.options = options;
            this.run = run;
            if (run == null) {
                notes.add("the runs topic has no record of run " + options.runId()
                        + ": no run configuration in the report, topics read from their beginning");
            }
        }

        void step(JoinedStep joined) {
            try {
                if (math == null) {
                    open(joined);
                }
                ScoredStep scored = math.score(joined);
                boolean inRange = options.inRange(joined.step());
                if (!inRange) {
                    if (rescorer != null && rescorer.math().normalization() == RewardNormalization.MIN_MAX) {
                        rescorer.rescore(joined);
                    }
                    return;
                }
                List<CandidateRow> rows = CandidateRow.of(scored);
                rewards.write(rows);
                steps.add(scored, rows);
                objects.add(rows);
                if (rescorer != null) {
                    comparison.add(rows, CandidateRow.of(rescorer.rescore(joined)));
                }
                count(scored);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void count(ScoredStep scored) {
            JoinedStep j = scored.joined();
            first = first == null ? j.step() : first;
            last = j.step();
            stepCount++;
            groups += j.groups().size();
            included += scored.combined().groups().size();
            leftOut += scored.combined().leftOutNotOk().size();
            dropped += j.dropped().size();
            rerequested += j.rerequested();
            received += j.scoresReceived();
            expected += j.scoresExpected();
            duplicates += j.duplicates();
        }

        private void open(JoinedStep joined) throws IOException {
            var spec = joined.groups().get(0).getRewardSpec();
            math = RewardMath.of(spec, options.baseline(), options.normalization());
            if (!RewardMath.describesMath(spec) && (options.baseline() == null || options.normalization() == null)) {
                notes.add("the reward spec does not name its baseline and normalisation (a trainer older than"
                        + " those fields): assumed " + math.baseline() + " and " + math.normalization()
                        + "; pass --baseline and --normalization if the run used others");
            }
            if (math.normalization() == RewardNormalization.Z_SCORE && !joined.inPublicationOrder()) {
                notes.add("Z_SCORE normalisation without recorded publication order (a trainer older than"
                        + " RolloutGroup.position): replay sums each step in image-id order, so totals may differ"
                        + " from the trainer's in the last bits");
            }
            Path out = options.out();
            rewards = new RewardsCsv(out.resolve("rewards.csv"), math.signals());
            steps = new StepTable(out.resolve("steps.csv"), math.signals());
            if (options.rescore() != null) {
                openRescore(joined);
            }
        }

        private void openRescore(JoinedStep joined) throws IOException {
            ReplayOptions.Rescore r = options.rescore();
            RewardMath newMath = new RewardMath(r.weights() == null ? math.weights() : r.weights(),
                    options.baseline() != null ? options.baseline() : math.baseline(),
                    options.normalization() != null ? options.normalization() : math.normalization());
            String subRun = null;
            if (r.viaWorkers()) {
                subRun = options.runId() + "#rescore-" + System.currentTimeMillis();
                rescoreBus = new KafkaRewardBus(clientConfig, topics, subRun, r.deadline());
                notes.add("rescored through live workers as run " + subRun);
            } else {
                String dataset = joined.groups().get(0).getDataset();
                Map<ReferencesKey, ImageReferences> refs = ReferencesReader.read(clientConfig, topics, dataset);
                StandardSignals library = new StandardSignals(StandardSignals.corpusStats(refs.values()), null);
                deadlines = new DeadlineScorer(Duration.ofSeconds(10));
                RolloutScorer scorer = new RolloutScorer(library.create(newMath.signals()), deadlines,
                        CaptionLimits.DEFAULT, "replay-rescore", "replay", Clock.systemUTC());
                rescoreBus = new InProcessRewardBus(List.of(scorer), refs);
            }
            rescorer = new Rescorer(rescoreBus, newMath, subRun);
            comparison = new RescoreComparison(options.out().resolve("rescore.csv"));
        }

        ReplayResult finish(RunRecordReader reader, StepAssembler assembler, double seconds) throws IOException {
            if (math == null) {
                throw new IllegalStateException("no rollouts of run " + options.runId() + " on " + topics.rollouts()
                        + (options.fromStep() == null && options.toStep() == null ? "" : " in the steps asked for"));
            }
            rewards.close();
            steps.close();
            if (comparison != null) {
                comparison.close();
            }
            objects.write(options.out().resolve("objects.csv"));
            List<StepPoint> points = steps.points();
            List<String> warnings = new ArrayList<>(Warnings.of(points, math.signals(), math.weights()));
            if (assembler.lateResults() > 0) {
                notes.add(assembler.lateResults() + " results arrived after their step closed (late, as for the trainer)");
            }
            if (assembler.reopenedRollouts() > 0) {
                notes.add(assembler.reopenedRollouts() + " rollouts of already closed steps ignored (a resumed run?)");
            }
            if (reader.undecodable() > 0) {
                notes.add(reader.undecodable() + " undecodable records skipped");
            }
            warnings.addAll(notes);
            RescoreComparison.Summary rescore = comparison == null ? null : comparison.summary();
            ReplayResult result = new ReplayResult(options.runId(), stepCount, first, last, groups, included, leftOut,
                    dropped, rerequested, received, expected, duplicates, assembler.lateResults(), rewards.rows(),
                    objects.size(), reader.recordsRead(), seconds, warnings, rescore);
            List<Map.Entry<String, String>> plots = Plots.all(options.out(), points, math.signals(), objects);
            List<Map.Entry<String, String>> rescorePlots = new ArrayList<>();
            if (comparison != null) {
                String file = new Plots(options.out()).pairs("rescore.png", "Recorded vs rescored total reward",
                        "mean total (included samples)", comparison.perStep(), "recorded", "rescored");
                if (file != null) {
                    rescorePlots.add(Map.entry(file, "Mean total reward per step, recorded and rescored"));
                }
            }
            HtmlReport.write(options.out().resolve("report.html"), result, run, math, points, objects, plots,
                    options.out(), rescorePlots);
            return result;
        }

        @Override
        public void close() throws IOException {
            if (rewards != null) {
                rewards.close();
            }
            if (steps != null) {
                steps.close();
            }
            if (comparison != null) {
                comparison.close();
            }
            if (rescoreBus != null) {
                rescoreBus.close();
            }
            if (deadlines != null) {
                deadlines.close();
            }
        }
    }
}
