"""The join rules of trainer/src/main/java/io/scstbus/trainer/bus/RewardJoiner.java, case by case."""

import unittest

from helpers import group, result, score
from scstbus_client import Offer, RewardJoiner, Topics, model, wire
from scstbus_client._proto import reward_pb2


class RewardJoinerTest(unittest.TestCase):

    def test_group_is_complete_when_every_candidate_has_every_requested_signal(self):
        g = group(k=3, signals=("length", "cider_d"))
        j = RewardJoiner()
        j.expect(g)
        key = wire.key_of(g.key)
        self.assertEqual(8, j.scores_expected)  # (3 samples + greedy) x 2 signals
        self.assertEqual(Offer.ACCEPTED, j.offer(result(g, signals=("length",), worker_group="cheap")))
        self.assertFalse(j.is_complete(key))
        self.assertEqual([g], j.incomplete())
        self.assertEqual({}, j.complete())
        # the second signal comes from another worker group, as a partial result
        self.assertEqual(Offer.ACCEPTED, j.offer(result(g, signals=("cider_d",), worker_group="graph")))
        self.assertTrue(j.is_complete(key))
        self.assertTrue(j.all_complete())
        self.assertEqual(8, j.scores_received)
        self.assertEqual(0, j.duplicates)
        rewards = j.complete()[key]
        self.assertEqual(model.RolloutKey("run", 1, "img0"), rewards.key)
        self.assertEqual([0, 1, 2], [c.sample_index for c in rewards.samples])
        self.assertTrue(rewards.greedy.greedy)
        self.assertEqual(3, rewards.greedy.sample_index)
        self.assertEqual(2.0, rewards.samples[2].scores["length"].value)
        self.assertEqual("OK", rewards.samples[2].scores["cider_d"].status)
        self.assertEqual("cider_d/1", rewards.samples[2].scores["cider_d"].scorer_version)

    def test_a_score_of_any_status_completes_its_slot(self):
        g = group(k=2)
        j = RewardJoiner()
        j.expect(g)
        j.offer(result(g, status=reward_pb2.INVALID))
        self.assertTrue(j.all_complete())
        self.assertEqual("INVALID", j.complete()[wire.key_of(g.key)].samples[0].scores["length"].status)

    def test_first_score_wins_and_a_repeated_result_is_one_duplicate(self):
        g = group(k=2)
        j = RewardJoiner()
        j.expect(g)
        self.assertEqual(Offer.ACCEPTED, j.offer(result(g, value=lambda i, gr, s: 1.0)))
        self.assertEqual(Offer.DUPLICATE, j.offer(result(g, value=lambda i, gr, s: 9.0)))
        self.assertEqual(Offer.DUPLICATE, j.offer(result(g, value=lambda i, gr, s: 7.0)))
        self.assertEqual(2, j.duplicates)
        self.assertEqual(3, j.scores_received)
        rewards = j.complete()[wire.key_of(g.key)]
        self.assertEqual(1.0, rewards.samples[0].scores["length"].value)
        self.assertEqual(1.0, rewards.greedy.scores["length"].value)

    def test_result_with_some_new_scores_is_accepted_not_a_duplicate(self):
        g = group(k=2)
        j = RewardJoiner()
        j.expect(g)
        j.offer(result(g, candidates=[(0, False)]))
        self.assertEqual(Offer.ACCEPTED, j.offer(result(g)))  # sample 0 again, sample 1 and greedy new
        self.assertEqual(0, j.duplicates)
        self.assertEqual(3, j.scores_received)
        self.assertTrue(j.all_complete())

    def test_results_for_keys_not_expected_are_counted_and_change_nothing(self):
        g = group(image="img0")
        other = group(image="img9")
        late = group(step=0, image="img0")
        j = RewardJoiner()
        j.expect(g)
        self.assertEqual(Offer.UNEXPECTED, j.offer(result(other)))
        self.assertEqual(Offer.UNEXPECTED, j.offer(result(late)))
        self.assertEqual(2, j.unexpected)
        self.assertEqual(0, j.scores_received)
        self.assertFalse(j.all_complete())

    def test_signals_not_requested_are_ignored(self):
        g = group(k=2, signals=("length",))
        j = RewardJoiner()
        j.expect(g)
        self.assertEqual(Offer.ACCEPTED, j.offer(result(g, signals=("sde", "bleu_4"))))
        self.assertEqual(0, j.scores_received)
        self.assertFalse(j.all_complete())
        j.offer(result(g, signals=("length", "sde")))
        self.assertTrue(j.all_complete())
        scores = j.complete()[wire.key_of(g.key)].samples[1].scores
        self.assertEqual(["length"], list(scores))

    def test_candidates_the_group_does_not_have_are_ignored(self):
        g = group(k=2)
        j = RewardJoiner()
        j.expect(g)
        # sample 7 does not exist; sample 2 is the greedy's index but not greedy
        j.offer(result(g, candidates=[(7, False), (2, False), (0, True)]))
        self.assertEqual(0, j.scores_received)
        self.assertFalse(j.all_complete())

    def test_greedy_and_sample_slots_are_distinct(self):
        g = group(k=2)
        j = RewardJoiner()
        j.expect(g)
        j.offer(result(g, candidates=[(0, False), (1, False)]))
        self.assertFalse(j.all_complete())
        j.offer(result(g, candidates=[(2, True)]))
        self.assertTrue(j.all_complete())

    def test_group_without_greedy_completes_on_its_samples(self):
        g = group(k=2, greedy=False)
        j = RewardJoiner()
        j.expect(g)
        self.assertEqual(2, j.scores_expected)
        j.offer(result(g))
        self.assertTrue(j.all_complete())
        self.assertIsNone(j.complete()[wire.key_of(g.key)].greedy)

    def test_group_requesting_no_signal_is_refused(self):
        with self.assertRaises(ValueError):
            RewardJoiner().expect(group(signals=()))

    def test_expecting_a_key_again_keeps_the_first_registration(self):
        j = RewardJoiner()
        j.expect(group(k=2, signals=("length",)))
        j.expect(group(k=5, signals=("length", "sde")))
        self.assertEqual(3, j.scores_expected)
        self.assertEqual(1, len(j))

    def test_complete_and_incomplete_keep_publication_order(self):
        gs = [group(image=f"img{i}") for i in (3, 1, 2, 0)]
        j = RewardJoiner()
        for g in gs:
            j.expect(g)
        for g in (gs[2], gs[0]):
            j.offer(result(g))
        self.assertEqual(["img3", "img2"], [k.image_id for k in j.complete()])
        self.assertEqual(["img1", "img0"], [g.key.image_id for g in j.incomplete()])

    def test_details_and_unknown_status_survive_the_conversion(self):
        g = group(k=1, greedy=False)
        r = result(g)
        s = r.candidates[0].scores[0]
        s.details.matched.extend(["plane"])
        s.details.count_errors.add(object="plane", generated=4, reference=5)
        s.details.extra["tokens"] = 3.0
        s.latency_ms = 1.5
        r2 = result(g)
        r2.candidates[0].scores[0].status = 9  # a status a newer worker may send
        j = RewardJoiner()
        j.expect(g)
        j.offer(r)
        c = j.complete()[wire.key_of(g.key)].samples[0].scores["length"]
        self.assertEqual(("plane",), c.details.matched)
        self.assertEqual((model.CountError("plane", 4, 5),), c.details.count_errors)
        self.assertEqual({"tokens": 3.0}, dict(c.details.extra))
        self.assertEqual(1.5, c.latency_ms)
        self.assertEqual("9", wire.score(r2.candidates[0].scores[0]).status)
        self.assertEqual("length", score("length", 1.0).signal)


