package io.scstbus.trainer.bus;

import io.scstbus.proto.CheckedSends;
import io.scstbus.proto.ImagePartitioner;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's Kafka client: publishes rollout groups with an idempotent producer and joins the
 * results it reads with {@code read_committed}, per key, under a deadline that starts at publication.
 * Incomplete groups are published again once (attempt 1); what is still missing then is dropped and
 * reported. One consumer serves every step in flight; each step has its own {@link RewardJoiner}.
 */
public final class KafkaRewardBus implements RewardBus {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRewardBus.class);
    /** Steps published and not yet collected: the current one and, with max staleness 1, the next. */
    private static final int MAX_IN_FLIGHT = 2;

    private final String runId;
    private final Duration deadline;
    private final Topic<RolloutKey, RolloutGroup> rollouts;
    private final KafkaProducer<RolloutKey, RolloutGroup> producer;
    private final KafkaConsumer<RolloutKey, RewardResult> consumer;
    private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();

    public KafkaRewardBus(Map<String, Object> clientConfig, Topics topics, String runId, Duration deadline) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the reward deadline must be positive, got " + deadline);
        }
        this.rollouts = topics.rolloutTopic();
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "scst-bus-trainer-" + runId);
        // one image's rollouts always reach the same worker instance, whose per-image caches then hold
        // only its share of the images (docs/scaling-workers.md)
        producerConfig.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ImagePartitioner.class);
        this.producer = new KafkaProducer<>(producerConfig, rollouts.keySerde().serializer(), rollouts.valueSerde().serializer());

        Topic<RolloutKey, RewardResult> rewards = topics.rewardTopic();
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "scst-bus-trainer-" + runId + "-results");
        this.consumer = new KafkaConsumer<>(consumerConfig, rewards.keySerde().deserializer(), rewards.valueSerde().deserializer());
        // Results of this run only come after its rollouts: start at the end, no group needed.
        List<TopicPartition> partitions = consumer.partitionsFor(rewards.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + rewards.name() + " does not exist on "
                    + clientConfig.get("bootstrap.servers"));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @Override
    public void publish(long step, List<RolloutGroup> groups) {
        if (inFlight.containsKey(step)) {
            throw new IllegalStateException("step " + step + " is already in flight");
        }
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            throw new IllegalStateException("steps " + inFlight.keySet() + " are in flight; collect one before step "
                    + step);
        }
        List<RolloutGroup> positioned = positioned(groups);
        InFlight flight = new InFlight(positioned, System.nanoTime());
        positioned.forEach(flight.joiner::expect);
        inFlight.put(step, flight);
        send(positioned);
    }

    @Override
    public StepRewards collect(long step) {
        InFlight flight = inFlight.get(step);
        if (flight == null) {
            throw new IllegalStateException("step " + step + " was not published");
        }
        try {
            await(flight, flight.published + deadline.toNanos());
            List<RolloutGroup> incomplete = flight.joiner.incomplete();
            int rerequested = incomplete.size();
            if (rerequested > 0) {
                LOG.warn("step {}: {} of {} groups incomplete after {} ms, re-requesting once", step, rerequested,
                        flight.groups.size(), deadline.toMillis());
                send(incomplete.stream().map(g -> g.toBuilder().setAttempt(g.getAttempt() + 1).build()).toList());
                await(flight, System.nanoTime() + deadline.toNanos());
            }
            List<RolloutKey> dropped = flight.joiner.incomplete().stream().map(RolloutGroup::getKey).toList();
            if (!dropped.isEmpty()) {
                LOG.warn("step {}: {} groups dropped from the update, e.g. {}", step, dropped.size(),
                        Keys.describe(dropped.get(0)));
            }
            RewardJoiner joiner = flight.joiner;
            JoinStats stats = new JoinStats(flight.groups.size() + rerequested, joiner.scoresExpected(),
                    joiner.scoresReceived(), joiner.duplicates(), joiner.unexpected() + flight.unexpected, rerequested,
                    dropped.size(), (System.nanoTime() - flight.published) / 1e9);
            return new StepRewards(joiner.complete(), dropped, stats);
        } finally {
            inFlight.remove(step);
        }
    }

    private static List<RolloutGroup> positioned(List<RolloutGroup> groups) {
        List<RolloutGroup> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            out.add(groups.get(i).toBuilder().setPosition(i + 1).build());
        }
        return out;
    }

    /** Sends and waits until every group is written; a group that is not fails the step (never a silent wait). */
    private void send(List<RolloutGroup> groups) {
        CheckedSends<RolloutKey, RolloutGroup> sends = new CheckedSends<>(producer, rollouts.name());
        for (RolloutGroup group : groups) {
            if (!ownRun(group.getKey().getRunId())) {
                throw new IllegalArgumentException("rollout " + Keys.describe(group.getKey()) + " is not of run " + runId);
            }
            sends.send(new ProducerRecord<>(rollouts.name(), group.getKey(), group));
        }
        sends.flush();
    }

    /**
     * Polls until {@code flight} is complete or {@code until}; results of another in-flight step go to
     * that step's joiner, results of no step in flight (late answers, other runs' sub-runs) are counted.
     */
    private void await(InFlight flight, long until) {
        while (!flight.joiner.allComplete() && System.nanoTime() < until) {
            long leftMs = Math.max(1, (until - System.nanoTime()) / 1_000_000);
            for (ConsumerRecord<RolloutKey, RewardResult> record : consumer.poll(Duration.ofMillis(Math.min(leftMs, 100)))) {
                if (record.value() == null || !ownRun(record.value().getKey().getRunId())) {
                    continue;
                }
                RolloutKey key = record.value().getKey();
                InFlight owner = inFlight.values().stream().filter(f -> f.joiner.expects(key)).findFirst().orElse(null);
                if (owner != null) {
                    owner.joiner.offer(record.value());
                } else {
                    flight.unexpected++;
                }
            }
        }
    }

    /** A published step: its groups, their join, when it was sent. */
    private static final class InFlight {
        final List<RolloutGroup> groups;
        final long published;
        final RewardJoiner joiner = new RewardJoiner();
        long unexpected;

        InFlight(List<RolloutGroup> groups, long published) {
            this.groups = groups;
            this.published = published;
        }
    }

    /** This run and its sub-runs ({@code RUN#eval}: evaluation rollouts keep their rewards apart). */
    private boolean ownRun(String id) {
        return id.equals(runId) || id.startsWith(runId + "#");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        consumer.close(Duration.ofSeconds(10));
    }
}
