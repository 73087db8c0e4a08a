"""Advantages: weighted rewards, the two baselines, and groups left out instead of scored as 0."""

import unittest

import helpers  # noqa: F401  (puts the package on sys.path)
from scstbus_client import EmptySamples, RewardClient, compute_advantages, empty_sample_indices, model
from scstbus_client.model import CandidateRewards, GroupRewards, RolloutKey, Score, StepRewards


def cand(index, greedy=False, **values):
    """values: signal=value or signal=(value, status, reason)."""
    scores = {}
    for signal, v in values.items():
        value, status, reason = v if isinstance(v, tuple) else (v, model.OK, "")
        scores[signal] = Score(signal, value, status, reason)
    return CandidateRewards(index, greedy, scores)


def grp(image, samples, greedy=None):
    return GroupRewards(RolloutKey("run", 1, image), samples, greedy)


W = {"cider_d": 1.0, "length": 0.5, "sde": 0.0}


class AdvantagesTest(unittest.TestCase):

    def setUp(self):
        self.g = grp("a", [cand(0, cider_d=1.0, length=2.0, sde=0.1),
                           cand(1, cider_d=0.5, length=4.0, sde=0.2),
                           cand(2, cider_d=0.0, length=6.0, sde=0.3)],
                     cand(3, True, cider_d=0.8, length=4.0, sde=0.9))

    def test_greedy_baseline_is_scst(self):
        adv = compute_advantages([self.g], W, "greedy")
        a = adv.images[0]
        self.assertEqual([2.0, 2.5, 3.0], a.rewards)  # cider_d + 0.5 * length; sde weighs 0
        self.assertEqual(2.8, a.greedy_reward)
        self.assertEqual([2.8] * 3, a.baseline)
        for got, want in zip(a.advantages, [-0.8, -0.3, 0.2]):
            self.assertAlmostEqual(want, got)
        self.assertEqual([], adv.left_out)
        self.assertEqual({"a": a.advantages}, adv.by_image())

    def test_mean_of_the_other_samples_is_new_scst(self):
        a = compute_advantages([self.g], W, "mean_others").images[0]
        self.assertEqual([2.75, 2.5, 2.25], a.baseline)
        for got, want in zip(a.advantages, [-0.75, 0.0, 0.75]):
            self.assertAlmostEqual(want, got)
        self.assertAlmostEqual(0.0, sum(a.advantages))
        self.assertEqual(a.advantages, compute_advantages([self.g], W, "loo").images[0].advantages)

    def test_non_ok_weighted_score_leaves_the_group_out_never_zero(self):
        bad = grp("b", [cand(0, cider_d=1.0, length=2.0), cand(1, cider_d=(0.0, model.TIMEOUT, "past 2 s"), length=3.0)],
                  cand(2, True, cider_d=0.5, length=1.0))
        for baseline in ("greedy", "mean_others"):
            adv = compute_advantages([self.g, bad], W, baseline)
            self.assertEqual(["a"], [i.key.image_id for i in adv.images])
            self.assertEqual(1, len(adv.left_out))
            self.assertEqual(RolloutKey("run", 1, "b"), adv.left_out[0].key)
            self.assertIn("sample 1: cider_d is TIMEOUT (past 2 s)", adv.left_out[0].reason)

    def test_non_ok_score_of_an_unweighted_signal_does_not_matter(self):
        g = grp("c", [cand(0, cider_d=1.0, length=1.0, sde=(0.0, model.ERROR, "boom")),
                      cand(1, cider_d=2.0, length=1.0, sde=0.5)], cand(2, True, cider_d=1.0, length=1.0))
        self.assertEqual([0.0, 1.0], compute_advantages([g], W, "greedy").images[0].advantages)

    def test_greedy_not_ok_leaves_the_group_out_under_both_baselines_as_the_java_trainer_does(self):
        g = grp("d", [cand(0, cider_d=1.0, length=0.0), cand(1, cider_d=3.0, length=0.0)],
                cand(2, True, cider_d=(0.0, model.INVALID, "no references"), length=0.0))
        for baseline in ("greedy", "mean_others"):
            adv = compute_advantages([g], W, baseline)
            self.assertEqual([], adv.images)
            self.assertIn("greedy caption: cider_d is INVALID (no references)", adv.left_out[0].reason)

    def empty_group(self):
        # sample 1 is empty: the worker answered INVALID on every signal
        invalid = (0.0, model.INVALID, "caption is empty")
        return grp("e", [cand(0, cider_d=1.0, length=2.0), cand(1, cider_d=invalid, length=invalid),
                         cand(2, cider_d=0.5, length=1.0)], cand(3, True, cider_d=0.25, length=2.0))

    def test_an_empty_sample_gets_the_floor_instead_of_leaving_its_group_out(self):
        g = self.empty_group()
        # rewards: 2.0, empty, 1.0; greedy 1.25; floor = lowest of the rest (1.0) - margin 1.0
        adv = compute_advantages([g], W, "greedy", empty={g.key: {1}})
        self.assertEqual([2.0, 0.0, 1.0], adv.images[0].rewards)
        self.assertEqual([0.75, -1.25, -0.25], adv.images[0].advantages)
        self.assertEqual([], adv.left_out)

    def test_the_floor_counts_the_greedy_caption_and_takes_the_margin_or_a_fixed_reward(self):
        g = self.empty_group()
        g = grp("e", g.samples, cand(3, True, cider_d=0.25, length=0.0))  # greedy 0.25, the group's lowest
        self.assertEqual(0.25 - 0.5, compute_advantages([g], W, "mean_others", empty={g.key: {1}},
                                                        empty_samples=EmptySamples(0.5)).images[0].rewards[1])
        self.assertEqual(-3.0, compute_advantages([g], W, "greedy", empty={g.key: {1}},
                                                  empty_samples=EmptySamples(1.0, -3.0)).images[0].rewards[1])
        with self.assertRaises(ValueError):
            EmptySamples(-1.0)

    def test_without_being_told_it_is_empty_the_invalid_sample_leaves_its_group_out(self):
        adv = compute_advantages([self.empty_group()], W, "greedy")
        self.assertEqual([], adv.images)
        self.assertIn("sample 1: cider_d is INVALID (caption is empty)", adv.left_out[0].reason)

    def test_empty_sample_indices_are_the_whitespace_only_samples_per_key(self):
        keys = [RolloutKey("run", 1, "a"), RolloutKey("run", 1, "b")]
        groups = [model.Rollout("a", "ds", ["two planes", " \t", model.Caption("", 0)]),
                  model.Rollout("b", "ds", ["a river"])]
        self.assertEqual({keys[0]: {1, 2}}, empty_sample_indices(keys, groups))

    def test_missing_weighted_signal_and_non_finite_values_are_reported(self):
        g1 = grp("e", [cand(0, cider_d=1.0), cand(1, cider_d=1.0)], cand(2, True, cider_d=1.0))
        g2 = grp("f", [cand(0, cider_d=float("nan"), length=1.0), cand(1, cider_d=1.0, length=1.0)],
                 cand(2, True, cider_d=1.0, length=1.0))
        adv = compute_advantages([g1, g2], W)
        self.assertEqual([], adv.images)
        self.assertIn("no score for weighted signal 'length'", adv.left_out[0].reason)
        self.assertIn("not a finite number", adv.left_out[1].reason)

    def test_baseline_preconditions(self):
        no_greedy = grp("g", [cand(0, cider_d=1.0, length=1.0), cand(1, cider_d=1.0, length=1.0)])
        single = grp("h", [cand(0, cider_d=1.0, length=1.0)], cand(1, True, cider_d=1.0, length=1.0))
        self.assertIn("no greedy caption", compute_advantages([no_greedy], W, "greedy").left_out[0].reason)
        self.assertEqual([0.0, 0.0], compute_advantages([no_greedy], W, "mean_others").images[0].advantages)
        self.assertIn("at least 2", compute_advantages([single], W, "mean_others").left_out[0].reason)
        with self.assertRaises(ValueError):
            compute_advantages([self.g], W, "median")
        with self.assertRaises(ValueError):
            compute_advantages([self.g], {"cider_d": 0.0})

    def test_baselines_have_the_java_trainers_names_on_the_wire(self):
        # trainer/.../scst/BaselineKind: what RewardSpec.baseline carries for replay
        from scstbus_client.advantages import WIRE_NAMES, baseline_name
        self.assertEqual({"greedy": "GREEDY", "mean_others": "LEAVE_ONE_OUT"}, WIRE_NAMES)
        self.assertEqual("mean_others", baseline_name("leave_one_out"))
        with self.assertRaises(ValueError):
            baseline_name("median")

    def test_groups_dropped_by_the_join_are_reported(self):
        dropped = RolloutKey("run", 1, "z")
        step = StepRewards(1, {self.g.key: self.g}, [dropped], model.JoinStats())
        adv = compute_advantages(step, W)
        self.assertEqual(["a"], [i.key.image_id for i in adv.images])
        self.assertEqual([dropped], [o.key for o in adv.left_out])
        self.assertIn("dropped by the join", adv.left_out[0].reason)


class ClientArgumentsTest(unittest.TestCase):
    """Checked before any connection is made."""

    def test_bad_arguments_are_refused_with_a_clear_message(self):
        cases = [
            dict(signals=[]),
            dict(signals="length"),
            dict(signals=["length", "length"]),
            dict(signals=["length"], weights={"cider_d": 1.0}),
            dict(signals=["length"], weights={"length": float("inf")}),
            dict(signals=["length"], deadline_s=0),
            dict(signals=["length"], baseline="median"),
        ]
        for kwargs in cases:
            with self.subTest(kwargs=kwargs), self.assertRaises((ValueError, TypeError)):
                RewardClient("localhost:1", "run", **kwargs)


if __name__ == "__main__":
    unittest.main()
