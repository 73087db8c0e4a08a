package io.scstbus.rewards.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.CheckedSends;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.ImagePartitioner;
import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerGroup;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reward-worker bench}: drives worker instances through a real broker the way a trainer does
 * (steps of rollout groups published, results joined per step on a read_committed consumer) and reports
 * throughput, publish-to-result latency and the workers' CPU. For each instance count: warm-up (not
 * reported), latency (one step in flight, as an SCST trainer waits for each step), throughput (several
 * steps in flight, saturating the workers), idle (no load, the CPU running instances burn). Phases run
 * for a duration, so a fast configuration is measured as long as a slow one.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks reward workers end to end through Kafka: publishes steps of rollout groups "
                + "(--images images x (--samples sampled + 1 greedy) captions) built from a caption dataset, "
                + "waits for every result on a read_committed consumer and reports captions/s, the "
                + "publish-to-result latency of a step (p50/p99/max), the worker processes' cores and captions per "
                + "worker core-second, and the CPU of idle instances.",
            "For each --instances count, on fresh topics: warm-up (not reported); 'latency', one step in flight, "
                + "as a trainer waits for each step; 'throughput' once per --in-flight value; 'idle'. Scaling is "
                + "reported against the first count. Starts an embedded single-node broker unless --bootstrap is "
                + "given. Output: markdown tables on stdout, --json for the figures.",
            "Example: reward-worker bench --group cheap --instances 1,2 --dataset-json data.json"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the worker instances run. */
    enum WorkerMode { process, in_process }

    /** How the bench's trainer partitions rollouts: Kafka's default over the whole key, or by image. */
    enum Partitioning { key, image }

    @Option(names = "--group", defaultValue = "cheap", paramLabel = "GROUP", converter = GroupConverter.class,
            description = "Standard worker group whose signals the instances serve and the rollouts request: "
                    + "cheap, scene-graph (with the default rules parser) or run-state; 'reward-worker signals' "
                    + "lists each group's signals (default: ${DEFAULT-VALUE}).")
    WorkerGroup group;

    @Option(names = "--instances", split = ",", defaultValue = "1", paramLabel = "N[,N...]",
            description = "Worker instances of the group, sharing the partitions; a list (1,2,4,6) runs each count in "
                    + "turn on fresh topics and reports scaling against the first (default: ${DEFAULT-VALUE}).")
    List<Integer> instances;

    @Option(names = "--worker-mode", defaultValue = "process", paramLabel = "process|in_process",
            description = "process: each instance is its own JVM ('reward-worker run' with this classpath), as "
                    + "deployed; in_process: RewardWorker instances inside the bench JVM (default: ${DEFAULT-VALUE}).")
    WorkerMode workerMode;

    @Option(names = "--dataset-json", paramLabel = "FILE",
            description = "Karpathy dataset.json (or COCO caption annotations) whose images and captions build "
                    + "the rollouts and references (default: a synthetic dataset of template captions).")
    Path datasetJson;

    @Option(names = "--split", defaultValue = "train",
            description = "Split of --dataset-json to draw images from; 'all' for every image "
                    + "(default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--synthetic-images", defaultValue = "1000",
            description = "Images of the synthetic dataset when no --dataset-json is given "
                    + "(default: ${DEFAULT-VALUE}).")
    int syntheticImages;

    @Option(names = "--novel-captions", defaultValue = "0.5", paramLabel = "SHARE",
            description = "Share of candidates (0..1) given one random vocabulary word, so their text is new to "
                    + "every cache; the rest are dataset captions, a word sometimes dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    double novelCaptions;

    @Option(names = "--images", defaultValue = "32",
            description = "Images per step: rollout groups published together (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--samples", defaultValue = "5",
            description = "Sampled captions per image (K); each group also has one greedy caption "
                    + "(default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmup", defaultValue = "PT20S", paramLabel = "DURATION",
            description = "Warm-up of each instance count, at the largest --in-flight, not reported: JIT of every "
                    + "instance, caches, group rebalances (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "PT20S", paramLabel = "DURATION",
            description = "Length of each measured phase: latency, then throughput once per --in-flight value; a "
                    + "phase also runs at least --min-steps steps (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--min-steps", defaultValue = "20",
            description = "Fewest steps a measured phase runs, so its p99 means something (default: ${DEFAULT-VALUE}).")
    int minSteps;

    @Option(names = "--idle", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "After the load phases, how long to measure the CPU the running but unloaded instances use "
                    + "(after 2 s to settle; the JIT compiles in bursts for a minute after load, so a window of 20 s "
                    + "or more shows the steady state); PT0S skips it (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--in-flight", split = ",", defaultValue = "64", paramLabel = "N[,N...]",
            description = "Steps in flight in the throughput phase; several values give one throughput phase each, "
                    + "to find the knee where more in flight stops adding captions/s (default: ${DEFAULT-VALUE}).")
    List<Integer> inFlight;

    @Option(names = "--partitioner", defaultValue = "image", paramLabel = "image|key",
            description = "How rollouts are partitioned: image keeps an image's groups on one partition "
                    + "(io.scstbus.proto.ImagePartitioner), so each instance's per-image caches hold its share of "
                    + "the images; key is Kafka's default over (run, step, image), every image on every "
                    + "partition over the steps (default: ${DEFAULT-VALUE}).")
    Partitioning partitioner;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Kafka Streams threads per worker instance, num.stream.threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--commit-interval-ms", defaultValue = "" + RewardWorker.DEFAULT_COMMIT_INTERVAL_MS,
            description = "Workers' commit.interval.ms: under exactly_once_v2 results become visible at each "
                    + "commit, so this bounds latency from below; smaller = more transactions "
                    + "(default: ${DEFAULT-VALUE}, the worker's default).")
    int commitIntervalMs;

    @Option(names = "--poll-ms", defaultValue = "10",
            description = "Workers' poll.ms: how long a stream thread whose transaction holds uncommitted results "
                    + "blocks in poll; a commit that falls due meanwhile waits for it (an idle thread blocks "
                    + RewardWorker.IDLE_POLL_MS + " ms; default: ${DEFAULT-VALUE}, the worker's default; Kafka's is 100).")
    int pollMs;

    @Option(names = "--linger-ms", defaultValue = "5",
            description = "linger.ms of the workers' and the bench's producers (default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Option(names = "--max-poll-records", defaultValue = "200",
            description = "Workers' max.poll.records: rollout groups per poll (default: ${DEFAULT-VALUE}).")
    int maxPollRecords;

    @Option(names = "--worker-heap", defaultValue = "1g", paramLabel = "SIZE",
            description = "-Xmx of each worker process in --worker-mode process (default: ${DEFAULT-VALUE}).")
    String workerHeap;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting an embedded broker.")
    String bootstrap;

    @Option(names = "--worker-java-options", paramLabel = "OPTIONS",
            description = "Extra JVM options of each worker process, space-separated, e.g. "
                    + "'-XX:StartFlightRecording=filename=w.jfr,settings=profile' (process mode only).")
    String workerJavaOptions;

    @Option(names = "--partitions", defaultValue = "12",
            description = "Partitions of the bench's rollout and reward topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--step-timeout", defaultValue = "PT120S", paramLabel = "DURATION",
            description = "Give up when a step has no complete results after this long (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Option(names = "--seed", defaultValue = "7",
            description = "Seed of the image and caption choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
    boolean noProgress;

    /** Turns a group's label (cheap, scene-graph, ...) into the group. */
    static final class GroupConverter implements picocli.CommandLine.ITypeConverter<WorkerGroup> {
        @Override
        public WorkerGroup convert(String value) {
            return WorkerGroup.of(value);
        }
    }

    private final List<AutoCloseable> workers = new ArrayList<>();

    /** CPU seconds so far of this JVM (bench, embedded broker, in-process workers) and of the worker processes. */
    private double[] cpuSeconds() {
        double self = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
        double children = 0;
        for (AutoCloseable worker : workers) {
            if (worker instanceof ChildWorker child) {
                children += child.cpuTime().toNanos() / 1e9;
            }
        }
        return new double[] {self, children};
    }

    @Override
    public Integer call() throws Exception {
        validate();
        BenchWorkload workload = (datasetJson != null ? BenchWorkload.fromDataset(datasetJson, split, seed)
                : BenchWorkload.synthetic(syntheticImages, seed)).withNovelCaptions(novelCaptions);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        EmbeddedKafkaBroker broker = bootstrap == null ? EmbeddedKafkaBroker.startTemporary() : null;
        String servers = broker != null ? broker.bootstrapServers() : bootstrap;
        Map<String, Object> client = ClientConfig.base(servers, null);
        try {
            Path dfTable = null;
            CorpusStats stats = null;
            if (group.signals().contains("cider_d")) {
                stats = workload.corpusStats();
                dfTable = Files.createTempFile("scst-bus-bench-df-", ".tsv");
                dfTable.toFile().deleteOnExit();
                stats.save(dfTable);
            }
            List<BenchReport.Run> runs = new ArrayList<>();
            try {
                for (int count : instances) {
                    runs.add(runInstances(count, workload, client, servers, suffix + "-n" + count, dfTable, stats));
                }
            } catch (CheckedSends.SendFailedException e) {
                spec.commandLine().getErr().println("bench: cannot publish the rollouts: " + e.getMessage());
                return 1;
            }
            BenchReport report = new BenchReport(settings(workload, servers), runs, images * (samples + 1));
            report.print(System.out);
            if (json != null) {
                report.writeJson(json);
            }
            return runs.stream().allMatch(r -> r.duplicates() == 0) ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** One instance count on fresh topics: warm-up, latency, throughput per --in-flight, idle. */
    private BenchReport.Run runInstances(int count, BenchWorkload workload, Map<String, Object> client, String servers,
                                         String suffix, Path dfTable, CorpusStats stats) throws Exception {
        Topics topics = Topics.withPrefix("bench-" + suffix + ".");
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.createAll(admin, topics, partitions, (short) 1);
        }
        new ReferencesPublisher(client, topics).publish(workload.references());
        String workerGroup = "bench-" + group.label() + "-" + suffix;
        status("starting " + count + " worker instance(s) (" + workerMode + ") of group " + group.label());
        try (BenchResults results = new BenchResults(client, topics, samples + 1);
             Publisher publisher = new Publisher(client, topics, workload, "bench-" + suffix, results)) {
            startWorkers(count, servers, topics, workerGroup, dfTable, stats);
            int widest = inFlight.stream().mapToInt(Integer::intValue).max().orElseThrow();
            long[] step = {0};
            run(publisher, results, count + "x warm-up", step, warmup, 1, widest);
            List<BenchReport.Phase> phases = new ArrayList<>();
            phases.add(run(publisher, results, "latency", step, duration, minSteps, 1));
            for (int window : inFlight) {
                phases.add(run(publisher, results, "throughput", step, duration, minSteps, window));
            }
            BenchReport.Idle idleCpu = measureIdle(count);
            return new BenchReport.Run(count, phases, idleCpu, results.okScores.get(), results.otherScores.get(),
                    Map.copyOf(results.otherStatuses), results.duplicates.get());
        } finally {
            closeWorkers();
        }
    }

    private BenchReport.Idle measureIdle(int count) throws InterruptedException {
        if (idle.isZero()) {
            return null;
        }
        status("idle: measuring " + count + " unloaded instance(s) for " + idle.toSeconds() + " s");
        Thread.sleep(2_000);
        double[] before = cpuSeconds();
        long start = System.nanoTime();
        Thread.sleep(idle.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] after = cpuSeconds();
        double workerCores = (after[1] - before[1]) / seconds;
        return new BenchReport.Idle(seconds, (after[0] - before[0]) / seconds,
                workerMode == WorkerMode.process ? workerCores : Double.NaN,
                workerMode == WorkerMode.process ? workerCores / count : Double.NaN);
    }

    private void closeWorkers() throws Exception {
        Exception failure = null;
        for (AutoCloseable worker : workers) {
            try {
                worker.close();
            } catch (Exception e) {
                failure = e;
            }
        }
        workers.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private BenchReport.Settings settings(BenchWorkload workload, String servers) {
        return new BenchReport.Settings(group.label(), group.signals(), workerMode.name(), streamThreads, partitions,
                workload.dataset(), workload.references().size(), datasetJson == null ? "-" : split, images, samples,
                novelCaptions, warmup.toMillis() / 1e3, duration.toMillis() / 1e3, commitIntervalMs, pollMs,
                lingerMs, maxPollRecords, servers, bootstrap == null,
                workerJavaOptions == null ? "" : workerJavaOptions, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                partitioner == Partitioning.image ? "image" : "key (Kafka's default)");
    }

    private void validate() {
        if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1) || images < 1 || samples < 0
                || minSteps < 1 || inFlight.isEmpty() || inFlight.stream().anyMatch(n -> n < 1) || streamThreads < 1
                || partitions < 1 || warmup.isNegative() || duration.isNegative() || idle.isNegative()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--instances, --in-flight, --images, --min-steps, --stream-threads and --partitions must be >= 1, "
                            + "--samples >= 0, --warmup, --duration and --idle not negative");
        }
    }

    /** Starts {@code count} instances at once (each JVM's start-up overlaps the others'), into {@link #workers}. */
    private void startWorkers(int count, String servers, Topics topics, String workerGroup, Path dfTable,
                              CorpusStats stats) throws Exception {
        List<java.util.concurrent.CompletableFuture<AutoCloseable>> starts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = "w" + i;
            starts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return startWorker(servers, topics, workerGroup, id, dfTable, stats);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        Exception failure = null;
        for (java.util.concurrent.CompletableFuture<AutoCloseable> start : starts) {
            try {
                workers.add(start.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private AutoCloseable startWorker(String servers, Topics topics, String workerGroup, String id, Path dfTable,
                                      CorpusStats stats) throws Exception {
        Map<String, String> tunables = new LinkedHashMap<>();
        tunables.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(commitIntervalMs));
        tunables.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), String.valueOf(lingerMs));
        tunables.put(StreamsConfig.POLL_MS_CONFIG, String.valueOf(pollMs));
        tunables.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                String.valueOf(maxPollRecords));
        if (workerMode == WorkerMode.in_process) {
            Map<String, Object> client = new HashMap<>(ClientConfig.base(servers, null));
            client.putAll(tunables);
            WorkerConfig config = new WorkerConfig(client, workerGroup, group.signals(), topics, streamThreads,
                    Duration.ofSeconds(2), CaptionLimits.DEFAULT, 1 << 20, null, id, 0, Duration.ofSeconds(10));
            RewardWorker worker = new RewardWorker(config, new StandardSignals(stats, null).create(group.signals()),
                    new WorkerMetrics(new SimpleMeterRegistry(), workerGroup));
            return worker.start(Duration.ofSeconds(120));
        }
        // Tunables travel as SCSTBUS_KAFKA_* variables, which 'run' applies to its client configuration.
        Map<String, String> environment = new LinkedHashMap<>();
        tunables.forEach((key, value) -> environment.put(
                "SCSTBUS_KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        List<String> args = new ArrayList<>(List.of("--bootstrap", servers, "--topic-prefix",
                topics.rollouts().substring(0, topics.rollouts().length() - Topics.DEFAULT.rollouts().length()),
                "--signals", String.join(",", group.signals()), "--group", workerGroup, "--worker-id", id,
                "--stream-threads", String.valueOf(streamThreads), "--grpc-port", "0", "--metrics-port", "-1",
                "--start-timeout", "PT120S"));
        if (dfTable != null) {
            args.addAll(List.of("--df-table", dfTable.toString()));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + workerHeap, "-Dai.djl.offline=true"));
        if (workerJavaOptions != null && !workerJavaOptions.isBlank()) {
            jvm.addAll(List.of(workerJavaOptions.strip().replace("{id}", id).split("\\s+")));
        }
        return ChildWorker.start(jvm, environment, args);
    }

    /**
     * Publishes steps, at most {@code window} in flight, for {@code length} and at least {@code atLeast} steps,
     * then waits for all their results. Step numbers continue from {@code next[0]}.
     */
    private BenchReport.Phase run(Publisher publisher, BenchResults results, String name, long[] next,
                                  Duration length, int atLeast, int window) throws InterruptedException {
        double[] cpuBefore = cpuSeconds();
        Semaphore slots = new Semaphore(window);
        List<BenchResults.Step> started = new ArrayList<>();
        Progress progress = new Progress(name + (window > 1 ? " (" + window + " in flight)" : ""),
                Math.max(1, length.toSeconds()), started);
        progress.start();
        long end = System.nanoTime() + length.toNanos();
        try {
            while (System.nanoTime() < end || started.size() < atLeast) {
                boolean slot = slots.tryAcquire(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
                publisher.check();
                if (!slot) {
                    throw new IllegalStateException("no step completed within " + stepTimeout + " in phase " + name
                            + "; are the workers running? (" + results.describeOpen() + ")");
                }
                long number = next[0]++;
                BenchResults.Step step = results.open(number, images, slots::release);
                synchronized (started) {
                    started.add(step);
                }
                publisher.publish(number, images, step::abandon);
            }
            for (BenchResults.Step step : started) {
                boolean done = step.done.await(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
                publisher.check();
                if (!done) {
                    throw new IllegalStateException("step " + step.number + " incomplete after " + stepTimeout
                            + " in phase " + name + ": " + step.received.get() + "/" + step.expected + " results");
                }
            }
        } finally {
            progress.stop();
        }
        double[] cpuAfter = cpuSeconds();
        double[] latencies = started.stream().mapToDouble(BenchResults.Step::latencyMs).sorted().toArray();
        long first = started.get(0).publishedNanos;
        long last = started.stream().mapToLong(s -> s.doneNanos).max().orElseThrow();
        double seconds = (last - first) / 1e9;
        double groups = (double) started.size() * images;
        double workerCpu = workerMode == WorkerMode.process ? cpuAfter[1] - cpuBefore[1] : Double.NaN;
        return new BenchReport.Phase(name, started.size(), window, groups / seconds, groups * (samples + 1) / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1], seconds,
                (cpuAfter[0] - cpuBefore[0]) / seconds, workerCpu / seconds, groups * (samples + 1) / workerCpu);
    }

    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void status(String message) {
        if (!noProgress) {
            System.err.println(message);
        }
    }

    /** Publishes a step's rollout groups, as a trainer does. */
    private final class Publisher implements AutoCloseable {
        private final KafkaProducer<RolloutKey, RolloutGroup> producer;
        private final CheckedSends<RolloutKey, RolloutGroup> sends;
        private final Topics topics;
        private final BenchWorkload workload;
        private final String runId;
        private final BenchResults results;

        Publisher(Map<String, Object> client, Topics topics, BenchWorkload workload, String runId,
                  BenchResults results) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            if (partitioner == Partitioning.image) {
                config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ImagePartitioner.class);
            }
            this.producer = new KafkaProducer<>(config, Topics.ROLLOUT_KEY_SERDE.serializer(),
                    Topics.ROLLOUT_SERDE.serializer());
            this.sends = new CheckedSends<>(producer, topics.rollouts());
            this.topics = topics;
            this.workload = workload;
            this.runId = runId;
            this.results = results;
        }

        /** Publishes a step; {@code onFailure} runs if a group of it is not written (the step will never complete). */
        void publish(long step, int count, Runnable onFailure) {
            List<RolloutGroup> groups = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                groups.add(workload.rollout(runId, step, i, samples, group.signals()));
            }
            results.published(step);
            for (RolloutGroup g : groups) {
                sends.send(new ProducerRecord<>(topics.rollouts(), g.getKey(), g), e -> onFailure.run());
            }
        }

        /** Fails the bench, naming the topic and the cause, if a rollout group was not written. */
        void check() {
            sends.check();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The bench's progress bar over the phase's duration, redrawn from its own thread. */
    private final class Progress {
        private final List<BenchResults.Step> started;
        private final ProgressBar bar;
        private final long seconds;
        private final long startNanos = System.nanoTime();
        private Thread thread;
        private volatile boolean stop;

        Progress(String phase, long seconds, List<BenchResults.Step> started) {
            this.started = started;
            this.seconds = seconds;
            this.bar = noProgress ? ProgressBar.none() : ProgressBar.stderr(phase, "s");
            bar.total(seconds);
        }

        void start() {
            if (noProgress) {
                return;
            }
            thread = new Thread(() -> {
                while (!stop) {
                    bar.update(elapsed(), detail());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-progress");
            thread.setDaemon(true);
            thread.start();
        }

        private long elapsed() {
            return Math.min(seconds, (System.nanoTime() - startNanos) / 1_000_000_000L);
        }

        private String detail() {
            long done;
            synchronized (started) {
                done = started.stream().filter(s -> s.done.getCount() == 0).count();
            }
            double perSecond = done * images * (samples + 1) / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            return String.format(Locale.ROOT, "%d steps, %.0f captions/s", done, perSecond);
        }

        void stop() throws InterruptedException {
            if (thread != null) {
                stop = true;
                thread.interrupt();
                thread.join();
                bar.finish(seconds, detail());
            }
        }
    }
}
