package io.scstbus.rewards.worker;

import io.scstbus.proto.BusAcls;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one reward worker instance needs, validated on construction: a bad value fails at
 * start with the option, the value and what is allowed.
 *
 * @param partitions    partitions of the rollout and reward topics: the worker creates missing bus topics
 *                      with this count and refuses to start when existing ones have another; 0 leaves the
 *                      topics unmanaged (they must exist)
 * @param answerUnknown whether this group answers INVALID for requested signal names that no worker can
 *                      serve (not contract names); exactly one group of a deployment sets it, see
 *                      docs/unknown-signals.md
 * @param transactionTimeout the producer's transaction timeout: an instance that dies mid-transaction blocks
 *                      read_committed readers this long, and a transaction open longer is aborted by the broker
 * @param recordBudget  the most wall time the signals of one rollout record may take together (null: a quarter
 *                      of the transaction timeout); at most half the transaction timeout, so a record is answered
 *                      well before the broker would abort its transaction
 * @param maxCandidates rollout groups with more candidates (samples and greedy) are answered INVALID
 */
public record WorkerConfig(
        Map<String, Object> kafkaClient,
        String group,
        List<String> signals,
        Topics topics,
        int streamThreads,
        Duration signalDeadline,
        CaptionLimits captionLimits,
        int maxRecordBytes,
        Path stateDir,
        String workerId,
        int standbyReplicas,
        Duration sessionTimeout,
        int partitions,
        boolean answerUnknown,
        Duration transactionTimeout,
        Duration recordBudget,
        int maxCandidates) {

    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    public WorkerConfig {
        Objects.requireNonNull(kafkaClient, "kafkaClient");
        kafkaClient = Map.copyOf(kafkaClient);
        if (group == null || !group.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("group must be letters, digits, '.', '_' or '-', got '" + group + "'");
        }
        signals = List.copyOf(signals);
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("signals: a worker group must compute at least one signal");
        }
        Objects.requireNonNull(topics, "topics");
        if (streamThreads < 1 || streamThreads > 64) {
            throw new IllegalArgumentException("stream-threads must be in [1, 64], got " + streamThreads);
        }
        if (signalDeadline.isNegative() || signalDeadline.isZero()) {
            throw new IllegalArgumentException("signal-deadline must be positive, got " + signalDeadline);
        }
        Objects.requireNonNull(captionLimits, "captionLimits");
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("max-record-bytes must be >= 1024, got " + maxRecordBytes);
        }
        Objects.requireNonNull(workerId, "workerId");
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby-replicas must be >= 0, got " + standbyReplicas);
        }
        if (sessionTimeout.toMillis() < 6_000) {
            throw new IllegalArgumentException("session-timeout must be >= 6s (the broker's minimum), got " + sessionTimeout);
        }
        if (partitions < 0 || partitions > 10_000) {
            throw new IllegalArgumentException("partitions must be in [1, 10000], or 0 to leave the topics unmanaged, got "
                    + partitions);
        }
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
        if (transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0 || transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("transaction-timeout must be in [PT1S, PT15M] (the broker's default "
                    + "transaction.max.timeout.ms), got " + transactionTimeout);
        }
        if (recordBudget == null) {
            recordBudget = transactionTimeout.dividedBy(4);
        }
        if (recordBudget.isNegative() || recordBudget.isZero()
                || recordBudget.compareTo(transactionTimeout.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("record-budget must be positive and at most half the transaction-timeout ("
                    + transactionTimeout + "), got " + recordBudget);
        }
        if (maxCandidates < 1 || maxCandidates > 100_000) {
            throw new IllegalArgumentException("max-candidates must be in [1, 100000], got " + maxCandidates);
        }
    }

    /** A configuration with the default transaction timeout, record budget and candidate limit. */
    public WorkerConfig(Map<String, Object> kafkaClient, String group, List<String> signals, Topics topics,
                        int streamThreads, Duration signalDeadline, CaptionLimits captionLimits, int maxRecordBytes,
                        Path stateDir, String workerId, int standbyReplicas, Duration sessionTimeout, int partitions,
                        boolean answerUnknown) {
        this(kafkaClient, group, signals, topics, streamThreads, signalDeadline, captionLimits, maxRecordBytes,
                stateDir, workerId, standbyReplicas, sessionTimeout, partitions, answerUnknown,
                DEFAULT_TRANSACTION_TIMEOUT, null, RolloutScorer.DEFAULT_MAX_CANDIDATES);
    }

    /** A configuration that leaves the topics unmanaged and does not answer for unknown signal names. */
    public WorkerConfig(Map<String, Object> kafkaClient, String group, List<String> signals, Topics topics,
                        int streamThreads, Duration signalDeadline, CaptionLimits captionLimits, int maxRecordBytes,
                        Path stateDir, String workerId, int standbyReplicas, Duration sessionTimeout) {
        this(kafkaClient, group, signals, topics, streamThreads, signalDeadline, captionLimits, maxRecordBytes,
                stateDir, workerId, standbyReplicas, sessionTimeout, 0, false);
    }

    /** The Kafka Streams application id, which is also the consumer group: one per worker group. */
    public String applicationId() {
        return BusAcls.workerApplicationId(group);
    }

    /** The record's fields with the Kafka client's secrets (SASL JAAS line, passwords) hidden: safe to log. */
    @Override
    public String toString() {
        return "WorkerConfig[kafkaClient=" + ClientConfig.redacted(kafkaClient) + ", group=" + group + ", signals="
                + signals + ", topics=" + topics + ", streamThreads=" + streamThreads + ", signalDeadline="
                + signalDeadline + ", captionLimits=" + captionLimits + ", maxRecordBytes=" + maxRecordBytes
                + ", stateDir=" + stateDir + ", workerId=" + workerId + ", standbyReplicas=" + standbyReplicas
                + ", sessionTimeout=" + sessionTimeout + ", partitions=" + partitions + ", answerUnknown="
                + answerUnknown + "]";
    }
}
