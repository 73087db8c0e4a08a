package io.scstbus.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.v1.RolloutKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class ImagePartitionerTest {

    private static final String TOPIC = "scst.rollouts";

    private static Cluster cluster(int partitions) {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }

    @Test
    void everyStepAndRunOfAnImageGoesToOnePartition() {
        ImagePartitioner partitioner = new ImagePartitioner();
        Cluster cluster = cluster(12);
        Set<Integer> partitions = new HashSet<>();
        for (String run : List.of("run-a", "run-b")) {
            for (long step = 0; step < 50; step++) {
                RolloutKey key = Keys.rollout(run, step, "airport_1.jpg");
                partitions.add(partitioner.partition(TOPIC, key, key.toByteArray(), null, null, cluster));
            }
        }
        assertEquals(Set.of(ImagePartitioner.partitionOf("airport_1.jpg", 12)), partitions);
    }

    @Test
    void keyBytesAloneGiveTheSamePartition() {
        ImagePartitioner partitioner = new ImagePartitioner();
        RolloutKey key = Keys.rollout("run", 3, "bridge_7.jpg");
        assertEquals(partitioner.partition(TOPIC, key, key.toByteArray(), null, null, cluster(12)),
                partitioner.partition(TOPIC, null, key.toByteArray(), null, null, cluster(12)));
    }

    @Test
    void imagesSpreadOverAllPartitions() {
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            partitions.add(ImagePartitioner.partitionOf("image_" + i + ".jpg", 12));
        }
        assertEquals(12, partitions.size());
        assertTrue(partitions.stream().allMatch(p -> p >= 0 && p < 12));
    }

    @Test
    void aKeyThatIsNotARolloutKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImagePartitioner()
                .partition(TOPIC, null, new byte[] {(byte) 0xff, 0x01}, null, null, cluster(3)));
        assertTrue(e.getMessage().startsWith("ImagePartitioner: the key of a record for scst.rollouts is not a RolloutKey"),
                e.getMessage());
    }
}
