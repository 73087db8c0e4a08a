"""The Python client puts an image's rollouts on the partition the Java side's ImagePartitioner picks:
both reproduce testdata/partitioning/image-partitions.tsv, which scripts/image-partitions-fixture.sh
wrote from the Java function (ImagePartitionerTest checks the Java side against the same rows)."""

import csv
import os
import unittest

import helpers
from javaproc import free_port
from scstbus_client import RewardClient
from scstbus_client.partitioning import murmur2, partition_of

FIXTURE = os.path.join(helpers.TESTDATA, "partitioning", "image-partitions.tsv")


def fixture_rows():
    with open(FIXTURE, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != ["image_id", "murmur2", "partitions", "partition"]:
            raise ValueError(f"{FIXTURE}: unexpected header {header}")
        return [(image_id, int(h), int(n), int(p)) for image_id, h, n, p in reader]


class ImagePartitionsTest(unittest.TestCase):

    def test_murmur2_and_partition_equal_javas_for_every_fixture_row(self):
        rows = fixture_rows()
        self.assertEqual({1, 3, 12, 64}, {n for _, _, n, _ in rows})
        self.assertTrue(any(not image_id.isascii() for image_id, _, _, _ in rows), "non-ASCII ids are covered")
        for image_id, java_murmur2, partitions, java_partition in rows:
            with self.subTest(image_id=image_id, partitions=partitions):
                self.assertEqual(java_murmur2, murmur2(image_id.encode("utf-8")))
                self.assertEqual(java_partition, partition_of(image_id, partitions))

    def test_a_partition_count_below_one_is_refused(self):
        with self.assertRaisesRegex(ValueError, "at least one partition, got 0"):
            partition_of("airport_1", 0)

    def test_a_client_that_cannot_read_the_rollout_partitions_names_the_topic(self):
        # nothing listens on the port: the metadata request fails, the client must not guess a count
        with self.assertRaisesRegex(RuntimeError, "partitions of topic py-part.scst.rollouts"):
            RewardClient(f"localhost:{free_port()}", "no-broker", ["length"], topic_prefix="py-part.",
                         kafka_config={"log_level": 0}, metadata_timeout_s=2)


if __name__ == "__main__":
    unittest.main()
