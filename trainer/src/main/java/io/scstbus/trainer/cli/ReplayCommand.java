package io.scstbus.trainer.cli;

import io.scstbus.rewards.cli.KafkaOptions;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.trainer.replay.Replay;
import io.scstbus.trainer.replay.ReplayOptions;
import io.scstbus.trainer.replay.ReplayResult;
import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.RewardNormalization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/replay}: reads one run's rollouts and rewards back from the bus and writes rewards.csv,
 * steps.csv, objects.csv, PNG plots and a self-contained report.html (see {@code docs/replay.md}).
 *
 * <p>Design decisions:
 * <ul>
 *   <li>No trainer files: the reward spec on every rollout names the signals, weights, baseline and
 *       normalisation (fields 3 and 4 of {@code RewardSpec}, set by the trainer); the run's resolved
 *       configuration and start time come from the compacted {@code scst.runs} topic, which the
 *       trainer writes at start. Older runs without them replay with GREEDY / NONE (overridable with
 *       {@code --baseline} / {@code --normalization}) and a warning.</li>
 *   <li>Finding the records: every partition of the rollout and reward topics is assigned, seeked to
 *       the run's start time ({@code offsetsForTimes}, one minute of slack) or the beginning, and read
 *       {@code read_committed} up to the end offsets captured at start, merged in record-timestamp
 *       order and filtered by run id ({@code RUN#eval} and rescore sub-runs excluded).</li>
 *   <li>One join: a step closes when the first rollout of a later step arrives (the trainer publishes
 *       step s + 1 only after joining step s); it is joined with the trainer's {@code RewardJoiner}
 *       (first score wins, duplicates counted); results after that are late, as they were for the
 *       trainer.</li>
 *   <li>The trainer's arithmetic: {@code RewardCombiner}, {@code RewardNormalizer} and the run's
 *       {@code Baseline}, fed every step from the run's first in order, also with {@code --from-step}
 *       (running min-max is stateful); only steps in range are written. Weights are summed in the
 *       spec's signal order and groups in publication order ({@code RolloutGroup.position}, stamped
 *       by the trainer's Kafka bus), as the trainer did, so totals and advantages are bit-identical.</li>
 *   <li>Deterministic: rows sorted by step, image id, sample index, greedy last; numbers in Java's
 *       shortest round-trip form; the same range replays to byte-identical CSVs.</li>
 *   <li>Bounded memory: O(one step's records + 2,000 buffered records per partition + per-step
 *       summaries (steps x signals numbers) + per-object counters); never O(candidate rows).
 *       {@code --rescore} also holds the dataset's references.</li>
 * </ul>
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Replays one run's rollouts and rewards from the bus: joins them as the trainer did and writes"
            + " rewards.csv, steps.csv, objects.csv, PNG plots and report.html to --out; optionally rescores the"
            + " recorded captions with another reward configuration (rescore.csv and a report section).")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "Run id to replay (its RUN#eval rollouts are excluded).")
    String runId;

    @Option(names = "--from-step", paramLabel = "N", description = "First SCST step to write (earlier steps are still read for running normalisation).")
    Long fromStep;

    @Option(names = "--to-step", paramLabel = "M", description = "Last SCST step to write; reading stops after it.")
    Long toStep;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created; files in it are replaced).")
    Path out;

    @Option(names = "--baseline", paramLabel = "KIND",
            description = "Override the baseline the run's reward spec names: ${COMPLETION-CANDIDATES}.")
    BaselineKind baseline;

    @Option(names = "--normalization", paramLabel = "KIND",
            description = "Override the normalisation the run's reward spec names: ${COMPLETION-CANDIDATES}.")
    RewardNormalization normalization;

    @Option(names = "--rescore", description = "Recompute the rewards of the recorded captions with --signals/--weights and compare.")
    boolean rescore;

    @Option(names = "--signals", split = ",", paramLabel = "SIGNAL",
            description = "With --rescore: the signals, comma-separated (default: the run's).")
    List<String> signals;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "With --rescore: one weight per --signals entry, or SIGNAL=W pairs (default: 1 for each --signals entry).")
    List<String> weights;

    @Option(names = "--via-workers", description = "With --rescore: score through live reward workers (published as RUN#rescore-N) instead of in this process.")
    boolean viaWorkers;

    @Option(names = "--rescore-deadline", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "With --via-workers: wait per step before re-requesting once (default: ${DEFAULT-VALUE}).")
    Duration rescoreDeadline;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReplayOptions.Rescore rescoreOptions = null;
        if (rescore) {
            rescoreOptions = new ReplayOptions.Rescore(rescoreWeights(), viaWorkers, rescoreDeadline);
        } else if (signals != null || weights != null || viaWorkers) {
            throw new ParameterException(spec.commandLine(), "--signals, --weights and --via-workers need --rescore");
        }
        ReplayOptions options;
        try {
            options = new ReplayOptions(runId, fromStep, toStep, out, baseline, normalization, rescoreOptions,
                    noProgress ? ProgressBar.none() : ProgressBar.stderr("reading", "offsets"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            ReplayResult result = new Replay(kafka.clientConfig(), kafka.topics()).run(options);
            System.out.print(result.toTable());
            System.out.println("  written to " + out.toAbsolutePath());
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("replay: " + e.getMessage());
            return 1;
        }
    }

    /** The rescore weights in summation order, or null for the run's. */
    Map<String, Double> rescoreWeights() {
        if (signals == null && weights == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (weights != null && weights.stream().allMatch(w -> w.contains("="))) {
            for (String w : weights) {
                String[] kv = w.split("=", 2);
                out.put(kv[0].trim(), number(kv[1]));
            }
            if (signals != null) {
                signals.stream().filter(s -> !out.containsKey(s)).forEach(s -> out.put(s, 0.0));
            }
            return out;
        }
        if (signals == null) {
            throw new ParameterException(spec.commandLine(), "--weights without names needs --signals (or use SIGNAL=W)");
        }
        if (weights != null && weights.size() != signals.size()) {
            throw new ParameterException(spec.commandLine(), "--weights has " + weights.size() + " values for "
                    + signals.size() + " --signals");
        }
        for (int i = 0; i < signals.size(); i++) {
            out.put(signals.get(i), weights == null ? 1.0 : number(weights.get(i)));
        }
        return out;
    }

    private double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--weights: '" + text + "' is not a number");
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new ReplayCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

}
