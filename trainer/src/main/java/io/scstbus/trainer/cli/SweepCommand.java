package io.scstbus.trainer.cli;

import io.scstbus.proto.Topics;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.rewards.signals.RepetitionSignal;
import io.scstbus.trainer.sweep.Mix;
import io.scstbus.trainer.sweep.Seeds;
import io.scstbus.trainer.sweep.SweepReport;
import io.scstbus.trainer.sweep.SweepRun;
import io.scstbus.trainer.train.CheckpointConfig;
import io.scstbus.trainer.train.EvalConfig;
import io.scstbus.trainer.train.EvalResult;
import io.scstbus.trainer.train.ScstTrainer;
import io.scstbus.trainer.train.TrainConfig;
import io.scstbus.trainer.train.TrainConfigYaml;
import io.scstbus.trainer.train.TrainingListener;
import io.scstbus.trainer.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/trainer sweep}: one preset over several seeds and signal mixes, each run embedded (its own
 * broker and workers), then the per-metric summary over seeds. Finished runs are kept under
 * {@code OUT/runs/MIX/seed-N.json} and skipped when the sweep is run again, so a sweep can be extended
 * by seeds or mixes, or resumed after an interruption.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a preset over several seeds and signal mixes and reports, per val metric, mean and std",
            "after CE and after SCST and the paired SCST - CE difference with a 95 %% t-interval, beside the shares of",
            "greedy val captions that state a number, say many/several/some, or repeat a phrase.",
            "Writes OUT/sweep.csv, OUT/runs.csv, OUT/sweep.png and one JSON per run under OUT/runs/."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--seeds", required = true, paramLabel = "SEEDS",
            description = "Seeds: a range 1..5, a list 1,4,9, or both.")
    String seeds;

    @Option(names = "--mix", paramLabel = "NAME=SIGNAL:WEIGHT,...",
            description = {"A signal mix (repeatable): weights that override the preset's scst.signals, e.g.",
                "coverage=count_coverage:0.5,repetition:-0.5. NAME= is the preset's own mix.",
                "Default: one mix, preset=."})
    List<String> mixes = new ArrayList<>();

    @Option(names = "--preset", defaultValue = "demo", description = "Preset of every run (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML run configuration over the preset, for every run.")
    Path config;

    @Option(names = "--out", defaultValue = "runs/sweep", paramLabel = "DIR",
            description = "Where runs and reports go; runs already there are reused (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report-only", description = "Do not train: summarise the runs already under --out.")
    boolean reportOnly;

    @Option(names = "--reward-deadline", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for a step's rewards before re-requesting once (default: ${DEFAULT-VALUE}).")
    Duration rewardDeadline;

    @Override
    public Integer call() throws Exception {
        List<Long> seedList = Seeds.parse(seeds);
        List<Mix> mixList = (mixes.isEmpty() ? List.of("preset=") : mixes).stream().map(Mix::parse).toList();
        TrainConfig base = config != null ? TrainConfigYaml.load(config, preset) : TrainConfig.preset(preset);
        List<SweepRun> runs = new ArrayList<>();
        int total = seedList.size() * mixList.size();
        int index = 0;
        for (Mix mix : mixList) {
            for (long seed : seedList) {
                index++;
                Path file = SweepRun.file(out, mix.name(), seed);
                if (Files.exists(file)) {
                    runs.add(SweepRun.read(file));
                    System.err.printf("sweep %d/%d: mix %s seed %d already done (%s)%n", index, total, mix.name(), seed, file);
                    continue;
                }
                if (reportOnly) {
                    System.err.printf("sweep %d/%d: mix %s seed %d not run (--report-only)%n", index, total, mix.name(), seed);
                    continue;
                }
                System.err.printf("sweep %d/%d: mix %s seed %d%n", index, total, mix, seed);
                SweepRun run = runOne(forRun(base, mix, seed), mix, seed);
                run.write(file);
                runs.add(run);
            }
        }
        if (runs.isEmpty()) {
            System.err.println("sweep: no finished runs under " + out);
            return 1;
        }
        SweepReport report = SweepReport.of(runs);
        Files.createDirectories(out);
        report.writeCsv(out.resolve("sweep.csv"));
        report.writeRunsCsv(out.resolve("runs.csv"));
        report.writePlot(out.resolve("sweep.png"));
        report.print(System.out);
        System.out.println();
        System.out.println("wrote " + out.resolve("sweep.csv") + ", " + out.resolve("runs.csv") + ", " + out.resolve("sweep.png"));
        return 0;
    }

    /**
     * A sweep run: the mix's weights, the seed, validation only after CE and after SCST (per-epoch
     * evaluations change nothing in training and cost time), {@code repetition} evaluated, no checkpoints.
     */
    static TrainConfig forRun(TrainConfig base, Mix mix, long seed) {
        EvalConfig eval = base.eval();
        List<String> signals = new ArrayList<>(eval.signals());
        if (!signals.contains(RepetitionSignal.NAME)) {
            signals.add(RepetitionSignal.NAME);
        }
        return base.withSeed(seed)
                .withScst(base.scst().withSignals(mix.applyTo(base.scst().signals())))
                .withEval(new EvalConfig(false, eval.maxImages(), signals, eval.batchSize()))
                .withCheckpoint(CheckpointConfig.none())
                .withRunId("sweep-" + mix.name() + "-s" + seed + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private SweepRun runOne(TrainConfig train, Mix mix, long seed) throws Exception {
        CaptionsKept kept = new CaptionsKept();
        List<AutoCloseable> embedded = new ArrayList<>();
        TrainingSummary summary;
        try {
            summary = ScstTrainer.builder(train)
                    .optDataPreparer(TrainerBus::generateIfMissing)
                    .setRewardBus(TrainerBus.factory(train, null, null, Topics.DEFAULT, rewardDeadline, embedded))
                    .addListener(kept)
                    .build()
                    .run();
        } finally {
            TrainerBus.close(embedded);
        }
        return new SweepRun(mix.name(), seed, new LinkedHashMap<>(train.scst().signals()), summary, kept.afterCe, kept.afterScst);
    }

    /** Keeps the greedy val captions of the evaluations after CE and after SCST. */
    private static final class CaptionsKept implements TrainingListener {
        List<String> afterCe = List.of();
        List<String> afterScst = List.of();

        @Override
        public void onEvaluation(EvalResult result, List<String> captions) {
            if (result.label().equals("after CE")) {
                afterCe = List.copyOf(captions);
            } else if (result.label().equals("after SCST")) {
                afterScst = List.copyOf(captions);
            }
        }
    }
}
