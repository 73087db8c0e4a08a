package io.scstbus.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void createsBusTopicsWithCompactedReferences(EmbeddedKafkaBroker broker) throws Exception {
        Topics topics = Topics.withPrefix("create.");
        broker.createBusTopics(topics, 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertEquals(List.of(), TopicAdmin.missing(admin, List.of(topics.rollouts(), topics.rewards(),
                    topics.references(), topics.deadLetters())));
            TopicDescription rollouts = admin.describeTopics(List.of(topics.rollouts())).allTopicNames().get()
                    .get(topics.rollouts());
            assertEquals(3, rollouts.partitions().size());
            ConfigResource refs = new ConfigResource(ConfigResource.Type.TOPIC, topics.references());
            String policy = admin.describeConfigs(List.of(refs)).all().get().get(refs).get("cleanup.policy").value();
            assertEquals("compact", policy);
        }
    }

    @Test
    void committedTransactionIsVisibleToReadCommittedConsumer(EmbeddedKafkaBroker broker) {
        broker.createBusTopics(Topics.withPrefix("tx."), 1);
        String topic = Topics.withPrefix("tx.").rollouts();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "broker-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.value());
                }
            }
        }
        assertEquals(List.of("committed"), seen);
        assertTrue(broker.dataDir().toFile().exists());
    }
}
