package io.scstbus.rewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reward-worker bench}: drives worker instances through a real broker the way a trainer does
 * (steps of rollout groups published, results joined per step on a read_committed consumer) and reports
 * throughput and publish-to-result latency. Three phases: warm-up (not reported), latency (one step in
 * flight, as an SCST trainer waits for each step), throughput (several steps in flight, saturating the
 * workers).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks reward workers end to end through Kafka: publishes steps of rollout groups "
                + "(--images images x (--samples sampled + 1 greedy) captions) built from a caption dataset, "
                + "waits for every result on a read_committed consumer and reports rollout groups/s, captions/s "
                + "and the publish-to-result latency of a step (p50/p99/max).",
            "Phases: warm-up (not reported); 'latency', one step in flight, as a trainer waits for each step; "
                + "'throughput', --in-flight steps in flight. Starts an embedded single-node broker unless "
                + "--bootstrap is given, and creates fresh topics.",
            "Example: reward-worker bench --group cheap --dataset-json data.json"})
public final class BenchCommand implements Callable<Integer> {

    /** The signal groups the bench knows. */
    enum SignalGroup {
        cheap(List.of("cider_d", "length", "bleu_4", "rouge_l", "repetition")),
        scene_graph(List.of("sde", "count_abs", "count_signed", "oversight", "hallucination"));

        final List<String> signals;

        SignalGroup(List<String> signals) {
            this.signals = signals;
        }

        String label() {
            return name().replace('_', '-');
        }
    }

    /** Where the worker instances run. */
    enum WorkerMode { process, in_process }

    @Option(names = "--group", defaultValue = "cheap", paramLabel = "cheap|scene-graph",
            converter = GroupConverter.class,
            description = "Signal group: cheap = cider_d,length,bleu_4,rouge_l,repetition; scene-graph = sde,count_abs,"
                    + "count_signed,oversight,hallucination with the default rules parser (default: ${DEFAULT-VALUE}).")
    SignalGroup group;

    @Option(names = "--instances", defaultValue = "1",
            description = "Worker instances of the group, sharing the partitions (default: ${DEFAULT-VALUE}).")
    int instances;

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

    @Option(names = "--warmup-steps", defaultValue = "100",
            description = "Steps run first and not reported: JIT, caches, group rebalances "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--steps", defaultValue = "100",
            description = "Steps measured in each of the latency and throughput phases (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--in-flight", defaultValue = "8",
            description = "Steps in flight in the warm-up and throughput phases (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Kafka Streams threads per worker instance, num.stream.threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--commit-interval-ms", defaultValue = "100",
            description = "Workers' commit.interval.ms: under exactly_once_v2 results become visible at each "
                    + "commit, so this bounds latency from below; smaller = more transactions "
                    + "(default: ${DEFAULT-VALUE}).")
    int commitIntervalMs;

    @Option(names = "--poll-ms", defaultValue = "10",
            description = "Workers' poll.ms: how long a stream thread blocks in poll when idle; a commit that falls "
                    + "due meanwhile waits for it (default: ${DEFAULT-VALUE}, the worker's default; Kafka's is 100).")
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

