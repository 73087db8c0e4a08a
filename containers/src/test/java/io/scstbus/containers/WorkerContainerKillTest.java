package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.JoinStats;
import io.scstbus.trainer.bus.KafkaRewardBus;
import io.scstbus.trainer.bus.BusTopicReader;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.bus.TestRollouts;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;

/**
 * Two worker containers share the six partitions; one is killed with {@code docker kill} while a step
 * is in flight and the other takes its partitions over. Every group gets exactly one result: at the
 * trainer and on the topic (read_committed). WorkerCrashTest does the same with processes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerContainerKillTest {

    private static final Topics TOPICS = Topics.withPrefix("container-kill.");
    private static final int STEPS = 6;
    private static final int IMAGES = 25;

    @BeforeAll
    static void docker() {
        LocalImages.requireDocker();
    }

    @Test
    void aKilledWorkerContainerLosesNoResultAndDuplicatesNone(EmbeddedKafkaBroker broker) throws Exception {
        Map<String, Object> client = LocalImages.busWithReferences(broker, TOPICS, IMAGES);
        ToStringConsumer outputA = new ToStringConsumer();
        ToStringConsumer outputB = new ToStringConsumer();
        String[] extra = {"--topic-prefix", "container-kill.", "--session-timeout", "PT6S"};
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        JoinStats total = JoinStats.ZERO;
        try (GenericContainer<?> a = LocalImages.worker(broker.bootstrapServers(), "cheap", "length", "a", outputA, extra);
             GenericContainer<?> b = LocalImages.worker(broker.bootstrapServers(), "cheap", "length", "b", outputB, extra);
             KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "kill-run", Duration.ofSeconds(120))) {
            a.start();
            b.start();
            for (int step = 1; step <= STEPS; step++) {
                if (step == 3) {
                    killer.schedule(() -> LocalImages.kill(a), 150, TimeUnit.MILLISECONDS);
                }
                StepRewards rewards = bus.exchange(step, TestRollouts.step("kill-run", step, IMAGES, 3, List.of("length")));
                assertEquals(List.of(), rewards.dropped(), "step " + step + "; worker b:\n" + outputB.toUtf8String());
                assertEquals(IMAGES, rewards.complete().size(), "step " + step);
                total = total.plus(rewards.stats());
            }
            assertEquals(false, a.getDockerClient().inspectContainerCmd(a.getContainerId()).exec().getState().getRunning(),
                    "worker a was not killed");
        } finally {
            killer.shutdownNow();
        }
        assertEquals(0, total.duplicatesDropped(), "results applied twice at the trainer");
        assertEquals(0, total.groupsRerequested(), "groups re-requested");
        assertEquals((long) STEPS * IMAGES * 4, total.scoresReceived());

        Map<String, Integer> byWorker = new HashMap<>();
        Map<RolloutKey, Integer> onTopic = BusTopicReader.countByKey(client, TOPICS, byWorker);
        assertEquals(Set.of("a", "b"), byWorker.keySet(), "both containers owned partitions: " + byWorker);
        assertEquals(STEPS * IMAGES, onTopic.size(), "results on the topic");
        onTopic.forEach((key, count) -> assertEquals(1, count, "results for " + Keys.describe(key)));
    }
}
