package io.scstbus.rewards.worker;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.signals.SignalRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reward worker instance: a Kafka Streams application (exactly-once v2) that scores rollouts
 * with its group's signals. {@link #start(Duration)} returns once the instance is RUNNING, or fails
 * naming the group and the timeout.
 */
public final class RewardWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RewardWorker.class);
    /** Signal threads per stream thread: one scoring, the others for calls still running past their deadline. */
    static final int SIGNAL_THREADS_PER_STREAM_THREAD = 4;
    /** Stream thread failures within {@link #FAILURE_WINDOW} after which the worker stops instead of replacing. */
    static final int MAX_THREAD_FAILURES = 3;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
    /**
     * commit.interval.ms unless configured: under exactly-once a result becomes visible to the trainer at
     * its transaction's commit, so a step waits up to this long for its last results; each commit costs a
     * transaction. Kafka's 100 ms held one step of the cheap group at p50 108 ms, p99 115 ms (16 cores);
     * 50 ms halves the wait for twice the transactions (BENCHMARKS.md, issue 17, measures 20/50/100 ms).
     */
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 50;
    /**
     * How long a stream thread with nothing uncommitted, and the global thread, block in poll ({@link IdlePolls});
     * records that arrive end the poll at once. The consumer wakes every fetch.max.wait.ms (Kafka's 500 ms) for
     * an empty fetch response anyway: 2 s instead saved 0.001 cores (BENCHMARKS.md, issue 17, idle CPU).
     */
    public static final int IDLE_POLL_MS = 500;

    private final WorkerConfig config;
    private final DeadlineScorer deadlines;
    private final WorkerMetrics metrics;
    private final KafkaStreams streams;
    private final RolloutScorer scorer;
    private final java.util.Deque<Long> threadFailures = new java.util.ArrayDeque<>();
    /** The temporary state directory this worker made (none configured), deleted on close; else null. */
    private final Path temporaryStateDir;

    public RewardWorker(WorkerConfig config, SignalRegistry signals, WorkerMetrics metrics) {
        this.config = config;
        this.temporaryStateDir = config.stateDir() == null ? StateDirectories.temporary(config.group()) : null;
        this.metrics = metrics;
        metrics.labelSignals(config.signals());
        this.deadlines = new DeadlineScorer(config.signalDeadline(),
                SIGNAL_THREADS_PER_STREAM_THREAD * config.streamThreads());
        RolloutScorer groupScorer = new RolloutScorer(signals.select(config.signals()), deadlines,
                config.captionLimits(), config.group(), config.workerId(), Clock.systemUTC())
                .limitingCandidates(config.maxCandidates());
        this.scorer = config.answerUnknown() ? groupScorer.answeringUnknown(StandardSignals.CONTRACT) : groupScorer;
        RolloutDecoder decoder = new RolloutDecoder(config.maxRecordBytes());
        TransactionScope transaction = TransactionScope.transactional(metrics, config.recordBudget(),
                config.transactionTimeout());
        this.streams = new KafkaStreams(RewardTopology.build(config.topics(), decoder, scorer, transaction,
                maxRequestSize(config)), streamsProperties(config, config.stateDir() != null ? config.stateDir()
                : temporaryStateDir), new CommitObservingClientSupplier(transaction));
    }

    /** The producer's max.request.size as the client settings give it, else Kafka's default. */
    static int maxRequestSize(WorkerConfig config) {
        Object value = config.kafkaClient().get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            value = config.kafkaClient().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return value == null ? RewardTopology.DEFAULT_MAX_RESULT_BYTES : Integer.parseInt(value.toString().trim());
    }

    static Properties streamsProperties(WorkerConfig config, Path stateDir) {
        Properties props = new Properties();
        props.putAll(config.kafkaClient());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Tunables with defaults: commit.interval.ms bounds publish-to-result latency under exactly-once
        // (results are visible at commit); a client property (file or SCSTBUS_KAFKA_*) overrides them.
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        // A stream thread with uncommitted results blocks in poll this long, and a commit falling due meanwhile
        // waits for it: Kafka's 100 ms added up to 100 ms to a step's results (bench: p50 161 -> 112 ms, cheap
        // group). A thread with nothing uncommitted, and the global thread, block longer (IdlePolls).
        props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, 10);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) config.sessionTimeout().toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(500, config.sessionTimeout().toMillis() / 5));
        // A crashed instance's open transaction blocks read_committed readers until it times out.
        // The record budget (WorkerConfig.recordBudget) is derived from it and checked against it.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) config.transactionTimeout().toMillis());
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 200);
        // The references' global store goes through the processing exception handler too, as Kafka Streams 5
        // will do by default (without it every worker start warns). The default handler fails, as the global
        // thread did on its own before: a reference that cannot be stored stops the worker either way.
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor reads a StreamsConfig of its own from the main consumer's settings alone; it
        // has to see the setting there too, or it warns again at each start.
        props.putIfAbsent(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        return props;
    }

    /**
     * Checks the topics (creating missing ones when the configuration has a partition count, see
     * {@link WorkerConfig#partitions()}), starts the streams and waits until RUNNING.
     */
    public RewardWorker start(Duration timeout) {
        try (Admin admin = Admin.create(config.kafkaClient())) {
            WorkerTopics.check(admin, config);
        }
        streams.setUncaughtExceptionHandler(this::onThreadFailure);
        warmUp();
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                KafkaStreams.State state = streams.state();
                close();
                throw new IllegalStateException("worker group " + config.group() + " not RUNNING after "
                        + timeout.toSeconds() + " s (state " + state + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting worker group " + config.group(), e);
            }
        }
        LOG.info("worker {} of group {} running, signals {}", config.workerId(), config.group(), config.signals());
        return this;
    }

    /**
     * Scores one made-up rollout with every signal of the group before joining it: a signal's first call
     * loads its tokenizer tables, models and classes, which on a busy machine takes longer than a record's
     * budget, and would turn the first record's scores into TIMEOUT.
     */
    private void warmUp() {
        String caption = "two white planes are parked near a large building .";
        RolloutGroup probe = RolloutGroup.newBuilder().setKey(Keys.rollout("warm-up", 0, "warm-up")).setDataset("warm-up")
                .addSamples(Candidate.newBuilder().setSampleIndex(0).setText(caption))
                .setRewardSpec(RewardSpec.newBuilder().addAllSignals(config.signals())).build();
        scorer.score(probe, ImageReferences.newBuilder().setDataset("warm-up").setImageId("warm-up")
                .addCaptions(caption).build());
    }

    /**
     * A stream thread died of an exception that is not a record's (those go to the dead-letter topic): a
     * broker or network failure, which a fresh thread may not meet. Replaced, unless threads failed
     * {@link #MAX_THREAD_FAILURES} times within {@link #FAILURE_WINDOW}: then the failure repeats, and the
     * worker stops (its process exits non-zero) rather than loop.
     */
    private StreamThreadExceptionResponse onThreadFailure(Throwable e) {
        long now = System.nanoTime();
        synchronized (threadFailures) {
            threadFailures.addLast(now);
            while (now - threadFailures.peekFirst() > FAILURE_WINDOW.toNanos()) {
                threadFailures.removeFirst();
            }
            if (threadFailures.size() >= MAX_THREAD_FAILURES) {
                LOG.error("worker group {}: stream threads failed {} times within {}; stopping the worker",
                        config.group(), threadFailures.size(), FAILURE_WINDOW, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        LOG.error("worker group {}: stream thread failed, replacing it", config.group(), e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The scorer this worker runs, for serving the same signals over gRPC. */
    public RolloutScorer scorer() {
        return scorer;
    }

    /** References of one image from this worker's global store; null when the image has none. */
    public ImageReferences references(ReferencesKey key) {
        ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> store = streams.store(
                StoreQueryParameters.fromNameAndType(RewardTopology.REFERENCES_STORE, QueryableStoreTypes.keyValueStore()));
        return store.get(key);
    }

    /** Binds Kafka Streams' client metrics (lag included) to the worker's meter registry. */
    public void bindClientMetrics() {
        new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams).bindTo(metrics.registry());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    public WorkerConfig config() {
        return config;
    }

    /** Commits or aborts the open transaction and leaves the group. */
    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        deadlines.close();
        if (temporaryStateDir != null) {
            StateDirectories.delete(temporaryStateDir);
        }
    }
}
