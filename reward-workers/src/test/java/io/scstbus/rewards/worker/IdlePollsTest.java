package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An idle stream thread and the global thread block {@link IdlePolls#IDLE_POLL} in poll; a thread whose
 * transaction holds uncommitted results blocks only poll.ms, so its commit (and the trainer's results) never
 * waits for an idle poll. The timeouts are checked as values; the one timed check is a lower bound (an empty
 * poll cannot end before its timeout), which load cannot break.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IdlePollsTest {

    private static final Duration POLL_MS = Duration.ofMillis(10);

    @Test
    void aThreadWithUncommittedResultsPollsForPollMs() {
        assertEquals(POLL_MS, IdlePolls.timeout(POLL_MS, true));
    }

    @Test
    void anIdleThreadPollsForTheIdlePoll() {
        assertEquals(IdlePolls.IDLE_POLL, IdlePolls.timeout(POLL_MS, false));
    }

    @Test
    void aZeroPollStaysZeroForRebalancesAndShutdown() {
        assertEquals(Duration.ZERO, IdlePolls.timeout(Duration.ZERO, false));
    }

    @Test
    void aLongerPollIsKeptForTheGlobalStoresRestore() {
        assertEquals(Duration.ofSeconds(30), IdlePolls.timeout(Duration.ofSeconds(30), false));
    }

    @Test
    void aTransactionHoldsUncommittedResultsFromItsFirstRecordUntilItCommitsOrAborts() {
        TransactionScope scope = TransactionScope.transactional(new WorkerMetrics(), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        assertFalse(scope.uncommitted());
        scope.startRecord();
        assertTrue(scope.uncommitted());
        scope.committed();
        assertFalse(scope.uncommitted());
        scope.startRecord();
        scope.aborted();
        assertFalse(scope.uncommitted());
    }

    @Test
    void theWorkerKeepsPollMsShortSoThatACommitWaitsAtMostTenMs() {
        WorkerConfig config = new WorkerConfig(ClientConfig.base("localhost:9092", null), "idle-test", List.of("length"),
                Topics.DEFAULT, 1, Duration.ofSeconds(2), CaptionLimits.DEFAULT, 1 << 20, null, "w1", 0,
                Duration.ofSeconds(10));
        Properties props = RewardWorker.streamsProperties(config, Path.of("state"));
        assertEquals(POLL_MS.toMillis(), ((Number) props.get(StreamsConfig.POLL_MS_CONFIG)).longValue());
    }

    @Test
    void theSuppliersMainConsumerOfAnIdleThreadBlocksForTheIdlePoll(EmbeddedKafkaBroker broker) {
        assertAnEmptyPollBlocksTheIdlePoll(broker, "idle-main",
                supplier -> supplier.getConsumer(consumerConfig(broker, "idle-main")));
    }

    @Test
    void theSuppliersGlobalConsumerBlocksForTheIdlePoll(EmbeddedKafkaBroker broker) {
        assertAnEmptyPollBlocksTheIdlePoll(broker, "idle-global",
                supplier -> supplier.getGlobalConsumer(consumerConfig(broker, null)));
    }

    private static Map<String, Object> consumerConfig(EmbeddedKafkaBroker broker, String groupId) {
        Map<String, Object> config = new HashMap<>(ClientConfig.base(broker.bootstrapServers(), null));
        if (groupId != null) {
            config.put("group.id", groupId);
        }
        return config;
    }

    /**
     * On an empty partition a poll ends only at its timeout: POLL_MS if the consumer polls as asked, IDLE_POLL if
     * it lengthens the poll of a thread without uncommitted results.
     */
    private static void assertAnEmptyPollBlocksTheIdlePoll(EmbeddedKafkaBroker broker, String name,
            Function<CommitObservingClientSupplier, Consumer<byte[], byte[]>> consumerOf) {
        Topics topics = Topics.withPrefix(name + ".");
        broker.createBusTopics(topics, 1);
        TransactionScope scope = TransactionScope.transactional(new WorkerMetrics(), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        try (Consumer<byte[], byte[]> consumer = consumerOf.apply(new CommitObservingClientSupplier(scope))) {
            TopicPartition partition = new TopicPartition(topics.rewards(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            long start = System.nanoTime();
            assertTrue(consumer.poll(POLL_MS).isEmpty());
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= IdlePolls.IDLE_POLL.toMillis() / 2, "an idle poll asked for " + POLL_MS.toMillis()
                    + " ms ended after " + elapsedMs + " ms, expected about " + IdlePolls.IDLE_POLL.toMillis());
        }
    }
}
