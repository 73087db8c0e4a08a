package io.scstbus.trainer.bus;

import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What the bus topics hold, read_committed, for tests that count records (lost or duplicated). */
public final class BusTopicReader {

    private BusTopicReader() {
    }

    /** Every committed record of the topic, from the beginning to the end offsets at the start of the read. */
    public static <K, V> void readAll(Map<String, Object> client, Topic<K, V> topic, Consumer<ConsumerRecord<K, V>> each) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Results per rollout key, counting the results of each worker id into {@code byWorker}. */
    public static Map<RolloutKey, Integer> countByKey(Map<String, Object> client, Topics topics, Map<String, Integer> byWorker) {
        Map<RolloutKey, Integer> counts = new HashMap<>();
        readAll(client, topics.rewardTopic(), r -> {
            counts.merge(r.key(), 1, Integer::sum);
            byWorker.merge(r.value().getWorkerId(), 1, Integer::sum);
        });
        return counts;
    }
}
