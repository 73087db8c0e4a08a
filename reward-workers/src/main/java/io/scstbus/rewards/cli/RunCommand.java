package io.scstbus.rewards.cli;

import io.grpc.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RewardGrpcService;
import io.scstbus.rewards.worker.WorkerEndpoints;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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

    @Option(names = "--signals", split = ",", required = true, paramLabel = "NAME[,NAME...]",
            description = "Signals this worker group computes (see 'reward-worker signals').")
    List<String> signals;

    @Option(names = "--group", defaultValue = "default", paramLabel = "NAME",
            description = "Worker group name; its Kafka Streams application id and consumer group is "
                    + "scst-bus-worker-NAME (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--worker-id", paramLabel = "ID",
            description = "Name of this instance in results (default: host name and process id).")
    String workerId;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Kafka Streams threads in this instance (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--signal-deadline", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "Deadline per signal per caption, ISO-8601 (default: ${DEFAULT-VALUE}); past it the score is TIMEOUT.")
    Duration signalDeadline;

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
            description = "Kafka Streams state directory (default: a fresh temporary directory).")
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
                    + "'reward-worker score --save-df'; required for the cider_d signal.")
    Path dfTable;

    @Override
    public Integer call() throws Exception {
        WorkerConfig config = new WorkerConfig(kafka.clientConfig(), group, signals, kafka.topics(), streamThreads,
                signalDeadline, new CaptionLimits(maxCaptionChars, maxCaptionWords), maxRecordBytes, stateDir,
                workerId != null ? workerId : ManagementFactory.getRuntimeMXBean().getName(), standbyReplicas,
                sessionTimeout);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RewardWorker worker = new RewardWorker(config, new StandardSignals(dfTable == null ? null : io.scstbus.rewards.metrics.CorpusStats.load(dfTable), null).create(signals),
                new WorkerMetrics(registry, group));
        worker.bindClientMetrics();
        WorkerEndpoints endpoints = new WorkerEndpoints(ServerBuilder.forPort(grpcPort), registry, metricsPort,
                new RewardGrpcService(worker.scorer(), worker::references)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoints.serving(false);
            worker.close();
            endpoints.close();
            stopped.countDown();
        }, "worker-shutdown"));
        worker.start(startTimeout);
        endpoints.serving(true);
        System.out.println("worker " + config.workerId() + " of group " + group + " running " + signals
                + " on " + kafka.bootstrap);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
