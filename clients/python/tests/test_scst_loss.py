"""The captioner's sampling and scoring, and the SCST loss (docs/design.md): autoregressive samples end
with one EOS, log-probabilities are summed up to and including it and nothing after, and rows left out
of the update contribute to neither the policy term nor the V/E term."""

import unittest

import torch
from torch import nn

import helpers  # noqa: F401
from scstbus_client.captioner import Captioner
from scstbus_client.scst_loss import scst_loss
from scstbus_client.vocab import EOS_ID, PAD_ID


def tiny(decoder):
    torch.manual_seed(0)
    trunk = (nn.Sequential(nn.Conv2d(3, 8, 4, stride=4), nn.ReLU()), 8, "a test trunk")
    return Captioner(12, decoder=decoder, hidden=16, max_length=6, trunk=trunk)


class ScstLossTest(unittest.TestCase):

    def test_samples_end_with_one_eos_then_padding(self):
        for decoder in ("lstm", "transformer"):
            model = tiny(decoder)
            memory = model.encode(torch.randint(0, 255, (3, 3, 32, 32), dtype=torch.uint8))
            rows = model.sample(memory.repeat_interleave(4, 0), greedy=False, generator=torch.Generator().manual_seed(1))
            for row in rows.tolist():
                self.assertEqual(1, row.count(EOS_ID), row)
                self.assertTrue(all(t == PAD_ID for t in row[row.index(EOS_ID) + 1:]), row)

    def test_log_probabilities_stop_at_eos_and_equal_the_decoders_own(self):
        for decoder in ("lstm", "transformer"):
            model = tiny(decoder)
            memory = model.encode(torch.randint(0, 255, (1, 3, 32, 32), dtype=torch.uint8))
            tokens = torch.tensor([[5, 6, EOS_ID, PAD_ID, PAD_ID]])
            scored = model.score(memory, tokens)
            steps = torch.log_softmax(model.logits(memory, torch.tensor([[1, 5, 6]])), -1)[0]
            want = steps[0, 5] + steps[1, 6] + steps[2, EOS_ID]
            self.assertAlmostEqual(float(want), float(scored.logprob[0]), places=5)
            self.assertEqual(3.0, float(scored.tokens[0]))

    def test_step_by_step_decoding_agrees_with_the_teacher_forced_pass(self):
        """Scoring recomputes what sampling drew: greedy tokens are the argmax of the scoring pass."""
        for decoder in ("lstm", "transformer"):
            model = tiny(decoder)
            memory = model.encode(torch.randint(0, 255, (4, 3, 32, 32), dtype=torch.uint8))
            rows = model.sample(memory, greedy=True)
            inputs = torch.cat([torch.ones_like(rows[:, :1]), rows[:, :-1]], 1)
            logits = model.logits(memory, inputs)
            logits[..., PAD_ID] = float("-inf")
            logits[..., 1] = float("-inf")
            for r, row in enumerate(rows.tolist()):
                # up to and including EOS, or the max_length tokens before a forced EOS
                n = min(row.index(EOS_ID) + 1, model.max_length)
                self.assertEqual(row[:n], logits[r, :n].argmax(-1).tolist(), decoder)

    def test_left_out_rows_contribute_nothing(self):
        model = tiny("lstm")
        memory = model.encode(torch.randint(0, 255, (2, 3, 32, 32), dtype=torch.uint8))
        tokens = torch.tensor([[5, EOS_ID, PAD_ID], [7, 8, EOS_ID]])
        scored = model.score(memory, tokens)
        include = torch.tensor([True, False])
        terms = scst_loss(scored, torch.tensor([0.5, 100.0]), include, lam=1e-4)
        self.assertAlmostEqual(-0.5 * float(scored.logprob[0]), terms.policy, places=5)
        ratio = float(scored.varentropy[0] / scored.entropy[0])
        self.assertAlmostEqual(ratio, terms.varentropy_over_entropy, places=5)
        self.assertAlmostEqual(terms.policy + 1e-4 * ratio, float(terms.total), places=5)
        with self.assertRaises(ValueError):
            scst_loss(scored, torch.zeros(2), torch.tensor([False, False]))


if __name__ == "__main__":
    unittest.main()
