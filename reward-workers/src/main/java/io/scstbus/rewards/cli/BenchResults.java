package io.scstbus.rewards.cli;

import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads results (read_committed) and completes steps as their last result arrives. */
final class BenchResults implements AutoCloseable {

    static final class Step {
        final long number;
        final int expected;
        final Runnable onDone;
        final Set<String> images = ConcurrentHashMap.newKeySet();
        final AtomicInteger received = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicBoolean abandoned = new AtomicBoolean();
        volatile long publishedNanos;
        volatile long doneNanos;

        Step(long number, int expected, Runnable onDone) {
            this.number = number;
            this.expected = expected;
            this.onDone = onDone;
        }

        /** The step cannot complete (a group of it was not published): wake whoever waits for it. */
        void abandon() {
            if (abandoned.compareAndSet(false, true)) {
                done.countDown();
                onDone.run();
            }
        }

        double latencyMs() {
            return (doneNanos - publishedNanos) / 1e6;
        }
    }

    private final Map<Long, Step> steps = new ConcurrentHashMap<>();
    private final KafkaConsumer<RolloutKey, RewardResult> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final int candidates;
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong okScores = new AtomicLong();
    final AtomicLong otherScores = new AtomicLong();
    final Map<String, Long> otherStatuses = new ConcurrentHashMap<>();

    BenchResults(Map<String, Object> client, Topics topics, int candidates) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.candidates = candidates;
        this.consumer = new KafkaConsumer<>(config, Topics.ROLLOUT_KEY_SERDE.deserializer(),
                Topics.RESULT_SERDE.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.rewards()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::poll, "bench-results");
        thread.setDaemon(true);
        thread.start();
    }

    Step open(long number, int expected, Runnable onDone) {
        Step step = new Step(number, expected, onDone);
        steps.put(number, step);
        return step;
    }

    void published(long number) {
        steps.get(number).publishedNanos = System.nanoTime();
    }

    private void poll() {
        while (running.get()) {
            for (ConsumerRecord<RolloutKey, RewardResult> r : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                Step step = steps.get(r.key().getStep());
                if (step == null) {
                    continue;
                }
                if (!step.images.add(r.key().getImageId())) {
                    duplicates.incrementAndGet();
                    continue;
                }
                count(r.value());
                if (step.received.incrementAndGet() == step.expected) {
                    step.doneNanos = now;
                    step.done.countDown();
                    step.onDone.run();
                }
            }
        }
    }

    private void count(RewardResult result) {
        if (result.getCandidatesCount() != candidates) {
            otherStatuses.merge("MISSING_CANDIDATES", 1L, Long::sum);
        }
        for (CandidateScores c : result.getCandidatesList()) {
            for (SignalScore s : c.getScoresList()) {
                if (s.getStatus() == ScoreStatus.OK) {
                    okScores.incrementAndGet();
                } else {
                    otherScores.incrementAndGet();
                    otherStatuses.merge(s.getStatus().name(), 1L, Long::sum);
                }
            }
        }
    }

    String describeOpen() {
        return steps.values().stream().filter(s -> s.done.getCount() > 0)
                .map(s -> "step " + s.number + ": " + s.received.get() + "/" + s.expected).toList().toString();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