    @Option(names = "--partitions", defaultValue = "6",
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

    /** Turns cheap|scene-graph into the enum. */
    static final class GroupConverter implements picocli.CommandLine.ITypeConverter<SignalGroup> {
        @Override
        public SignalGroup convert(String value) {
            return SignalGroup.valueOf(value.replace('-', '_').toLowerCase(Locale.ROOT));
        }
    }

    /** One measured phase. */
    record Phase(String name, int steps, int inFlight, double groupsPerSecond, double captionsPerSecond,
                 double p50Ms, double p99Ms, double maxMs, double seconds, double benchCpuSeconds,
                 double workersCpuSeconds) {
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
        PrintStream out = System.out;
        BenchWorkload workload = (datasetJson != null ? BenchWorkload.fromDataset(datasetJson, split, seed)
                : BenchWorkload.synthetic(syntheticImages, seed)).withNovelCaptions(novelCaptions);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        Topics topics = Topics.withPrefix("bench-" + suffix + ".");
        EmbeddedKafkaBroker broker = bootstrap == null ? EmbeddedKafkaBroker.startTemporary() : null;
        String servers = broker != null ? broker.bootstrapServers() : bootstrap;
        Map<String, Object> client = ClientConfig.base(servers, null);
        Results results = null;
        try {
            try (Admin admin = Admin.create(client)) {
                TopicAdmin.createAll(admin, topics, partitions, (short) 1);
            }
            new ReferencesPublisher(client, topics).publish(workload.references());
            Path dfTable = null;
            CorpusStats stats = null;
            if (group.signals.contains("cider_d")) {
                stats = workload.corpusStats();
                dfTable = Files.createTempFile("scst-bus-bench-df-", ".tsv");
                dfTable.toFile().deleteOnExit();
                stats.save(dfTable);
            }
            results = new Results(client, topics, samples + 1);
            String workerGroup = "bench-" + group.label() + "-" + suffix;
            status("starting " + instances + " worker instance(s) (" + workerMode + ") of group " + group.label());
            for (int i = 1; i <= instances; i++) {
                workers.add(startWorker(servers, topics, workerGroup, "w" + i, dfTable, stats));
            }
            String runId = "bench-" + suffix;
            Publisher publisher = new Publisher(client, topics, workload, runId, results);
            long step = 0;
            run(publisher, results, "warm-up", step, warmupSteps, inFlight);
            step += warmupSteps;
            Phase latency = run(publisher, results, "latency", step, steps, 1);
            step += steps;
            Phase throughput = run(publisher, results, "throughput", step, steps, inFlight);
            publisher.close();
            report(out, workload, servers, List.of(latency, throughput), results);
            if (json != null) {
                writeJson(workload, servers, List.of(latency, throughput), results);
            }
            return results.duplicates.get() == 0 ? 0 : 1;
        } finally {
            for (AutoCloseable worker : workers) {
                worker.close();
            }
            if (results != null) {
                results.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    private void validate() {
        if (instances < 1 || images < 1 || samples < 0 || steps < 1 || warmupSteps < 0 || inFlight < 1
                || streamThreads < 1 || partitions < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--instances, --images, --steps, --in-flight, --stream-threads and --partitions must be >= 1, "
                            + "--samples and --warmup-steps >= 0");
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
            WorkerConfig config = new WorkerConfig(client, workerGroup, group.signals, topics, streamThreads,
                    Duration.ofSeconds(2), CaptionLimits.DEFAULT, 1 << 20, null, id, 0, Duration.ofSeconds(10));
            RewardWorker worker = new RewardWorker(config, new StandardSignals(stats, null).create(group.signals),
                    new WorkerMetrics(new SimpleMeterRegistry(), workerGroup));
            return worker.start(Duration.ofSeconds(120));
        }
        // Tunables travel as SCSTBUS_KAFKA_* variables, which 'run' applies to its client configuration.
        Map<String, String> environment = new LinkedHashMap<>();
        tunables.forEach((key, value) -> environment.put(
                "SCSTBUS_KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        List<String> args = new ArrayList<>(List.of("--bootstrap", servers, "--topic-prefix",
                topics.rollouts().substring(0, topics.rollouts().length() - Topics.DEFAULT.rollouts().length()),
                "--signals", String.join(",", group.signals), "--group", workerGroup, "--worker-id", id,
                "--stream-threads", String.valueOf(streamThreads), "--grpc-port", "0", "--metrics-port", "-1",
                "--start-timeout", "PT120S"));
        if (dfTable != null) {
            args.addAll(List.of("--df-table", dfTable.toString()));
        }
        return ChildWorker.start(List.of("-Xmx" + workerHeap, "-Dai.djl.offline=true"), environment, args);
    }

    private Phase run(Publisher publisher, Results results, String name, long firstStep, int count, int window)
            throws InterruptedException {
        if (count == 0) {
            return null;
        }
        double[] cpuBefore = cpuSeconds();
        Semaphore slots = new Semaphore(window);
        List<Results.Step> started = new ArrayList<>();
        Progress progress = new Progress(name, count, started);
        progress.start();
        try {
            for (long s = firstStep; s < firstStep + count; s++) {
                if (!slots.tryAcquire(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("no step completed within " + stepTimeout + " in phase " + name
                            + "; are the workers running? (" + results.describeOpen() + ")");
                }
                Results.Step step = results.open(s, images, slots::release);
                synchronized (started) {
                    started.add(step);
                }
                publisher.publish(s, images);
            }
            for (Results.Step step : started) {
                if (!step.done.await(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("step " + step.number + " incomplete after " + stepTimeout
                            + " in phase " + name + ": " + step.received.get() + "/" + step.expected + " results");
                }
            }
        } finally {
            progress.stop();
        }
        double[] cpuAfter = cpuSeconds();
        double[] latencies = started.stream().mapToDouble(Results.Step::latencyMs).sorted().toArray();
        long first = started.get(0).publishedNanos;
        long last = started.stream().mapToLong(s -> s.doneNanos).max().orElseThrow();
        double seconds = (last - first) / 1e9;
        double groups = (double) count * images;
        return new Phase(name, count, window, groups / seconds, groups * (samples + 1) / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1], seconds,
                cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]);
    }

    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void report(PrintStream out, BenchWorkload workload, String servers, List<Phase> phases, Results results) {
        out.printf("reward-worker bench: group %s (%s), %d instance(s) (%s), %d stream thread(s) each, %d partitions%n",
                group.label(), String.join(",", group.signals), instances, workerMode, streamThreads, partitions);
        out.printf("dataset %s: %d images (split %s); a step = %d images x (%d samples + greedy) = %d captions, "
                        + "%.0f%% novel%n", workload.dataset(), workload.references().size(),
                datasetJson == null ? "-" : split, images, samples, images * (samples + 1), novelCaptions * 100);
        out.printf("broker %s%s; commit.interval.ms %d, poll.ms %d, linger.ms %d, max.poll.records %d; "
                        + "%d warm-up steps%n",
                servers, bootstrap == null ? " (embedded)" : "", commitIntervalMs, pollMs, lingerMs, maxPollRecords,
                warmupSteps);
        out.printf("%-11s %6s %9s %10s %11s %8s %8s %8s %14s%n", "phase", "steps", "in-flight", "groups/s",
                "captions/s", "p50 ms", "p99 ms", "max ms", "cpu bench/wkr");
        for (Phase p : phases) {
            out.printf(Locale.ROOT, "%-11s %6d %9d %10.0f %11.0f %8.1f %8.1f %8.1f %6.2f/%-7.2f%n", p.name(), p.steps(),
                    p.inFlight(), p.groupsPerSecond(), p.captionsPerSecond(), p.p50Ms(), p.p99Ms(), p.maxMs(),
                    p.benchCpuSeconds() / p.seconds(), p.workersCpuSeconds() / p.seconds());
        }
        out.println("cpu bench/wkr: cores busy in the phase: this JVM (bench, embedded broker, in-process workers) "
                + "/ worker processes");
        out.printf("scores: %d OK, %d not OK %s; duplicate results: %d%n", results.okScores.get(),
                results.otherScores.get(), results.otherStatuses, results.duplicates.get());
    }

    private void writeJson(BenchWorkload workload, String servers, List<Phase> phases, Results results)
            throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("group", group.label());
        doc.put("signals", group.signals);
        doc.put("instances", instances);
        doc.put("workerMode", workerMode.name());
        doc.put("streamThreads", streamThreads);
        doc.put("partitions", partitions);
        doc.put("dataset", workload.dataset());
        doc.put("datasetImages", workload.references().size());
        doc.put("imagesPerStep", images);
        doc.put("samples", samples);
        doc.put("novelCaptions", novelCaptions);
        doc.put("warmupSteps", warmupSteps);
        doc.put("commitIntervalMs", commitIntervalMs);
        doc.put("lingerMs", lingerMs);
        doc.put("pollMs", pollMs);
        doc.put("maxPollRecords", maxPollRecords);
        doc.put("bootstrap", servers);
        doc.put("embeddedBroker", bootstrap == null);
        doc.put("phases", phases);
        doc.put("okScores", results.okScores.get());
        doc.put("otherScores", results.otherScores.get());
        doc.put("duplicates", results.duplicates.get());
        doc.put("loadAverage",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        doc.put("processors", Runtime.getRuntime().availableProcessors());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }

    private void status(String message) {
        if (!noProgress) {
            System.err.println(message);
        }
    }

    /** Publishes a step's rollout groups, as a trainer does. */
    private final class Publisher implements AutoCloseable {
        private final KafkaProducer<RolloutKey, RolloutGroup> producer;
        private final Topics topics;
        private final BenchWorkload workload;
        private final String runId;
        private final Results results;

        Publisher(Map<String, Object> client, Topics topics, BenchWorkload workload, String runId, Results results) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            this.producer = new KafkaProducer<>(config, Topics.ROLLOUT_KEY_SERDE.serializer(),
                    Topics.ROLLOUT_SERDE.serializer());
            this.topics = topics;
            this.workload = workload;
            this.runId = runId;
            this.results = results;
        }

        void publish(long step, int count) {
            List<RolloutGroup> groups = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                groups.add(workload.rollout(runId, step, i, samples, group.signals));
            }
            results.published(step);
            for (RolloutGroup g : groups) {
                producer.send(new ProducerRecord<>(topics.rollouts(), g.getKey(), g));
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** Reads results (read_committed) and completes steps as their last result arrives. */
    private static final class Results implements AutoCloseable {

        static final class Step {
            final long number;
            final int expected;
            final Runnable onDone;
            final Set<String> images = ConcurrentHashMap.newKeySet();
            final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
            final CountDownLatch done = new CountDownLatch(1);
            volatile long publishedNanos;
            volatile long doneNanos;

            Step(long number, int expected, Runnable onDone) {
                this.number = number;
                this.expected = expected;
                this.onDone = onDone;
            }

            double latencyMs() {
                return (doneNanos - publishedNanos) / 1e6;
            }
        }

        private final Map<Long, Step> steps = new ConcurrentHashMap<>();
        private final KafkaConsumer<RolloutKey, RewardResult> consumer;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final int candidates;
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong okScores = new AtomicLong();
        final AtomicLong otherScores = new AtomicLong();
        final Map<String, Long> otherStatuses = new ConcurrentHashMap<>();

        Results(Map<String, Object> client, Topics topics, int candidates) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            this.candidates = candidates;
            this.consumer = new KafkaConsumer<>(config, Topics.ROLLOUT_KEY_SERDE.deserializer(),
                    Topics.RESULT_SERDE.deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topics.rewards()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            this.thread = new Thread(this::poll, "bench-results");
            thread.setDaemon(true);
            thread.start();
        }

        Step open(long number, int expected, Runnable onDone) {
            Step step = new Step(number, expected, onDone);
            steps.put(number, step);
            return step;
        }

        void published(long number) {
            steps.get(number).publishedNanos = System.nanoTime();
        }

        private void poll() {
            while (running.get()) {
                for (ConsumerRecord<RolloutKey, RewardResult> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Step step = steps.get(r.key().getStep());
                    if (step == null) {
                        continue;
                    }
                    if (!step.images.add(r.key().getImageId())) {
                        duplicates.incrementAndGet();
                        continue;
                    }
                    count(r.value());
                    if (step.received.incrementAndGet() == step.expected) {
                        step.doneNanos = now;
                        step.done.countDown();
                        step.onDone.run();
                    }
                }
            }
        }

        private void count(RewardResult result) {
            if (result.getCandidatesCount() != candidates) {
                otherStatuses.merge("MISSING_CANDIDATES", 1L, Long::sum);
            }
            for (CandidateScores c : result.getCandidatesList()) {
                for (SignalScore s : c.getScoresList()) {
                    if (s.getStatus() == ScoreStatus.OK) {
                        okScores.incrementAndGet();
                    } else {
                        otherScores.incrementAndGet();
                        otherStatuses.merge(s.getStatus().name(), 1L, Long::sum);
                    }
                }
            }
        }

        String describeOpen() {
            return steps.values().stream().filter(s -> s.done.getCount() > 0)
                    .map(s -> "step " + s.number + ": " + s.received.get() + "/" + s.expected).toList().toString();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The bench's progress bar, redrawn from its own thread as steps complete. */
    private final class Progress {
        private final List<Results.Step> started;
        private final ProgressBar bar;
        private Thread thread;
        private volatile boolean stop;

        Progress(String phase, int total, List<Results.Step> started) {
            this.started = started;
            this.bar = noProgress ? ProgressBar.none() : ProgressBar.stderr(phase, "steps");
            bar.total(total);
        }

        void start() {
            if (noProgress) {
                return;
            }
            thread = new Thread(() -> {
                while (!stop) {
                    bar.update(done(), rate());
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

        private long done() {
            synchronized (started) {
                return started.stream().filter(s -> s.done.getCount() == 0).count();
            }
        }

        private String rate() {
            return String.format(Locale.ROOT, "%.0f captions/s", bar.rate(done() * images * (samples + 1)));
        }

        void stop() throws InterruptedException {
            if (thread != null) {
                stop = true;
                thread.interrupt();
                thread.join();
                bar.finish(done(), rate());
            }
        }
    }
}
