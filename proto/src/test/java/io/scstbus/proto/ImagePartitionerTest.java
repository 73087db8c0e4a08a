package io.scstbus.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.v1.RolloutKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;
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

    /**
     * testdata/partitioning/image-partitions.tsv (written by scripts/image-partitions-fixture.sh from this
     * class) holds murmur2 and the partition of real and non-ASCII image ids for 1, 3, 12 and 64 partitions;
     * the Python client's tests/test_partitioning.py checks its own partitioner against the same rows.
     */
    @Test
    void reproducesEveryRowOfTheCrossLanguageFixture() throws IOException {
        Path fixture = Path.of(System.getProperty("scstbus.testdata", "../testdata"))
                .resolve("partitioning/image-partitions.tsv");
        List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
        assertEquals("image_id\tmurmur2\tpartitions\tpartition", lines.get(0), fixture + ": header");
        Set<Integer> counts = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split("\t", -1);
            assertEquals(4, row.length, fixture + ": " + line);
            String imageId = row[0];
            int partitions = Integer.parseInt(row[2]);
            assertEquals(Integer.parseInt(row[1]), Utils.murmur2(imageId.getBytes(StandardCharsets.UTF_8)),
                    "murmur2 of '" + imageId + "'");
            assertEquals(Integer.parseInt(row[3]), ImagePartitioner.partitionOf(imageId, partitions),
                    "partition of '" + imageId + "' among " + partitions);
            counts.add(partitions);
        }
        assertEquals(Set.of(1, 3, 12, 64), counts);
        assertTrue(lines.size() > 200, fixture + " has " + lines.size() + " lines");
    }

    @Test
    void aKeyThatIsNotARolloutKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImagePartitioner()
                .partition(TOPIC, null, new byte[] {(byte) 0xff, 0x01}, null, null, cluster(3)));
        assertTrue(e.getMessage().startsWith("ImagePartitioner: the key of a record for scst.rollouts is not a RolloutKey"),
                e.getMessage());
    }
}
