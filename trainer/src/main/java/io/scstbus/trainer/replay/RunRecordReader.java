package io.scstbus.trainer.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.rewards.console.ProgressBar;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one run's rollouts and results from every partition of both topics and hands them on merged
 * in record-timestamp order (workers stamp a result with its rollout's timestamp), so a step's records
 * arrive together, before the next step's. Reads up to the end
 * offsets captured at start ({@code read_committed}: aborted worker transactions are skipped), from
 * the beginning or from the first offsets at or after a start time. Holds at most
 * {@link #QUEUE_LIMIT} undelivered records per partition: partitions ahead of the merge are paused.
 * Progress is counted in offsets, not records: transaction markers and aborted records take offsets
 * too (a worker's commit writes a marker per partition), so only offsets add up to the captured end.
 */
public final class RunRecordReader {

    static final int QUEUE_LIMIT = 2_000;

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final String runId;
    private final ProgressBar progress;
    private long recordsRead;
    private long recordsOfRun;
    /** Per partition, the offset after the last record delivered (the start position before any). */
    private final Map<TopicPartition, Long> passed = new HashMap<>();
    private long offsetsPassed;
    private long undecodable;

    public RunRecordReader(Map<String, Object> clientConfig, Topics topics, String runId, ProgressBar progress) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Delivers the run's records in timestamp order until the captured end, or until {@code sink}
     * returns false.
     *
     * @param fromTimestampMs where to start (the run's start time), or 0 for the beginning of the topics
     */
    public void read(long fromTimestampMs, Predicate<RunRecord> sink) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "scst-bus-replay-" + runId);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.rollouts(), topics.rewards())) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist on " + clientConfig.get("bootstrap.servers"));
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions, end, fromTimestampMs);
            long total = 0;
            for (TopicPartition p : partitions) {
                passed.put(p, consumer.position(p));
                total += Math.max(0, end.get(p) - consumer.position(p));
            }
            progress.total(total);
            boolean toTheEnd = merge(consumer, partitions, end, sink);
            progress.finish(toTheEnd ? total : offsetsPassed, progressDetail());
        }
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                             Map<TopicPartition, Long> end, long fromTimestampMs) {
        if (fromTimestampMs <= 0) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, fromTimestampMs));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            consumer.seek(p, at == null ? end.get(p) : at.offset());
        }
    }

    /** True once every partition is read to its end; false when {@code sink} stopped the reading. */
    private boolean merge(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                          Map<TopicPartition, Long> end, Predicate<RunRecord> sink) {
        Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues = new LinkedHashMap<>();
        partitions.forEach(p -> queues.put(p, new ArrayDeque<>()));
        while (true) {
            List<TopicPartition> starving = new ArrayList<>();
            boolean anyLeft = false;
            for (TopicPartition p : partitions) {
                boolean more = consumer.position(p) < end.get(p);
                if (!queues.get(p).isEmpty() || more) {
                    anyLeft = true;
                }
                if (queues.get(p).isEmpty() && more) {
                    starving.add(p);
                }
            }
            if (!anyLeft) {
                return true;
            }
            if (!starving.isEmpty()) {
                fill(consumer, partitions, starving, end, queues);
                continue;
            }
            // every partition still in play has a head: deliver the earliest
            TopicPartition first = null;
            ConsumerRecord<byte[], byte[]> head = null;
            for (TopicPartition p : partitions) {
                ConsumerRecord<byte[], byte[]> r = queues.get(p).peek();
                if (r != null && (head == null || r.timestamp() < head.timestamp())) {
                    head = r;
                    first = p;
                }
            }
            queues.get(first).poll();
            recordsRead++;
            offsetsPassed += head.offset() + 1 - passed.put(first, head.offset() + 1);
            RunRecord record = decode(head);
            if (record != null) {
                recordsOfRun++;
                if (!sink.test(record)) {
                    return false;
                }
            }
            progress.update(offsetsPassed, progressDetail());
        }
    }

    private static void fill(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                             List<TopicPartition> starving, Map<TopicPartition, Long> end,
                             Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues) {
        List<TopicPartition> paused = new ArrayList<>();
        for (TopicPartition p : partitions) {
            if (!starving.contains(p) && queues.get(p).size() >= QUEUE_LIMIT / 2) {
                paused.add(p);
            }
        }
        consumer.pause(paused);
        consumer.resume(partitions.stream().filter(p -> !paused.contains(p)).toList());
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            TopicPartition p = new TopicPartition(r.topic(), r.partition());
            if (r.offset() < end.get(p)) {
                queues.get(p).add(r);
            }
        }
    }

    /** The record as a rollout or a result of this run; null for other runs, tombstones and garbage. */
    private RunRecord decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null || r.value() == null) {
            return null;
        }
        try {
            RolloutKey key = RolloutKey.parseFrom(r.key());
            if (!key.getRunId().equals(runId)) {
                return null;
            }
            if (r.topic().equals(topics.rollouts())) {
                return RunRecord.of(RolloutGroup.parseFrom(r.value()), r.timestamp());
            }
            return RunRecord.of(RewardResult.parseFrom(r.value()), r.timestamp());
        } catch (InvalidProtocolBufferException e) {
            undecodable++;
            return null;
        }
    }

    private String progressDetail() {
        return "(" + recordsRead + " records, " + recordsOfRun + " of run " + runId + ")";
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long recordsOfRun() {
        return recordsOfRun;
    }

    /** Records whose key or value is not protobuf (the workers sent such rollouts to the DLQ). */
    public long undecodable() {
        return undecodable;
    }
}
