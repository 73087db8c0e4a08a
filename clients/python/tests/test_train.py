"""The SCST training program (python3 -m scstbus_client.train, as installed by pip) on the real sample
images (testdata/rsicd/sample_dataset.json over testdata/rsicd/sample_images, plus a broken file and a
missing one), against a real broker (bin/broker) and two real worker groups: cheap (cider_d, length)
and scene-graph (sde, count_abs, count_coverage, oversight, hallucination).

One run of 2 steps with a CE epoch and checkpoints, then its resume for 2 more with max staleness 1;
a run with a signal no group serves; a run whose dataset has no references on the topic."""

import atexit
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from confluent_kafka import Consumer, TopicPartition

import helpers
from javaproc import ROOT, JavaProcess, free_port
from scstbus_client._proto import reward_pb2, rollout_pb2

STARTUP_S = float(os.environ.get("SCSTBUS_TEST_STARTUP_S", "240"))
RUN_TIMEOUT_S = 600
SAMPLES = os.path.join(helpers.TESTDATA, "rsicd", "sample_images")
DATASET_JSON = os.path.join(helpers.TESTDATA, "rsicd", "sample_dataset.json")
COUNTS_JSON = os.path.join(helpers.TESTDATA, "rsicd", "sample_counts.json")
SIGNALS = "cider_d=1,length=0,sde=0.5,count_abs=-0.1,count_coverage=0.25,oversight=-0.05,hallucination=-0.05"
EVAL_SIGNALS = "cider_d,sde,count_abs,count_coverage,oversight,hallucination"
SMALL = ["--image-size", "64", "--hidden", "64", "--max-length", "12", "--threads", "1", "--images-per-step", "3",
         "--samples", "5", "--seed", "3", "--eval-signals", EVAL_SIGNALS]
STEP_LINE = re.compile(r"SCST step (\d+)/(\d+) .*?(?:loss ([-+0-9.e]+|nan)|no usable group).*groups (\d+)/(\d+) "
                       r"\(left out (\d+), missing (\d+)\)")
TRAINING_SUMMARY = os.path.join(ROOT, "trainer", "src", "main", "java", "io", "scstbus", "trainer", "train",
                                "TrainingSummary.java")
VAL_METRICS = os.path.join(os.path.dirname(TRAINING_SUMMARY), "ValMetrics.java")


def json_fields(java_file):
    """The JSON field names a Java record declares with @JsonProperty, in order."""
    with open(java_file, encoding="utf-8") as f:
        return re.findall(r'@JsonProperty\("(\w+)"\)', f.read())


class TrainingProgramTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="scstbus-py-train-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        # the sample images, plus a file named .jpg that is no image (the dataset lists broken_1.jpg)
        cls.images = os.path.join(cls.tmp, "images")
        shutil.copytree(SAMPLES, cls.images)
        with open(os.path.join(cls.images, "broken_1.jpg"), "wb") as f:
            f.write(b"not a JPEG at all")
        port = free_port()
        cls.bootstrap = f"localhost:{port}"
        cls.broker = cls._start("broker", ["broker", "--port", str(port), "--data-dir", os.path.join(cls.tmp, "kafka")])
        cls.broker.wait_for("broker ready on", STARTUP_S)
        workers = [cls._start(f"worker-{group}", [
            "reward-worker", "run", "--bootstrap", cls.bootstrap, "--group", group, "--signals", signals,
            "--worker-id", f"py-train-{group}", "--grpc-port", str(free_port()), "--metrics-port", "-1",
            "--signal-deadline", "PT60S", "--state-dir", os.path.join(cls.tmp, "streams-" + group)] + extra)
            for group, signals, extra in (("cheap", "cider_d,length", ["--answer-unknown"]),
                                          ("scene-graph", "sde,count_abs,count_coverage,oversight,hallucination", []))]
        for w in workers:
            w.wait_for(" running ", STARTUP_S)

        cls.run_id = "py-train-" + uuid.uuid4().hex[:6]
        cls.checkpoints = os.path.join(cls.tmp, "checkpoints")
        cls.out = os.path.join(cls.tmp, "out")
        common = ["--annotations", DATASET_JSON, "--images", cls.images, "--counts", COUNTS_JSON,
                  "--run-id", cls.run_id, "--signals", SIGNALS, "--checkpoint-dir", cls.checkpoints, "--out", cls.out]
        cls.first = cls.train(common + ["--ce-epochs", "1", "--steps", "2", "--checkpoint-every", "1"])
        if cls.first.returncode != 0:
            raise AssertionError(f"the first run failed ({cls.first.returncode}):\n{cls.first.stderr}")
        cls.first_summary = cls.read_json(os.path.join(cls.out, "summary.json"))
        cls.resumed = cls.train(common + ["--resume", "--steps", "4", "--max-staleness", "1", "--baseline", "mean_others"])
        cls.resumed_summary = cls.read_json(os.path.join(cls.out, "summary.json")) if cls.resumed.returncode == 0 else None

    @classmethod
    def _start(cls, name, args):
        proc = JavaProcess(name, args, os.path.join(cls.tmp, name + ".log"))
        # class cleanups run after a failing setUpClass too; atexit covers an interrupted run
        cls.addClassCleanup(proc.stop)
        atexit.register(proc.stop)
        return proc

    @classmethod
    def train(cls, args):
        cmd = [sys.executable, "-m", "scstbus_client.train", "--bootstrap", cls.bootstrap] + SMALL + list(args)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=cls.tmp)

    @staticmethod
    def read_json(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def assertRan(self, result):
        self.assertEqual(0, result.returncode, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")

    def steps(self, result):
        return [m.groups() for m in STEP_LINE.finditer(result.stderr)]

    def topic_records(self, topic, decode):
        """Every record of this class's run on ``topic`` (read_committed, from the beginning)."""
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": f"py-train-{uuid.uuid4().hex}",
                             "enable.auto.commit": False, "isolation.level": "read_committed"})
        try:
            parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            marks = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in parts}
            consumer.assign([TopicPartition(topic, p, low) for p, (low, _) in marks.items()])
            left = {p for p, (low, high) in marks.items() if high > low}
            out, until = [], time.monotonic() + 60
            while left:
                self.assertLess(time.monotonic(), until, f"reading {topic} took over 60 s")
                for m in consumer.consume(500, 1.0):
                    if m.error() is None and m.value() is not None:
                        v = decode(m.value())
                        if v.key.run_id == self.run_id:
                            out.append(v)
                for tp in consumer.position([TopicPartition(topic, p) for p in list(left)]):
                    if tp.offset >= marks[tp.partition][1]:
                        left.discard(tp.partition)
            return out
        finally:
            consumer.close()

    # ---- the first run ------------------------------------------------------------------------

    def test_bad_images_are_named_and_counted(self):
        self.assertRan(self.first)
        self.assertIn("dataset rsicd-samples: 3 train, 1 val, 1 test images; 5 images loaded, 1 missing, "
                      "1 unreadable, 0 without captions", self.first.stderr)
        self.assertIn("image 'missing_1': image file", self.first.stderr)
        self.assertIn("image 'broken_1': image file", self.first.stderr)
        self.assertIn("count dictionaries for 7 images", self.first.stderr)
        self.assertRegex(self.first.stderr, r"resnet18 \((random initialisation|pretrained)")

    def test_every_group_is_joined_or_listed_with_a_reason(self):
        self.assertRan(self.first)
        steps = self.steps(self.first)
        self.assertEqual(["1", "2"], [s[0] for s in steps], self.first.stderr)
        for step, _, _, included, groups, left_out, missing in steps:
            self.assertEqual(int(groups), int(included) + int(left_out) + int(missing), step)
            listed = re.findall(rf"step {step}: {self.run_id}/{step}/\S+ left out: .+", self.first.stderr)
            self.assertEqual(min(3, int(left_out) + int(missing)), len(listed), self.first.stderr)

    def test_loss_is_finite_and_the_parameters_changed(self):
        import torch
        self.assertRan(self.first)
        losses = [float(s[2]) for s in self.steps(self.first) if s[2] is not None]
        self.assertTrue(losses, "no step updated the policy:\n" + self.first.stderr)
        self.assertTrue(all(math.isfinite(x) for x in losses), losses)
        folder = os.path.join(self.checkpoints, self.run_id)
        after_ce = torch.load(os.path.join(folder, "step-000000.pt"))["policy"]["model"]
        after_scst = torch.load(os.path.join(folder, "step-000002.pt"))["policy"]["model"]
        changed = [k for k in after_ce if after_ce[k].is_floating_point() and not torch.equal(after_ce[k], after_scst[k])]
        self.assertIn("out.weight", changed)
        self.assertGreater(len(changed), len(after_ce) // 2)

    def test_summary_has_the_java_trainers_fields_and_the_topics_counts(self):
        self.assertRan(self.first)
        self.assertRan(self.resumed)
        s = self.resumed_summary
        self.assertEqual(json_fields(TRAINING_SUMMARY), list(s))
        self.assertEqual(json_fields(VAL_METRICS), list(s["val_after_ce"]))
        self.assertEqual((self.run_id, 4, 1, 2), (s["run_id"], s["steps"], s["ce_epochs"], s["resumed_from_step"]))
        self.assertEqual(2, self.first_summary["steps"])
        self.assertIsNone(self.first_summary["resumed_from_step"])
        # 4 steps x 3 images, nothing lost or repeated on a healthy bus
        self.assertEqual((12, 0, 0, 0), (s["rollouts_published"], s["groups_rerequested"], s["groups_dropped"],
                                         s["duplicates_dropped"]))
        self.assertEqual(12 * 6 * 7, s["results_expected"])
        self.assertEqual(s["results_expected"], s["results_received"])
        rollouts = self.topic_records("scst.rollouts", rollout_pb2.RolloutGroup.FromString)
        results = self.topic_records("scst.rewards", reward_pb2.RewardResult.FromString)
        self.assertEqual(s["rollouts_published"], len(rollouts))
        self.assertEqual({("GREEDY", 1), ("GREEDY", 2), ("LEAVE_ONE_OUT", 3), ("LEAVE_ONE_OUT", 4)},
                         {(r.reward_spec.baseline, r.key.step) for r in rollouts})
        self.assertEqual(2 * len(rollouts), len(results), "one result per rollout and worker group")
        self.assertEqual(s["results_received"], sum(len(c.scores) for r in results for c in r.candidates))
        self.assertAlmostEqual(s["reward_wait_seconds"] / s["scst_seconds"], s["reward_wait_fraction"], places=9)
        self.assertTrue(0 < s["reward_wait_fraction"] < 1, s)
        for field in ("sample_reward_first", "sample_reward_last", "greedy_reward_first"):
            self.assertTrue(math.isfinite(s[field]), (field, s))
        # val: the evaluated signals the workers serve, 1 val image
        self.assertEqual(1, s["val_after_scst"]["images"])
        for signal in ("cider_d", "sde", "count_abs", "oversight", "hallucination"):
            self.assertIsNotNone(s["val_after_scst"][signal], signal)
        self.assertIsNone(s["val_after_scst"]["bleu_4"], "not evaluated: absent, not 0")
        self.assertIn("count_coverage", s["val_after_scst"]["other"])

    def test_resume_continues_the_run_with_max_staleness_one(self):
        self.assertRan(self.resumed)
        self.assertIn(f"resuming run {self.run_id} from", self.resumed.stderr)
        self.assertEqual(["3", "4"], [st[0] for st in self.steps(self.resumed)], self.resumed.stderr)
        self.assertIn("(resumed after step 2)", self.resumed.stderr)

    def test_results_test_json_is_what_bin_trainer_evaluate_reads(self):
        self.assertRan(self.resumed)
        results = self.read_json(os.path.join(self.out, "results_test.json"))
        self.assertEqual(["sparseresidential_3"], [r["image_id"] for r in results])
        self.assertIsInstance(results[0]["caption"], str)
        evaluate = subprocess.run([os.path.join(ROOT, "bin", "trainer"), "evaluate", "--results",
                                   os.path.join(self.out, "results_test.json"), "--annotations", DATASET_JSON],
                                  capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=ROOT,
                                  env=dict(os.environ, SCSTBUS_JAVA_OPTS="-Xmx256m -XX:TieredStopAtLevel=1"))
        self.assertEqual(0, evaluate.returncode, evaluate.stderr)
        self.assertIn("evaluated 1 images of results_test.json", evaluate.stdout)
        self.assertRegex(evaluate.stdout, r"CIDEr-D: \d+\.\d{3}")

    # ---- bad input ----------------------------------------------------------------------------

    def test_a_signal_no_group_serves_is_named_and_its_groups_dropped(self):
        out = os.path.join(self.tmp, "unserved")
        r = self.train(["--annotations", DATASET_JSON, "--images", self.images, "--counts", COUNTS_JSON, "--steps", "1", "--out", out,
                        "--signals", "cider_d=1,vocab_kl=0", "--reward-deadline", "3", "--max-train-images", "2"])
        self.assertRan(r)
        self.assertIn("signal 'vocab_kl' got no score for 2 of 2 groups after the re-request", r.stderr)
        s = self.read_json(os.path.join(out, "summary.json"))
        self.assertEqual((2, 2, 1, 4), (s["groups_dropped"], s["groups_rerequested"], s["steps_without_update"],
                                        s["rollouts_published"]))
        self.assertIsNone(s["sample_reward_first"], "no usable group: no reward, not 0")

    def test_a_dataset_without_references_on_the_topic_fails_clearly(self):
        r = self.train(["--annotations", DATASET_JSON, "--images", self.images, "--steps", "1",
                        "--skip-references", "--dataset", "never-loaded", "--out", os.path.join(self.tmp, "norefs")])
        self.assertEqual(1, r.returncode, r.stderr)
        self.assertIn("dataset 'never-loaded' has no references on scst.references for its 3 training images", r.stderr)


if __name__ == "__main__":
    unittest.main()
