package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code run --partitions N} against a real broker: missing topics are created, a mismatch is refused. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerTopicsTest {

    private static Map<String, Object> client;

    @BeforeAll
    static void connect(EmbeddedKafkaBroker broker) {
        client = ClientConfig.base(broker.bootstrapServers(), null);
    }

    private static WorkerConfig config(Topics topics, int partitions) {
        return new WorkerConfig(client, "cheap", List.of("length"), topics, 1, Duration.ofSeconds(2),
                CaptionLimits.DEFAULT, 1 << 20, null, "test", 0, Duration.ofSeconds(10), partitions, false);
    }

    @Test
    void missingTopicsAreCreatedWithTheConfiguredPartitions() throws Exception {
        Topics topics = Topics.withPrefix("create.");
        try (Admin admin = Admin.create(client)) {
            WorkerTopics.check(admin, config(topics, 4));

            Map<String, TopicDescription> described = admin.describeTopics(Set.of(topics.rollouts(), topics.rewards(),
                    topics.references(), topics.deadLetters())).allTopicNames().get();
            assertEquals(4, described.get(topics.rollouts()).partitions().size());
            assertEquals(4, described.get(topics.rewards()).partitions().size());
            assertEquals(1, described.get(topics.references()).partitions().size());
        }
    }

    @Test
    void existingTopicsWithAnotherPartitionCountAreRefused(EmbeddedKafkaBroker broker) {
        Topics topics = Topics.withPrefix("mismatch.");
        broker.createBusTopics(topics, 2);
        try (Admin admin = Admin.create(client)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> WorkerTopics.check(admin, config(topics, 6)));

            assertTrue(e.getMessage().contains("--partitions is 6 but topic"), e.getMessage());
            assertTrue(e.getMessage().contains("mismatch.scst.rollouts has 2"), e.getMessage());
        }
    }

    @Test
    void withoutAPartitionCountMissingTopicsAreAnError() {
        Topics topics = Topics.withPrefix("absent.");
        try (Admin admin = Admin.create(client)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> WorkerTopics.check(admin, config(topics, 0)));

            assertTrue(e.getMessage().contains("do not exist"), e.getMessage());
            assertTrue(e.getMessage().contains("--partitions N"), e.getMessage());
        }
    }
}
