package io.scstbus.trainer.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.CheckedSends;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One real broker and one in-process worker for the class; each test uses its own run id. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaRewardBusTest {

    private static final Topics TOPICS = Topics.withPrefix("bus-test.");
    private Map<String, Object> client;
    private RewardWorker worker;

    @BeforeAll
    void startWorker(EmbeddedKafkaBroker broker) {
        broker.createBusTopics(TOPICS, 3);
        client = ClientConfig.base(broker.bootstrapServers(), null);
        new ReferencesPublisher(client, TOPICS).publish(TestRollouts.references(8));
        WorkerConfig config = new WorkerConfig(client, "cheap", List.of("length"), TOPICS, 1, Duration.ofSeconds(2),
                CaptionLimits.DEFAULT, 1 << 20, null, "w1", 0, Duration.ofSeconds(10));
        worker = new RewardWorker(config, new StandardSignals().create(List.of("length")), new WorkerMetrics())
                .start(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopWorker() {
        worker.close();
    }

    @Test
    void everyGroupOfAStepIsJoinedWithItsScores() {
        try (KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "run-join", Duration.ofSeconds(30))) {
            StepRewards rewards = bus.exchange(1, TestRollouts.step("run-join", 1, 8, 3, List.of("length")));

            assertEquals(8, rewards.complete().size());
            assertEquals(List.of(), rewards.dropped());
            assertEquals(8 * 4, rewards.stats().scoresReceived());
            assertEquals(0, rewards.stats().duplicatesDropped());
            GroupRewards first = rewards.complete().values().iterator().next();
            SignalScore sample2 = first.samples().get(2).scores().get("length");
            assertEquals(ScoreStatus.OK, sample2.getStatus());
            assertEquals(3.0, sample2.getValue(), "plane near near: PTB drops the period");
            assertEquals(2.0, first.greedy().scores().get("length").getValue());
        }
    }

    @Test
    void aStepThatCannotBePublishedFailsNamingTheTopic() throws Exception {
        // the reward topic exists, the rollout topic does not, and the broker does not create topics
        Topics partial = Topics.withPrefix("no-rollouts.");
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(partial.rewards(), 1, (short) 1))).all().get();
        }
        Map<String, Object> impatient = new HashMap<>(client);
        impatient.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        try (KafkaRewardBus bus = new KafkaRewardBus(impatient, partial, "run-unsent", Duration.ofSeconds(30))) {
            CheckedSends.SendFailedException e = assertThrows(CheckedSends.SendFailedException.class,
                    () -> bus.publish(1, TestRollouts.step("run-unsent", 1, 2, 3, List.of("length"))));

            assertEquals(2, e.failed());
            assertTrue(e.getMessage().contains("2 of 2 records were not written to topic no-rollouts.scst.rollouts"),
                    e.getMessage());
        }
    }

    @Test
    void resultsOfTheNextStepInFlightAreKeptWhileThisOneIsCollected() throws Exception {
        try (KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "run-overlap", Duration.ofSeconds(30))) {
            bus.publish(1, TestRollouts.step("run-overlap", 1, 6, 2, List.of("length")));
            bus.publish(2, TestRollouts.step("run-overlap", 2, 6, 2, List.of("length")));
            Thread.sleep(2000); // both steps scored meanwhile: step 2's results arrive during collect(1)
            StepRewards first = bus.collect(1);
            StepRewards second = bus.collect(2);

            for (StepRewards rewards : List.of(first, second)) {
                assertEquals(6, rewards.complete().size());
                assertEquals(0, rewards.stats().groupsRerequested());
                assertEquals(0, rewards.stats().lateDropped(), "a result of the other step was lost");
            }
        }
    }

    @Test
    void signalNobodyServesIsRerequestedOnceThenDropped() {
        try (KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "run-missing", Duration.ofSeconds(2))) {
            StepRewards rewards = bus.exchange(1, TestRollouts.step("run-missing", 1, 2, 2, List.of("length", "sde")));

            assertEquals(0, rewards.complete().size());
            assertEquals(2, rewards.dropped().size());
            assertEquals(2, rewards.stats().groupsRerequested());
            assertEquals(2, rewards.stats().groupsDropped());
        }
    }

    @Test
    void malformedRecordReachesDeadLettersAndWorkerGoesOn() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPICS.rollouts(), "bad".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0x0a, 0x7f, 0x01, 0x02}));
            producer.flush();
        }
        try (KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "run-after-bad", Duration.ofSeconds(30))) {
            assertEquals(4, bus.exchange(1, TestRollouts.step("run-after-bad", 1, 4, 2, List.of("length")))
                    .complete().size());
        }
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPICS.deadLetters()));
            String reason = null;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reason == null && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    reason = new String(r.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8);
                }
            }
            assertTrue(reason != null && reason.contains("not a RolloutGroup"), "DLQ reason: " + reason);
        }
        assertTrue(worker.metrics().deadLetters() >= 1);
    }
}
