"""The Python client against a real broker (bin/broker) and a real Java reward worker
(bin/reward-worker run --signals length): references and rollouts published from Python, results
joined in Python, and every joined score checked against what the Java side computes for the same
rollout bytes, through the same worker's gRPC RewardService (the RolloutScorer the Kafka topology
runs). Signal-agnostic: only the independent sanity check (ptb_token_count) knows what ``length``
means."""

import atexit
import dataclasses
import os
import shutil
import tempfile
import time
import unittest
import uuid

import grpc
from confluent_kafka import Consumer, TopicPartition

import helpers  # noqa: F401  (puts the package on sys.path)
from javaproc import JavaProcess, free_port
from scstbus_client import Caption, References, RewardClient, Rollout, compute_advantages, empty_sample_indices, wire
from scstbus_client._proto import reward_pb2, rollout_pb2, services_pb2
from scstbus_client.partitioning import partition_of

DATASET = "py-it"
REFS = {
    "img0": References(DATASET, "img0", ["two planes are parked near a building ."], {"plane": 2}, "train"),
    "img1": References(DATASET, "img1", ["a river runs through a green forest ."], {"river": 1}, "train"),
    "img2": References(DATASET, "img2", ["many storage tanks beside a road ."], {"storage tank": 6}, "train"),
}
LONG = " ".join(["word"] * 201)  # past the worker's default limit of 200 words: INVALID, not truncated
ROLLOUTS = [
    Rollout("img0", DATASET, [Caption("two planes are parked near a building .", 8), "a plane",
                              "  many   planes\tnear\nthe  terminal  "], Caption("two planes near a building .", 6)),
    Rollout("img1", DATASET, ["", "river", "a green river runs through the forest ."], "a river ."),
    Rollout("img2", DATASET, ["tanks", LONG, "storage tanks near a road"], "storage tanks ."),
    Rollout("img-without-refs", DATASET, ["a plane", "two planes"], "a plane ."),
]
STARTUP_S = float(os.environ.get("SCSTBUS_TEST_STARTUP_S", "240"))

# pycocoevalcap's punctuation tokens (PtbTokenizer.PUNCTUATION in reward-workers), dropped after tokenising.
PTB_PUNCTUATION = {"''", "'", "``", "`", ".", "?", "!", ",", ":", "-", "--", "...", ";"}


def ptb_token_count(text):
    """The ``length`` signal's rule (PTB tokens, lower-cased, punctuation tokens dropped) restated for
    the captions of this test, independently of Java: they put punctuation apart by spaces and have
    no clitics, brackets or hyphens, so PTB tokenisation is splitting on whitespace. Refuses others."""
    words = text.lower().split()
    for w in words:
        if w not in PTB_PUNCTUATION and not w.isalnum():
            raise ValueError(f"ptb_token_count cannot restate PTB tokenisation of {w!r}: keep test captions simple")
    return len([w for w in words if w not in PTB_PUNCTUATION])



class PythonClientAgainstJavaWorkerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="scstbus-py-it-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        port, cls.grpc_port = free_port(), free_port()
        cls.bootstrap = f"localhost:{port}"
        cls.broker = JavaProcess("broker", ["broker", "--port", str(port), "--data-dir", os.path.join(cls.tmp, "kafka")],
                                 os.path.join(cls.tmp, "broker.log"))
        cls._stop_on_exit(cls.broker)
        cls.broker.wait_for("broker ready on", STARTUP_S)
        # References first, as a trainer does at start; the worker restores them when it starts.
        with RewardClient(cls.bootstrap, "refs-loader", ["length"]) as c:
            cls.first_load = c.load_references(REFS.values())
            cls.second_load = c.load_references(REFS.values())
        cls.worker = JavaProcess("worker", [
            "reward-worker", "run", "--bootstrap", cls.bootstrap, "--signals", "length", "--group", "cheap",
            "--worker-id", "py-it-w1", "--grpc-port", str(cls.grpc_port), "--metrics-port", "-1",
            "--state-dir", os.path.join(cls.tmp, "streams")], os.path.join(cls.tmp, "worker.log"))
        cls._stop_on_exit(cls.worker)
        cls.worker.wait_for(" running ", STARTUP_S)
        cls.channel = grpc.insecure_channel(f"localhost:{cls.grpc_port}")
        cls.addClassCleanup(cls.channel.close)

    @classmethod
    def _stop_on_exit(cls, proc):
        # class cleanups run after a failing setUpClass too; atexit covers an interrupted run
        cls.addClassCleanup(proc.stop)
        atexit.register(proc.stop)

    def client(self, run_id, signals=("length",), **kwargs):
        c = RewardClient(self.bootstrap, f"{run_id}-{uuid.uuid4().hex[:6]}", list(signals), **kwargs)
        self.addCleanup(c.close)
        return c

    # ---- helpers ----------------------------------------------------------------------------

    def read_topic(self, topic, run_id, decode, count, timeout_s=30.0):
        """(partition, key bytes, message) of every record of ``run_id`` on ``topic``, read from the
        beginning (read_committed) until ``count`` are there and the topic has been quiet 1 s."""
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": f"py-it-{uuid.uuid4().hex}",
                             "enable.auto.commit": False, "isolation.level": "read_committed"})
        try:
            parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            consumer.assign([TopicPartition(topic, p, 0) for p in parts])
            out, quiet_since, until = [], time.monotonic(), time.monotonic() + timeout_s
            while time.monotonic() < until:
                msgs = consumer.consume(500, 0.2)
                for m in msgs:
                    if m.error() is None and m.value() is not None:
                        v = decode(m.value())
                        if v.key.run_id == run_id:
                            out.append((m.partition(), m.key(), v))
                if msgs:
                    quiet_since = time.monotonic()
                elif len(out) >= count and time.monotonic() - quiet_since > 1.0:
                    break
            return out
        finally:
            consumer.close()

    def partition_count(self, topic):
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": f"py-it-{uuid.uuid4().hex}"})
        try:
            return len(consumer.list_topics(topic, timeout=10).topics[topic].partitions)
        finally:
            consumer.close()

    def score_via_grpc(self, rollout):
        call = self.channel.unary_unary("/scstbus.v1.RewardService/Score",
                                        request_serializer=services_pb2.ScoreRequest.SerializeToString,
                                        response_deserializer=reward_pb2.RewardResult.FromString)
        return call(services_pb2.ScoreRequest(rollout=rollout), timeout=30)

    # ---- tests ------------------------------------------------------------------------------

    def test_worker_is_serving_on_grpc_health(self):
        check = self.channel.unary_unary("/grpc.health.v1.Health/Check",
                                         request_serializer=lambda b: b, response_deserializer=lambda b: b)
        self.assertEqual(b"\x08\x01", check(b"", timeout=10))  # HealthCheckResponse{status: SERVING}

    def test_references_load_is_idempotent(self):
        self.assertEqual((3, 3, 0), (self.first_load.offered, self.first_load.written, self.first_load.unchanged))
        self.assertEqual((3, 0, 3), (self.second_load.offered, self.second_load.written, self.second_load.unchanged))
        c = self.client("refs")
        c.publish_references(DATASET, "img-extra", ["a ship ."], {"ship": 1})
        present = c.read_references()
        self.assertEqual(["a ship ."], list(present[(DATASET, "img-extra")].captions))
        self.assertEqual(wire.image_references(REFS["img1"]), present[(DATASET, "img1")])

    def test_joined_scores_equal_what_the_java_worker_computes(self):
        c = self.client("py-it-join", weights={"length": 1.0}, deadline_s=60)
        keys = c.publish(1, ROLLOUTS)
        step = c.collect(1)

        self.assertEqual(keys, list(step.complete))
        self.assertEqual([], step.dropped)
        st = step.stats
        self.assertEqual((4, 15, 15, 0, 0, 0, 0),  # 3 groups of 3 + greedy, one of 2 + greedy
                         (st.rollouts_published, st.scores_expected, st.scores_received, st.duplicates_dropped,
                          st.late_dropped, st.groups_rerequested, st.groups_dropped))

        # The rollouts exactly as Python put them on the topic, and the worker's results.
        rollouts = self.read_topic(c.topics.rollouts, c.run_id, rollout_pb2.RolloutGroup.FromString, 4)
        results = self.read_topic(c.topics.rewards, c.run_id, reward_pb2.RewardResult.FromString, 4)
        self.assertEqual(4, len(rollouts))
        # the client's baseline and no normalisation, under the Java trainer's names
        self.assertEqual({("GREEDY", "NONE")}, {(r.reward_spec.baseline, r.reward_spec.normalization)
                                                 for _, _, r in rollouts})
        # 1-based publication order, as the Java trainer records it for replay
        self.assertEqual([("img0", 1), ("img1", 2), ("img2", 3), ("img-without-refs", 4)],
                         sorted(((r.key.image_id, r.position) for _, _, r in rollouts), key=lambda t: t[1]))
        self.assertEqual(4, len(results), "one result per rollout group on the topic")
        rollout_keys = {key for _, key, _ in rollouts}
        for _, key, result in results:
            # the worker keys its result with the rollout's key: Python wrote the bytes the Java serde writes
            self.assertIn(key, rollout_keys)
            self.assertEqual(wire.key_bytes(result.key), key)
            self.assertEqual(("cheap", "py-it-w1", 0), (result.worker_group, result.worker_id, result.attempt))

        # Every joined score equals the Java scorer's for the same rollout (latency aside).
        for _, _, rollout in rollouts:
            java = self.score_via_grpc(rollout)
            joined = step.complete[wire.key_of(rollout.key)]
            by_slot = {(c.sample_index, c.greedy): c for c in joined.samples + [joined.greedy]}
            self.assertEqual(len(by_slot), len(java.candidates))
            for cand in java.candidates:
                mine = by_slot[(cand.sample_index, cand.greedy)].scores
                self.assertEqual(sorted(mine), sorted(s.signal for s in cand.scores))
                for s in cand.scores:
                    self.assertEqual(dataclasses.replace(wire.score(s), latency_ms=0.0),
                                     dataclasses.replace(mine[s.signal], latency_ms=0.0))

        # Independent of Java: length = PTB tokens without punctuation ("building ." is 1 token, not 2),
        # INVALID past limits (counted in whitespace words) or without references.
        for r in ROLLOUTS[:3]:
            g = step.complete[keys[ROLLOUTS.index(r)]]
            for cand, text in zip(g.samples + [g.greedy], list(r.samples) + [r.greedy]):
                text = text.text if isinstance(text, Caption) else text
                s = cand.scores["length"]
                if text is LONG:
                    self.assertEqual(("INVALID", "caption has 201 words, limit is 200"), (s.status, s.reason))
                elif not text.strip():
                    self.assertEqual(("INVALID", "caption is empty"), (s.status, s.reason))
                else:
                    self.assertEqual(("OK", float(ptb_token_count(text))), (s.status, s.value), repr(text))
        for cand in step.complete[keys[3]].samples:
            self.assertEqual("INVALID", cand.scores["length"].status)
            self.assertIn("no references", cand.scores["length"].reason)

        adv = c.advantages(step, baseline="greedy")
        # img0: samples 7, 2, 5 tokens, greedy 5 ("." is not a token); img1's empty sample is INVALID
        self.assertEqual({"img0": [7 - 5.0, 2 - 5.0, 5 - 5.0]}, adv.by_image())
        self.assertEqual(["img1", "img2", "img-without-refs"], [o.key.image_id for o in adv.left_out])
        self.assertIn("sample 0: length is INVALID (caption is empty", adv.left_out[0].reason)
        self.assertIn("sample 1: length is INVALID (caption has 201 words", adv.left_out[1].reason)
        self.assertIn("no references", adv.left_out[2].reason)
        self.assertEqual([7 - 3.5, 2 - 6.0, 5 - 4.5], compute_advantages(step, c.weights, "mean_others").by_image()["img0"])
        # told which samples are empty, img1 keeps its group: its empty sample gets the floor, the lowest
        # reward of the rest of the group ("river", 1 token) minus 1; the greedy "a river ." has 2 tokens
        floored = c.advantages(step, baseline="greedy", empty=empty_sample_indices(keys, ROLLOUTS))
        self.assertEqual([0 - 2.0, 1 - 2.0, 7 - 2.0], floored.by_image()["img1"])

    def test_signal_nobody_serves_is_rerequested_once_then_dropped(self):
        c = self.client("py-it-unserved", signals=("length", "sde"), deadline_s=4)
        keys = c.publish(1, ROLLOUTS[:2])
        step = c.collect(1)

        self.assertEqual({}, step.complete)
        self.assertEqual(keys, step.dropped)
        st = step.stats
        self.assertEqual((4, 2, 2), (st.rollouts_published, st.groups_rerequested, st.groups_dropped))
        self.assertEqual((16, 8), (st.scores_expected, st.scores_received))  # length of attempt 0 only
        self.assertEqual(2, st.duplicates_dropped, "attempt 1 brought the same length scores again")
        self.assertGreaterEqual(st.wait_seconds, 8.0)
        rollouts = self.read_topic(c.topics.rollouts, c.run_id, rollout_pb2.RolloutGroup.FromString, 4)
        self.assertEqual([("img0", 0, 1), ("img0", 1, 1), ("img1", 0, 2), ("img1", 1, 2)],  # a re-request keeps its place
                         sorted((r.key.image_id, r.attempt, r.position) for _, _, r in rollouts))
        adv = c.advantages(step)
        self.assertEqual([], adv.images)
        self.assertEqual(keys, [o.key for o in adv.left_out])

    def test_every_step_of_an_image_lands_on_the_partition_java_picks_for_it(self):
        c = self.client("py-it-partitions")
        for step in range(1, 7):
            c.publish(step, ROLLOUTS[:3])  # not collected: only where the rollouts land matters here
        rollouts = self.read_topic(c.topics.rollouts, c.run_id, rollout_pb2.RolloutGroup.FromString, 18)
        self.assertEqual(18, len(rollouts))
        partitions = self.partition_count(c.topics.rollouts)
        self.assertGreater(partitions, 1)
        landed = {}
        for partition, _, r in rollouts:
            landed.setdefault(r.key.image_id, set()).add(partition)
        # ImagePartitioner.partitionOf's partition, which the fixture pins for both languages
        self.assertEqual({image: {partition_of(image, partitions)} for image in ("img0", "img1", "img2")}, landed)

    def test_pipelined_steps_are_joined_each_with_its_own_results(self):
        c = self.client("py-it-pipeline", deadline_s=60)
        c.publish(1, ROLLOUTS[:2])
        c.publish(2, ROLLOUTS[1:3])
        with self.assertRaises(ValueError):
            c.publish(2, ROLLOUTS[2:3])  # one group per image and step
        two = c.collect(2)
        one = c.collect(1)
        for step, images in ((one, ["img0", "img1"]), (two, ["img1", "img2"])):
            self.assertEqual(images, [k.image_id for k in step.complete])
            self.assertEqual((0, 0, 0), (step.stats.late_dropped, step.stats.duplicates_dropped,
                                         step.stats.groups_rerequested))
        self.assertEqual(one.complete[keys_of(one)[1]].samples[2].scores["length"].value,
                         two.complete[keys_of(two)[0]].samples[2].scores["length"].value)
        self.assertEqual(8 + 8, c.total_stats.scores_received)
        with self.assertRaises(ValueError):
            c.collect(1)


def keys_of(step):
    return list(step.complete)


if __name__ == "__main__":
    unittest.main()
