package io.scstbus.rewards.worker;

import io.scstbus.proto.CheckedSends;
import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Loads a dataset's references and count dictionaries into the compacted references topic,
 * idempotently: records already there with the same content are not written again.
 */
public final class ReferencesPublisher {

    private final Map<String, Object> clientConfig;
    private final Topic<ReferencesKey, ImageReferences> topic;

    public ReferencesPublisher(Map<String, Object> clientConfig, Topics topics) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = Objects.requireNonNull(topics, "topics").referencesTopic();
    }

    /** What a load did. */
    public record LoadReport(int offered, int written, int unchanged) {
    }

    public LoadReport publish(List<ImageReferences> references) {
        return publish(references, done -> { });
    }

    /**
     * Publishes what differs from the topic's content; {@code progress} is told how many records have been
     * compared (and sent where needed) so far, after each one. The report counts the records the broker
     * acknowledged.
     *
     * @throws CheckedSends.SendFailedException if a record was not written: how many, the first cause, and
     *                                          how many were written
     */
    public LoadReport publish(List<ImageReferences> references, IntConsumer progress) {
        Map<ReferencesKey, ImageReferences> present = readAll();
        int unchanged = 0;
        int done = 0;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<ReferencesKey, ImageReferences> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            CheckedSends<ReferencesKey, ImageReferences> sends = new CheckedSends<>(producer, topic.name());
            for (ImageReferences refs : references) {
                ReferencesKey key = ReferencesKey.newBuilder().setDataset(refs.getDataset()).setImageId(refs.getImageId()).build();
                if (refs.equals(present.get(key))) {
                    unchanged++;
                } else {
                    sends.send(new ProducerRecord<>(topic.name(), key, refs));
                }
                progress.accept(++done);
            }
            sends.flush();
            return new LoadReport(references.size(), sends.acknowledged(), unchanged);
        }
    }

    /**
     * The current content of the references topic, read to its end, in the order the records are read
     * (replay builds CIDEr-D's corpus statistics in that order, as the trainer did).
     */
    public Map<ReferencesKey, ImageReferences> readAll() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<ReferencesKey, ImageReferences> out = new LinkedHashMap<>();
        try (KafkaConsumer<ReferencesKey, ImageReferences> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<TopicPartition> done = new HashSet<>();
            while (done.size() < partitions.size()) {
                for (ConsumerRecord<ReferencesKey, ImageReferences> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        out.remove(r.key());
                    } else {
                        out.put(r.key(), r.value());
                    }
                }
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp) >= end.get(tp)) {
                        done.add(tp);
                    }
                }
            }
        }
        return out;
    }
}