class WireTest(unittest.TestCase):

    def test_rollout_key_bytes_are_the_java_serde_bytes(self):
        # RolloutKey{run_id="r", step=1, image_id="i"}: fields 1, 2, 3 in order, as protobuf-java writes them
        self.assertEqual(bytes([0x0A, 0x01, 0x72, 0x10, 0x01, 0x1A, 0x01, 0x69]),
                         wire.key_bytes(wire.rollout_key("r", 1, "i")))

    def test_rollout_group_numbers_samples_and_greedy_as_the_contract_says(self):
        g = wire.rollout_group("run", 4, model.Rollout("img", "rsicd", ["a b", model.Caption("c", 1)], "g h", 7),
                               ["length", "cider_d"], {"cider_d": 1.0})
        self.assertEqual([(0, False, "a b", 0), (1, False, "c", 1)],
                         [(c.sample_index, c.greedy, c.text, c.token_count) for c in g.samples])
        self.assertEqual((2, True, "g h"), (g.greedy.sample_index, g.greedy.greedy, g.greedy.text))
        self.assertEqual(("run", 4, "img"), (g.key.run_id, g.key.step, g.key.image_id))
        self.assertEqual(["length", "cider_d"], list(g.reward_spec.signals))
        self.assertEqual({"cider_d": 1.0}, dict(g.reward_spec.weights))
        self.assertEqual((7, "rsicd", 0), (g.policy_version, g.dataset, g.attempt))
        self.assertEqual(0, g.position, "not recorded unless the client gives it")
        self.assertEqual(("", ""), (g.reward_spec.baseline, g.reward_spec.normalization))
        spec = wire.rollout_group("run", 4, model.Rollout("img", "d", ["a"]), ["length"], {},
                                  baseline="LEAVE_ONE_OUT", normalization="NONE").reward_spec
        self.assertEqual(("LEAVE_ONE_OUT", "NONE"), (spec.baseline, spec.normalization))
        self.assertEqual(3, wire.rollout_group("run", 4, model.Rollout("img", "d", ["a"]), ["length"], {},
                                               position=3).position)

    def test_results_of_the_run_and_its_sub_runs_are_its_own(self):
        # KafkaRewardBus.ownRun: RUN and RUN#..., nothing else
        self.assertTrue(wire.own_run("r1", "r1"))
        self.assertTrue(wire.own_run("r1", "r1#eval"))
        self.assertFalse(wire.own_run("r1", "r10"))
        self.assertFalse(wire.own_run("r1", "r"))
        self.assertFalse(wire.own_run("r1", "x#r1"))

    def test_topic_names_follow_the_java_topics(self):
        # io.scstbus.proto.Topics.withPrefix, the compacted runs topic included
        t = Topics("ns.")
        self.assertEqual(("ns.scst.rollouts", "ns.scst.rewards", "ns.scst.references", "ns.scst.rollouts.dlq",
                          "ns.scst.runs"), (t.rollouts, t.rewards, t.references, t.dead_letters, t.runs))

    def test_invalid_rollouts_are_refused(self):
        for bad in (model.Rollout("", "d", ["a"]), model.Rollout("i", "", ["a"]), model.Rollout("i", "d", [])):
            with self.assertRaises(ValueError):
                wire.rollout_group("run", 1, bad, ["length"], {})
        with self.assertRaises(TypeError):
            wire.rollout_group("run", 1, model.Rollout("i", "d", [3]), ["length"], {})


if __name__ == "__main__":
    unittest.main()
