"""The Python client's advantages equal the Java trainer's to 1e-12 for the same scores: both read
testdata/cross-check/advantages.json, which the Java AdvantagesCrossCheckTest writes and checks."""

import json
import os
import unittest

import helpers
from scstbus_client import compute_advantages
from scstbus_client.model import CandidateRewards, GroupRewards, JoinStats, RolloutKey, Score, StepRewards

FIXTURE = os.path.join(helpers.TESTDATA, "cross-check", "advantages.json")
# the Java trainer's BaselineKind names, as RewardSpec.baseline carries them
BASELINES = {"GREEDY": "greedy", "LEAVE_ONE_OUT": "mean_others"}


def candidate(index, greedy, scores):
    return CandidateRewards(index, greedy, {s: Score(s, v[0], v[1], v[2]) for s, v in scores.items()})


def step_rewards(case):
    complete = {}
    for g in case["groups"]:
        key = RolloutKey("cross-check", 1, g["image_id"])
        samples = [candidate(i, False, s) for i, s in enumerate(g["samples"])]
        complete[key] = GroupRewards(key, samples, candidate(len(samples), True, g["greedy"]))
    dropped = [RolloutKey("cross-check", 1, image) for image in case["dropped"]]
    return StepRewards(1, complete, dropped, JoinStats())


class CrossCheckTest(unittest.TestCase):

    def test_advantages_equal_the_java_trainers(self):
        with open(FIXTURE, encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertEqual({"greedy", "mean_others"}, {BASELINES[c["baseline"]] for c in cases})
        for case in cases:
            with self.subTest(case["name"]):
                empty = {RolloutKey("cross-check", 1, g["image_id"]): set(g["empty"]) for g in case["groups"] if g.get("empty")}
                self.assertTrue(empty, "the fixture has a group with an empty sample")
                adv = compute_advantages(step_rewards(case), case["weights"], BASELINES[case["baseline"]], empty)
                want = case["expected"]
                self.assertEqual(sorted(want["left_out"]), sorted(o.key.image_id for o in adv.left_out))
                self.assertEqual([i["image_id"] for i in want["images"]], [i.key.image_id for i in adv.images])
                for w, got in zip(want["images"], adv.images):
                    for field in ("rewards", "advantages"):
                        self.assertEqual(len(w[field]), len(getattr(got, field)))
                        for a, b in zip(w[field], getattr(got, field)):
                            self.assertAlmostEqual(a, b, delta=1e-12, msg=f"{w['image_id']} {field}")
                    if BASELINES[case["baseline"]] == "greedy":
                        self.assertAlmostEqual(w["greedy_reward"], got.greedy_reward, delta=1e-12)


if __name__ == "__main__":
    unittest.main()
