package io.scstbus.proto;

import io.scstbus.proto.v1.RolloutKey;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Rollout producer partitioner that keeps every rollout of one image on one partition: murmur2 of the image
 * id, as Kafka's default partitioner does for the whole key. Kafka's default hashes the whole key (run,
 * step, image), so one image's groups land on every partition over the steps, and each worker instance's
 * per-image caches (reference tokens, reference scene graphs) must hold every image and warm up once per
 * instance; with this partitioner an image always reaches the instance that owns its partition, which
 * caches only its share. Set it on a trainer's rollout producer with {@code partitioner.class}; results
 * are read from every partition, so producers with and without it can share a bus.
 */
public final class ImagePartitioner implements Partitioner {

    /** The partition of {@code imageId}'s rollouts among {@code partitions}. */
    public static int partitionOf(String imageId, int partitions) {
        return Utils.toPositive(Utils.murmur2(imageId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (key instanceof RolloutKey rollout) {
            return partitionOf(rollout.getImageId(), partitions);
        }
        if (keyBytes == null) {
            throw new IllegalArgumentException("ImagePartitioner: a record for " + topic + " has no key; rollout "
                    + "records are keyed by RolloutKey");
        }
        try {
            return partitionOf(RolloutKey.parseFrom(keyBytes).getImageId(), partitions);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("ImagePartitioner: the key of a record for " + topic
                    + " is not a RolloutKey: " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
