package io.scstbus.rewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code reward-worker bench} found, as markdown tables (ready for BENCHMARKS.md) and as JSON. Scaling
 * compares each instance count with the first one of the same run ("vs first"), phase by phase.
 */
final class BenchReport {

    /** The bench's settings, echoed in the report. */
    record Settings(String group, List<String> signals, String workerMode, int streamThreads, int partitions,
                    String dataset, int datasetImages, String split, int imagesPerStep, int samples,
                    double novelCaptions, double warmupSeconds, double phaseSeconds, int commitIntervalMs,
                    int pollMs, int lingerMs, int maxPollRecords, String bootstrap, boolean embeddedBroker,
                    String workerJavaOptions, int processors, double loadAverageAtEnd, String partitioner) {
    }

    /**
     * One measured phase. Cores are CPU seconds per wall second over the phase: {@code benchCores} of this JVM
     * (bench, embedded broker, in-process workers), {@code workerCores} of all worker processes together
     * (NaN in process-less modes), and captions per worker core-second is the workers' efficiency.
     */
    record Phase(String name, int steps, int inFlight, double groupsPerSecond, double captionsPerSecond,
                 double p50Ms, double p99Ms, double maxMs, double seconds, double benchCores, double workerCores,
                 double captionsPerWorkerCoreSecond) {
    }

    /** CPU of running instances without load: all worker processes together and per instance. */
    record Idle(double seconds, double benchCores, double workerCores, double workerCoresPerInstance) {
    }

    /** One instance count. */
    record Run(int instances, List<Phase> phases, Idle idle, long okScores, long otherScores,
               Map<String, Long> otherStatuses, long duplicates) {
    }

    private final Settings settings;
    private final List<Run> runs;
    private final int captionsPerStep;

    BenchReport(Settings settings, List<Run> runs, int captionsPerStep) {
        this.settings = settings;
        this.runs = List.copyOf(runs);
        this.captionsPerStep = captionsPerStep;
    }

    void print(PrintStream out) {
        Settings s = settings;
        out.printf(Locale.ROOT, "reward-worker bench: group %s (%s), %s workers, %d stream thread(s) each, "
                        + "%d partitions, %d processors%n", s.group(), String.join(",", s.signals()), s.workerMode(),
                s.streamThreads(), s.partitions(), s.processors());
        out.printf(Locale.ROOT, "dataset %s: %d images (split %s); a step = %d images x (%d samples + greedy) = %d "
                        + "captions, %.0f%% novel%n", s.dataset(), s.datasetImages(), s.split(), s.imagesPerStep(),
                s.samples(), captionsPerStep, s.novelCaptions() * 100);
        out.printf(Locale.ROOT, "broker %s%s; rollouts partitioned by %s; commit.interval.ms %d, poll.ms %d, linger.ms %d, max.poll.records %d; "
                        + "warm-up %.0f s, phases %.0f s%s; load average at the end %.1f%n", s.bootstrap(),
                s.embeddedBroker() ? " (embedded)" : "", s.partitioner(), s.commitIntervalMs(), s.pollMs(), s.lingerMs(),
                s.maxPollRecords(), s.warmupSeconds(), s.phaseSeconds(),
                s.workerJavaOptions().isEmpty() ? "" : "; worker JVM " + s.workerJavaOptions(), s.loadAverageAtEnd());
        out.println();
        out.println("| group | instances | phase | in flight | steps | captions/s | vs first | p50 ms | p99 ms "
                + "| worker cores | captions per worker core-s | vs first | bench cores |");
        out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Run run : runs) {
            for (int i = 0; i < run.phases().size(); i++) {
                Phase p = run.phases().get(i);
                Phase base = runs.get(0).phases().get(i);
                out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %,.0f | %.2fx | %.1f | %.1f | %s | %s | %s | %.2f |%n",
                        s.group(), run.instances(), p.name(), p.inFlight(), p.steps(), p.captionsPerSecond(),
                        p.captionsPerSecond() / base.captionsPerSecond(), p.p50Ms(), p.p99Ms(),
                        figure("%.2f", p.workerCores()), figure("%,.0f", p.captionsPerWorkerCoreSecond()),
                        figure("%.2fx", p.captionsPerWorkerCoreSecond() / base.captionsPerWorkerCoreSecond()),
                        p.benchCores());
            }
        }
        if (runs.stream().anyMatch(r -> r.idle() != null)) {
            out.println();
            out.println("| group | instances | idle worker cores | per instance | bench cores (broker) | seconds |");
            out.println("|---|---:|---:|---:|---:|---:|");
            for (Run run : runs) {
                Idle idle = run.idle();
                if (idle != null) {
                    out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.3f | %.0f |%n", s.group(), run.instances(),
                            figure("%.3f", idle.workerCores()), figure("%.3f", idle.workerCoresPerInstance()),
                            idle.benchCores(), idle.seconds());
                }
            }
        }
        out.println();
        for (Run run : runs) {
            out.printf(Locale.ROOT, "%d instance(s): scores %d OK, %d not OK %s; duplicate results: %d%n",
                    run.instances(), run.okScores(), run.otherScores(), run.otherStatuses(), run.duplicates());
        }
        out.println("cores = CPU seconds per second in the phase; worker cores: all worker processes together; "
                + "bench cores: the bench JVM with the embedded broker");
    }

    /** A figure, or "-" where there is none (worker CPU of in-process workers). */
    private static String figure(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings);
        doc.put("captionsPerStep", captionsPerStep);
        doc.put("runs", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
