package io.scstbus.rewards.worker;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumers that block longer in poll when their thread has nothing waiting for it.
 *
 * <p>Kafka Streams blocks each loop of a stream thread in {@code poll(poll.ms)} and only then checks whether a
 * commit is due; under exactly-once a step's results become visible at that commit, so the worker keeps
 * poll.ms short (10 ms): a commit falling due waits at most that long. An idle thread pays for it with 100
 * loops a second, and the global thread, which polls with the same poll.ms, with 100 more: together 80 % of an
 * idle instance's CPU (BENCHMARKS.md, issue 17, idle CPU). Neither loop needs them when nothing is waiting:
 * records that arrive end a blocked poll at once, however long it was asked to block.
 *
 * <p>So a stream thread's poll blocks {@link #IDLE_POLL} instead, unless its transaction holds uncommitted
 * results (then a commit is coming and poll.ms stands) or some of its partitions are paused (Kafka Streams
 * pauses those of tasks it is restoring or whose buffers are full, and moves on only between polls). A poll
 * of zero stays zero (Kafka Streams asks for it while a rebalance completes or the thread shuts down). The
 * global thread's poll always blocks at least {@link #IDLE_POLL}: it only keeps the references store, whose
 * updates wake it. The cost: a worker that closes, or a thread that finishes joining the group, while its
 * poll is idle waits out that poll, up to {@link #IDLE_POLL}.
 */
final class IdlePolls {

    /** How long an idle poll blocks: {@link RewardWorker#IDLE_POLL_MS}. */
    static final Duration IDLE_POLL = Duration.ofMillis(RewardWorker.IDLE_POLL_MS);

    private IdlePolls() {
    }

    /**
     * How long a poll asked for {@code requested} blocks: {@code requested} when {@code busy} or when it is
     * zero, else at least {@link #IDLE_POLL}.
     */
    static Duration timeout(Duration requested, boolean busy) {
        return busy || requested.isZero() || requested.compareTo(IDLE_POLL) >= 0 ? requested : IDLE_POLL;
    }

    /**
     * A stream thread's main consumer: idle when the calling thread's transaction holds nothing uncommitted
     * ({@code uncommitted} is false) and no partition is paused.
     */
    static Consumer<byte[], byte[]> mainConsumer(Map<String, Object> config, BooleanSupplier uncommitted) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
            @Override
            public ConsumerRecords<byte[], byte[]> poll(Duration requested) {
                return super.poll(timeout(requested, uncommitted.getAsBoolean() || !paused().isEmpty()));
            }
        };
    }

    /** The global thread's consumer: always idle (updates to the references wake it). */
    static Consumer<byte[], byte[]> globalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
            @Override
            public ConsumerRecords<byte[], byte[]> poll(Duration requested) {
                return super.poll(timeout(requested, false));
            }
        };
    }
}
