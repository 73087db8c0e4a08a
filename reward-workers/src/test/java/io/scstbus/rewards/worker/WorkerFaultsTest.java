package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.AbstractSignal;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.signals.SignalResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real worker against the embedded broker meets what used to stall or loop it: records whose signals
 * are deliberately slow, and a poison record whose result the producer cannot send. Each record must be
 * answered exactly once (on read_uncommitted too: no aborted attempt), or dead-lettered with its reason.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerFaultsTest {

    private static final int PARTITIONS = 6;
    private static final ImageReferences REFS = Rollouts.references("img1", "two planes are parked near a building .");
    private static final Signal LENGTH = new StandardSignals().create(List.of("length")).get("length");

    /** A signal that takes {@code sleep} for its first {@code slowCalls} calls, ignoring interrupts as ONNX does. */
    private static final class SlowSignal extends AbstractSignal {
        private final Duration sleep;
        private final int slowCalls;
        private final AtomicInteger calls = new AtomicInteger();

        SlowSignal(String name, Duration sleep, int slowCalls) {
            super(name, "sleeps " + sleep + " for its first " + slowCalls + " calls", name + "/1");
            this.sleep = sleep;
            this.slowCalls = slowCalls;
        }

        @Override
        public SignalResult score(String candidate, ReferenceContext references) {
            if (calls.incrementAndGet() <= slowCalls) {
                long until = System.nanoTime() + sleep.toNanos();
                while (System.nanoTime() < until) {
                    try {
                        Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException ignored) {
                        // deliberately deaf to interrupts
                    }
                }
            }
            return SignalResult.ok(candidate.length());
        }
    }

    private static Map<String, Object> client(EmbeddedKafkaBroker broker) {
        return ClientConfig.base(broker.bootstrapServers(), null);
    }

    private static RewardWorker start(Map<String, Object> client, Topics topics, String group, List<Signal> signals,
                                      Duration signalDeadline, Duration transactionTimeout, Duration recordBudget) {
        List<String> names = signals.stream().map(Signal::name).toList();
        WorkerConfig config = new WorkerConfig(client, group, names, topics, 1, signalDeadline, CaptionLimits.DEFAULT,
                1 << 20, null, group + "-worker", 0, Duration.ofSeconds(10), 0, false, transactionTimeout,
                recordBudget, RolloutScorer.DEFAULT_MAX_CANDIDATES);
        return new RewardWorker(config, new SignalRegistry(signals), new WorkerMetrics()).start(Duration.ofSeconds(60));
    }

    private static Topics topics(EmbeddedKafkaBroker broker, String prefix) {
        Topics topics = Topics.withPrefix(prefix);
        broker.createBusTopics(topics, PARTITIONS);
        return topics;
    }

    private static RolloutGroup rollout(String run, int image, int samples, List<String> signals) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            texts.add("a plane number " + i);
        }
        RolloutGroup group = Rollouts.group(run, 1, "img1", texts, "two planes", signals);
        return group.toBuilder().setKey(Keys.rollout(run + "-" + image, 1, "img1")).build();
    }

    private static void send(Map<String, Object> client, Topics topics, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            records.forEach(producer::send);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(Topics topics, int partition, RolloutGroup group) {
        return new ProducerRecord<>(topics.rollouts(), partition, group.getKey().toByteArray(), group.toByteArray());
    }

    /** Every record of {@code topic} as a reader with {@code isolation} sees it, polled until {@code done} or 90 s. */
    private static List<ConsumerRecord<byte[], byte[]>> read(Map<String, Object> client, String topic, String isolation,
                                                            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!done.test(records) && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Map<RolloutKey, List<RewardResult>> results(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<RolloutKey, List<RewardResult>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                RewardResult result = RewardResult.parseFrom(r.value());
                byKey.computeIfAbsent(result.getKey(), k -> new ArrayList<>()).add(result);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("not a RewardResult on the rewards topic", e);
            }
        }
        return byKey;
    }

    @Test
    void slowRecordsOnEveryPartitionAreAnsweredOnceWithTimeoutsInsideTheirTransaction(EmbeddedKafkaBroker broker) {
        Map<String, Object> client = client(broker);
        Topics topics = topics(broker, "faults-slow.");
        new ReferencesPublisher(client, topics).publish(List.of(REFS));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            records.add(record(topics, p, rollout("slow-run", p, 5, List.of("length", "slow"))));
        }
        // defaults: 2 s per signal, a 10 s transaction, 2.5 s per record; 6 candidates x 2 s was 12 s a record
        try (RewardWorker worker = start(client, topics, "faults-slow",
                List.of(LENGTH, new SlowSignal("slow", Duration.ofSeconds(3), Integer.MAX_VALUE)),
                Duration.ofSeconds(2), WorkerConfig.DEFAULT_TRANSACTION_TIMEOUT, null)) {
            send(client, topics, records);
            Map<RolloutKey, List<RewardResult>> committed = results(read(client, topics.rewards(), "read_committed",
                    r -> r.size() >= PARTITIONS));
            Map<RolloutKey, List<RewardResult>> all = results(read(client, topics.rewards(), "read_uncommitted",
                    r -> r.size() >= PARTITIONS));

            assertEquals(PARTITIONS, committed.size(), "rollouts answered");
            for (Map.Entry<RolloutKey, List<RewardResult>> entry : all.entrySet()) {
                assertEquals(1, entry.getValue().size(), Keys.describe(entry.getKey()) + ": results incl. aborted");
                for (CandidateScores candidate : entry.getValue().get(0).getCandidatesList()) {
                    SignalScore slow = candidate.getScoresList().stream().filter(s -> s.getSignal().equals("slow"))
                            .findFirst().orElseThrow();
                    assertEquals(ScoreStatus.TIMEOUT, slow.getStatus(), slow.getReason());
                    assertTrue(slow.getReason().startsWith("slow "), slow.getReason());
                }
            }
            assertEquals(KafkaStreams.State.RUNNING, worker.state());
            assertEquals(PARTITIONS, worker.metrics().resultsOut());
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheWorkerGoesOn(EmbeddedKafkaBroker broker) {
        Map<String, Object> client = client(broker);
        Topics topics = topics(broker, "faults-poison.");
        new ReferencesPublisher(client, topics).publish(List.of(REFS));
        // 40,000 one-word candidates fit in a 0.5 MB record; any answer to them is over the producer's 1 MB
        RolloutGroup.Builder poison = rollout("poison-run", 0, 0, List.of("length")).toBuilder().clearGreedy();
        for (int i = 0; i < 40_000; i++) {
            poison.addSamples(Candidate.newBuilder().setSampleIndex(i).setText("a").setTokenCount(1));
        }
        RolloutGroup before = rollout("good-run", 1, 2, List.of("length"));
        RolloutGroup after = rollout("good-run", 2, 2, List.of("length"));
        try (RewardWorker worker = start(client, topics, "faults-poison", List.of(LENGTH), Duration.ofSeconds(2),
                WorkerConfig.DEFAULT_TRANSACTION_TIMEOUT, null)) {
            send(client, topics, List.of(record(topics, 0, before), record(topics, 0, poison.build()),
                    record(topics, 0, after)));
            Map<RolloutKey, List<RewardResult>> answered = results(read(client, topics.rewards(), "read_committed",
                    r -> r.size() >= 2));
            List<ConsumerRecord<byte[], byte[]>> dead = read(client, topics.deadLetters(), "read_committed",
                    r -> !r.isEmpty());

            assertEquals(Map.of(before.getKey(), 1, after.getKey(), 1),
                    Map.of(before.getKey(), answered.getOrDefault(before.getKey(), List.of()).size(),
                            after.getKey(), answered.getOrDefault(after.getKey(), List.of()).size()));
            assertEquals(1, dead.size(), "dead letters");
            String reason = new String(dead.get(0).headers().lastHeader(Topics.DLQ_REASON_HEADER).value(),
                    StandardCharsets.UTF_8);
            assertTrue(reason.contains("max.request.size") && reason.contains("poison-run"), reason);
            String source = new String(dead.get(0).headers().lastHeader(Topics.DLQ_SOURCE_HEADER).value(),
                    StandardCharsets.UTF_8);
            assertEquals(topics.rollouts() + "-0@1", source);
            assertEquals(KafkaStreams.State.RUNNING, worker.state());
        }
    }
}
