package io.scstbus.trainer.replay;

import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One dataset's references from the compacted references topic (what the trainer published and the
 * workers scored against), for rescoring: the images' captions and count dictionaries, and from the
 * training split the CIDEr-D corpus statistics, built in the order the trainer built them (topic order)
 * so rescored CIDEr-D values are bit-identical. Memory: the dataset's references.
 */
final class ReferencesReader {

    private ReferencesReader() {
    }

    static Map<ReferencesKey, ImageReferences> read(Map<String, Object> clientConfig, Topics topics, String dataset) {
        Topic<ReferencesKey, ImageReferences> topic = topics.referencesTopic();
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // In topic order, which is the trainer's publication order: CIDEr-D's n-gram ids (and so the
        // order its sums run in) follow the order the corpus statistics are built in.
        Map<ReferencesKey, ImageReferences> out = new LinkedHashMap<>();
        try (KafkaConsumer<ReferencesKey, ImageReferences> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<ReferencesKey, ImageReferences> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().getDataset().equals(dataset)) {
                        continue;
                    }
                    if (r.value() == null) {
                        out.remove(r.key());
                    } else {
                        out.put(r.key(), r.value());
                    }
                }
            }
        }
        return out;
    }
}
