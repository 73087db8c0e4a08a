"""The SCST loss of docs/design.md, as the Java trainer's ScstLoss computes it:

    loss = -mean over included samples of (advantage x sum log pi) + lambda x varentropy / entropy

where varentropy and entropy are summed over the included samples' real tokens (EOS included, nothing
after it) and their ratio is taken (the ratio of the means), so a near-deterministic single token
cannot blow it up. Rows of groups left out of the update contribute to neither term."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .captioner import Scored

EPS = 1e-8
DEFAULT_LAMBDA = 1e-4


@dataclass
class LossTerms:
    total: torch.Tensor
    policy: float
    varentropy_over_entropy: float
    entropy: float
    rows: int


def scst_loss(scored: Scored, advantages: torch.Tensor, include: torch.Tensor, lam: float = DEFAULT_LAMBDA) -> LossTerms:
    """``advantages`` and ``include`` have one entry per sampled row (0 / False for left-out rows)."""
    if advantages.shape != scored.logprob.shape or include.shape != scored.logprob.shape:
        raise ValueError(f"need one advantage and one include flag per sampled row: rows {tuple(scored.logprob.shape)}, "
                         f"advantages {tuple(advantages.shape)}, include {tuple(include.shape)}")
    mask = include.to(scored.logprob.dtype)
    rows = int(include.sum())
    if rows == 0:
        raise ValueError("no row is included: nothing to compute a loss on")
    weighted = advantages.to(scored.logprob.dtype) * mask
    policy = -(scored.logprob * weighted).sum() / rows
    entropy = (scored.entropy * mask).sum()
    varentropy = (scored.varentropy * mask).sum()
    ratio = varentropy / (entropy + EPS)
    tokens = float((scored.tokens * mask).sum())
    total = policy + lam * ratio
    return LossTerms(total, float(policy), float(ratio), float(entropy) / tokens if tokens else 0.0, rows)
