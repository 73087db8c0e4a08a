package io.scstbus.trainer.bus;

import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RunInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The compacted runs topic: one {@link RunInfo} per run id, written by the trainer at start and read
 * by replay for the run's configuration and a start time to seek from. A resumed run keeps its first
 * start time and records its latest configuration.
 */
public final class RunInfos {

    private static final Logger LOG = LoggerFactory.getLogger(RunInfos.class);

    private final Map<String, Object> clientConfig;
    private final Topic<String, RunInfo> topic;

    public RunInfos(Map<String, Object> clientConfig, Topics topics) {
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
        this.topic = topics.runTopic();
    }

    /**
     * Records a run's start. A bus without the runs topic (created before it existed) only loses the
     * record, which replay reports; training goes on, so this logs instead of failing.
     */
    public void publish(String runId, String dataset, String configYaml, String trainerVersion) {
        try {
            long start = read(runId).map(RunInfo::getStartedAtMs).orElse(System.currentTimeMillis());
            RunInfo info = RunInfo.newBuilder().setRunId(runId).setStartedAtMs(start).setDataset(dataset)
                    .setConfigYaml(configYaml).setTrainerVersion(trainerVersion == null ? "" : trainerVersion).build();
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, RunInfo> producer = new KafkaProducer<>(config, topic.keySerde().serializer(),
                    topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), runId, info)).get(30, TimeUnit.SECONDS);
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("run {}: cannot record the run on topic {} ({}); replay will lack its configuration",
                    runId, topic.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The latest record of {@code runId}, reading the topic up to its current end; empty when absent. */
    public Optional<RunInfo> read(String runId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, RunInfo> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return Optional.empty();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            RunInfo found = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, RunInfo> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key()) && record.value() != null) {
                        found = record.value();
                    }
                }
            }
            return Optional.ofNullable(found);
        }
    }
}
