package io.scstbus.trainer.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.rewards.worker.ReferencesPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two worker processes share six partitions; one is SIGKILLed while a step is in flight. Every group
 * must still get exactly one result: on the topic (read_committed) and at the trainer.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerCrashTest {

    private static final Topics TOPICS = Topics.withPrefix("crash-test.");
    private static final int STEPS = 8;
    private static final int IMAGES = 25;

    @Test
    void killedWorkerLosesNoResultAndDuplicatesNone(EmbeddedKafkaBroker broker) throws Exception {
        broker.createBusTopics(TOPICS, 6);
        Map<String, Object> client = ClientConfig.base(broker.bootstrapServers(), null);
        new ReferencesPublisher(client, TOPICS).publish(TestRollouts.references(IMAGES));
        String[] args = {"--bootstrap", broker.bootstrapServers(), "--signals", "length", "--group", "cheap",
            "--topic-prefix", "crash-test.", "--session-timeout", "PT6S", "--grpc-port", "0", "--metrics-port", "0"};
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        JoinStats total = JoinStats.ZERO;
        try (WorkerProcess a = WorkerProcess.start(append(args, "--worker-id", "a"));
             WorkerProcess b = WorkerProcess.start(append(args, "--worker-id", "b"));
             KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "crash-run", Duration.ofSeconds(90))) {
            for (int step = 1; step <= STEPS; step++) {
                if (step == 3) {
                    killer.schedule(() -> {
                        a.kill();
                        return null;
                    }, 150, TimeUnit.MILLISECONDS);
                }
                StepRewards rewards = bus.exchange(step, TestRollouts.step("crash-run", step, IMAGES, 3, List.of("length")));
                assertEquals(List.of(), rewards.dropped(), "step " + step);
                assertEquals(IMAGES, rewards.complete().size(), "step " + step);
                total = total.plus(rewards.stats());
            }
        } finally {
            killer.shutdownNow();
        }
        assertEquals(0, total.duplicatesDropped());
        assertEquals(0, total.groupsRerequested());
        assertEquals((long) STEPS * IMAGES * 4, total.scoresReceived());

        Map<String, Integer> byWorker = new HashMap<>();
        Map<RolloutKey, Integer> onTopic = BusTopicReader.countByKey(client, TOPICS, byWorker);
        // Both instances did work, so the crash hit a worker that owned partitions.
        assertEquals(java.util.Set.of("a", "b"), byWorker.keySet(), "results by worker: " + byWorker);
        assertEquals(STEPS * IMAGES, onTopic.size());
        onTopic.forEach((key, count) -> assertEquals(1, count, "results for " + Keys.describe(key)));
        assertFalse(onTopic.isEmpty());
    }

    private static String[] append(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }
}
