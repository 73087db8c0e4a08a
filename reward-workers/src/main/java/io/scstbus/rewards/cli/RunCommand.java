package io.scstbus.rewards.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.GrpcServerLimits;
import io.scstbus.rewards.worker.RewardGrpcService;
import io.scstbus.rewards.worker.WorkerEndpoints;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.StateDirectories;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.SignalRegistry;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reward-worker run}: one worker instance of one signal group, until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one reward worker instance: consumes rollouts, computes this group's signals,",
            "publishes results exactly once. Start more instances with the same --group to scale;",
            "they share the partitions. Stops cleanly on SIGTERM."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML worker configuration: its keys are the long option names of this command without "
                    + "dashes (signals, group, stream-threads, signal-deadline, parser, factual-model, partitions, "
                    + "answer-unknown, ...). Options given on the command line override the file. Checked at start; "
                    + "see docs/worker-config.md.")
    Path configFile;

    @Option(names = "--signals", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Signals this worker group computes (see 'reward-worker signals'); required here or "
                    + "as 'signals:' in --config.")
    List<String> signals;

    @Option(names = "--group", defaultValue = "default", paramLabel = "NAME",
            description = "Worker group name; its Kafka Streams application id and consumer group is "
                    + "scst-bus-worker-NAME (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--worker-id", paramLabel = "ID",
            description = {"Name of this instance in results and of its state directory (default: HOST-GRPCPORT, the",
                "same at every restart and different for each instance on a host, whose gRPC ports differ;",
                "HOST-pPID with --grpc-port 0)."})
    String workerId;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Kafka Streams threads in this instance (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--signal-deadline", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "Deadline per signal per caption, ISO-8601 (default: ${DEFAULT-VALUE}); past it the score is "
                    + "TIMEOUT and the record's other calls go on, within --record-budget.")
    Duration signalDeadline;

    @Option(names = "--record-budget", paramLabel = "DURATION",
            description = "Wall time all signals of one rollout record may take together, ISO-8601 (default: a quarter "
                    + "of --transaction-timeout); at most half of it. Past it the signals still running or not yet run "
                    + "are TIMEOUT, so a record is answered once, inside its transaction.")
    Duration recordBudget;

    @Option(names = "--transaction-timeout", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "The producer's transaction timeout (default: ${DEFAULT-VALUE}, at most the broker's "
                    + "transaction.max.timeout.ms): a killed instance's open results hold up readers this long.")
    Duration transactionTimeout;

    @Option(names = "--commit-interval", paramLabel = "DURATION",
            description = {"How often each stream thread commits its transaction, ISO-8601 (default: "
                    + RewardWorker.DEFAULT_COMMIT_INTERVAL_MS + " ms, or commit.interval.ms from",
                "--kafka-properties or SCSTBUS_KAFKA_COMMIT_INTERVAL_MS). Results become visible to the trainer at",
                "the commit, so a step waits up to this long for its last results; shorter costs more",
                "transactions (CPU and broker requests). BENCHMARKS.md (issue 17) measures 20, 50 and 100 ms."})
    Duration commitInterval;

    @Option(names = "--max-candidates", defaultValue = "256", paramLabel = "N",
            description = "Rollout groups with more candidates (samples and greedy) are answered INVALID with the "
                    + "count and the limit (default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(names = "--max-caption-chars", defaultValue = "2000",
            description = "Captions longer than this are scored INVALID (default: ${DEFAULT-VALUE}).")
    int maxCaptionChars;

    @Option(names = "--max-caption-words", defaultValue = "200",
            description = "Captions with more words than this are scored INVALID (default: ${DEFAULT-VALUE}).")
    int maxCaptionWords;

    @Option(names = "--max-record-bytes", defaultValue = "1048576",
            description = "Rollout records larger than this go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = {"Kafka Streams state directory (default: <java.io.tmpdir>/scst-bus-worker/<worker id>, the same",
                "at every restart, so stores are not restored from their changelog each time; docs/worker-config.md)."})
    Path stateDir;

    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "Standby replicas of state stores for fast fail-over (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--session-timeout", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "How long the group waits for a silent instance before moving its partitions "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(names = "--start-timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for the instance to reach RUNNING (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(names = "--grpc-port", defaultValue = "50051",
            description = "Port of the gRPC RewardService and the standard gRPC health service (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int grpcPort;

    @Option(names = "--metrics-port", defaultValue = "9404",
            description = "Port of the Prometheus endpoint /metrics (default: ${DEFAULT-VALUE}; -1 disables it).")
    int metricsPort;

    @Option(names = "--df-table", paramLabel = "FILE",
            description = "CIDEr-D document frequencies of the dataset's training references, saved with "
                    + "'reward-worker score --save-df'. Without it cider_d computes them from the training "
                    + "references of each rollout's dataset on the references topic ('reward-worker load-references').")
    Path dfTable;

    @Mixin
    ParserOptions parser = new ParserOptions();

    @Mixin
    FactualModelOptions factual = new FactualModelOptions();

    @Mixin
    RemoteParserOptions remote = new RemoteParserOptions();

    @Mixin
    GrpcServerOptions grpc = new GrpcServerOptions();

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions of the rollout and reward topics. At start the worker creates missing bus "
                    + "topics with N partitions and refuses to start if existing ones have another count; 0 (the "
                    + "default) only checks that the topics exist.")
    int partitions;

    @Option(names = "--answer-unknown", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            paramLabel = "true|false",
            description = "Answer INVALID ('unknown signal ...') for requested signal names that are not signals "
                    + "at all. Set it on exactly one worker group of a deployment so every (rollout, signal) gets "
                    + "one answer; names another group serves are never answered here (default: ${DEFAULT-VALUE}).")
    boolean answerUnknown;

    @Option(names = "--vocab-kl-window", defaultValue = "10000", paramLabel = "TOKENS",
            description = "vocab_kl: how many of a run's most recent generated tokens (per partition) form the "
                    + "rolling distribution compared with the training captions (default: ${DEFAULT-VALUE}).")
    int vocabKlWindow;

    /**
     * The effective worker configuration: command line over --config over defaults, validated. Fails with an
     * IllegalArgumentException naming the option (or file key) and the value.
     */
    WorkerConfig workerConfig() {
        RunConfigFile file = configFile == null ? RunConfigFile.EMPTY : RunConfigFile.read(configFile);
        List<String> chosenSignals = pick("--signals", signals, file.signals());
        if (chosenSignals == null || chosenSignals.isEmpty()) {
            throw new IllegalArgumentException("signals: none given; pass --signals NAME[,NAME...] or 'signals:' in --config");
        }
        String chosenGroup = pick("--group", group, file.group());
        Duration deadline = pick("--signal-deadline", signalDeadline,
                file.signalDeadline() == null ? null : RunConfigFile.duration("signal-deadline", file.signalDeadline()));
        Duration transaction = pick("--transaction-timeout", transactionTimeout, file.transactionTimeout() == null
                ? null : RunConfigFile.duration("transaction-timeout", file.transactionTimeout()));
        Duration budget = pick("--record-budget", recordBudget, file.recordBudget() == null
                ? null : RunConfigFile.duration("record-budget", file.recordBudget()));
        Duration session = pick("--session-timeout", sessionTimeout,
                file.sessionTimeout() == null ? null : RunConfigFile.duration("session-timeout", file.sessionTimeout()));
        startTimeout = pick("--start-timeout", startTimeout,
                file.startTimeout() == null ? null : RunConfigFile.duration("start-timeout", file.startTimeout()));
        grpcPort = pick("--grpc-port", grpcPort, file.grpcPort());
        metricsPort = pick("--metrics-port", metricsPort, file.metricsPort());
        dfTable = pick("--df-table", dfTable, file.dfTable() == null ? null : Path.of(file.dfTable()));
        vocabKlWindow = pick("--vocab-kl-window", vocabKlWindow, file.vocabKlWindow());
        if (vocabKlWindow < 1) {
            throw new IllegalArgumentException("vocab-kl-window must be >= 1 token, got " + vocabKlWindow);
        }
        if (file.parser() != null && !matched("--parser")) {
            parser.backend(file.parser());
        }
        if (file.cacheSize() != null && !matched("--cache-size")) {
            parser.cacheSize = file.cacheSize();
        }
        if (file.factualModel() != null && !matched("--factual-model")) {
            factual.modelDir = Path.of(file.factualModel());
        }
        if (file.graphService() != null && !matched("--graph-service")) {
            remote.target = file.graphService();
        }
        Map<String, Object> client = new LinkedHashMap<>(kafka.clientConfig());
        Duration commit = pick("--commit-interval", commitInterval, file.commitInterval() == null ? null
                : RunConfigFile.duration("commit-interval", file.commitInterval()));
        if (commit != null) {
            if (commit.toMillis() < 1 || commit.compareTo(transaction) >= 0) {
                throw new IllegalArgumentException("commit-interval must be at least 1 ms and shorter than the "
                        + "transaction-timeout (" + transaction + "), got " + commit);
            }
            client.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit.toMillis());
        }
        String chosenId = pick("--worker-id", workerId, file.workerId());
        String id = chosenId != null ? chosenId : defaultWorkerId(grpcPort);
        Path chosenStateDir = pick("--state-dir", stateDir, file.stateDir() == null ? null : Path.of(file.stateDir()));
        return new WorkerConfig(client, chosenGroup, chosenSignals, kafka.topics(),
                pick("--stream-threads", streamThreads, file.streamThreads()), deadline,
                new CaptionLimits(pick("--max-caption-chars", maxCaptionChars, file.maxCaptionChars()),
                        pick("--max-caption-words", maxCaptionWords, file.maxCaptionWords())),
                pick("--max-record-bytes", maxRecordBytes, file.maxRecordBytes()),
                chosenStateDir != null ? chosenStateDir : StateDirectories.stable(id),
                id,
                pick("--standby-replicas", standbyReplicas, file.standbyReplicas()), session,
                pick("--partitions", partitions, file.partitions()),
                pick("--answer-unknown", answerUnknown, file.answerUnknown()), transaction, budget,
                pick("--max-candidates", maxCandidates, file.maxCandidates()));
    }

    /**
     * HOST-GRPCPORT: stable across restarts of an instance, and unique on a host because two instances
     * cannot listen on one port; with an ephemeral port (0) HOST-pPID, unique but not stable.
     */
    static String defaultWorkerId(int grpcPort) {
        String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        String host = jvm.substring(jvm.indexOf('@') + 1);
        return grpcPort > 0 ? host + "-" + grpcPort : host + "-p" + ProcessHandle.current().pid();
    }

    private <T> T pick(String option, T commandLine, T fromFile) {
        return fromFile == null || matched(option) ? commandLine : fromFile;
    }

    private boolean matched(String option) {
        ParseResult result = spec.commandLine().getParseResult();
        return result != null && result.hasMatchedOption(option);
    }

    /** What {@link #signals} built them from: its caches report to the metrics endpoint. */
    private StandardSignals standardSignals;

    /** The signals of the configured group, with the parser backend built only if an object signal needs it. */
    SignalRegistry signals(WorkerConfig config) throws java.io.IOException {
        CorpusStats stats = dfTable == null ? null : CorpusStats.load(dfTable);
        SceneGraphParser graphs = StandardSignals.needsParser(config.signals()) ? parser.build(factual, remote) : null;
        standardSignals = new StandardSignals(stats, graphs, vocabKlWindow);
        return standardSignals.create(config.signals());
    }

    @Override
    public Integer call() throws Exception {
        WorkerConfig config;
        SignalRegistry registry;
        GrpcServerLimits grpcLimits;
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RewardWorker worker;
        try {
            config = workerConfig();
            grpcLimits = grpc.limits();
            registry = signals(config);
            standardSignals.bindCacheMetrics(meters, config.group());
            // builds the topology: fails here, not at start, when a signal's store cannot exist (no RocksDB)
            worker = new RewardWorker(config, registry, new WorkerMetrics(meters, config.group()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return 2;
        }
        worker.bindClientMetrics();
        WorkerEndpoints endpoints = new WorkerEndpoints(grpcLimits.builder(grpcPort), meters, metricsPort,
                new RewardGrpcService(worker.scorer(), worker::references)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoints.serving(false);
            worker.close();
            endpoints.close();
            parser.close();
            stopped.countDown();
        }, "worker-shutdown"));
        worker.start(startTimeout);
        endpoints.serving(true);
        System.out.println("worker " + config.workerId() + " of group " + config.group() + " running "
                + config.signals() + " on " + kafka.bootstrap);
        System.out.flush();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (worker.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
                spec.commandLine().getErr().println("run: worker " + config.workerId() + " of group " + config.group()
                        + " stopped: its stream threads kept failing (see the log)");
                return 1;
            }
        }
        return 0;
    }
}
