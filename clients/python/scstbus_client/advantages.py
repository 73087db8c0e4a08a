"""Per-image SCST advantages as plain lists (no torch).

reward(caption) = sum over weighted signals of weight * value (a signal with weight 0 does not
enter). Baselines (docs/design.md, "Reference semantics"):
- ``greedy``: SCST (Rennie et al., 2017): advantage_i = r(sample_i) - r(greedy).
- ``mean_others``: "new SCST" (Luo, 2020): baseline_i = mean reward of the other K-1 samples.
A group in which a caption the advantage uses has a non-OK (or missing, or non-finite) score on a
weighted signal is left out and reported with the reason: it is never scored as 0. Groups the join
dropped are reported too, so ``left_out`` lists every published image that has no advantages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Union

from . import model

GREEDY = "greedy"
MEAN_OTHERS = "mean_others"
BASELINES = (GREEDY, MEAN_OTHERS)
_ALIASES = {"scst": GREEDY, "loo": MEAN_OTHERS, "leave_one_out": MEAN_OTHERS, "new_scst": MEAN_OTHERS}
# The Java trainer's names (BaselineKind), as RewardSpec.baseline carries them for replay.
WIRE_NAMES = {GREEDY: "GREEDY", MEAN_OTHERS: "LEAVE_ONE_OUT"}


def baseline_name(baseline: str) -> str:
    """The canonical name of a baseline or of one of its aliases; raises on an unknown one."""
    name = _ALIASES.get(baseline, baseline)
    if name not in BASELINES:
        raise ValueError(f"unknown baseline '{baseline}'; one of {BASELINES} (or {sorted(_ALIASES)})")
    return name


@dataclass(frozen=True)
class ImageAdvantages:
    """One image's K samples: reward, baseline and advantage, in sample-index order.
    ``greedy_reward`` is the greedy caption's reward (None without one, or, under mean_others,
    when it is not OK)."""

    key: model.RolloutKey
    rewards: List[float]
    baseline: List[float]
    advantages: List[float]
    greedy_reward: Optional[float]


@dataclass(frozen=True)
class LeftOut:
    key: model.RolloutKey
    reason: str


@dataclass(frozen=True)
class Advantages:
    images: List[ImageAdvantages]
    left_out: List[LeftOut]

    def by_image(self) -> Dict[str, List[float]]:
        """image_id -> advantages of its samples (sample-index order), for the images kept."""
        return {a.key.image_id: a.advantages for a in self.images}


def _reward(c: model.CandidateRewards, weights: Mapping[str, float]):
    """(reward, None) or (None, why not)."""
    total = 0.0
    what = "greedy caption" if c.greedy else f"sample {c.sample_index}"
    for signal, weight in weights.items():
        if weight == 0:
            continue
        s = c.scores.get(signal)
        if s is None:
            return None, f"{what}: no score for weighted signal '{signal}'"
        if s.status != model.OK:
            return None, f"{what}: {signal} is {s.status}" + (f" ({s.reason})" if s.reason else "")
        if not math.isfinite(s.value):
            return None, f"{what}: {signal} is not a finite number ({s.value})"
        total += weight * s.value
    return total, None


def _group(g: model.GroupRewards, weights: Mapping[str, float], baseline: str):
    k = len(g.samples)
    if k == 0:
        return None, "no sampled captions"
    if baseline == GREEDY and g.greedy is None:
        return None, "no greedy caption (the greedy baseline needs one)"
    if baseline == MEAN_OTHERS and k < 2:
        return None, f"{k} sample: the mean-of-others baseline needs at least 2"
    rewards = []
    for c in g.samples:
        r, why = _reward(c, weights)
        if why:
            return None, why
        rewards.append(r)
    greedy_reward = None
    if g.greedy is not None:
        greedy_reward, why = _reward(g.greedy, weights)
        if why and baseline == GREEDY:
            return None, why
        # mean_others does not use the greedy caption: its reward is only reported when OK.
    if baseline == GREEDY:
        base = [greedy_reward] * k
    else:
        total = sum(rewards)
        base = [(total - r) / (k - 1) for r in rewards]
    return ImageAdvantages(g.key, rewards, base, [r - b for r, b in zip(rewards, base)], greedy_reward), None


def compute_advantages(rewards: Union[model.StepRewards, Iterable[model.GroupRewards]],
                       weights: Mapping[str, float], baseline: str = GREEDY) -> Advantages:
    """Advantages of every complete group (publication order); groups left out with the reason,
    including the groups a StepRewards reports as dropped by the join."""
    baseline = baseline_name(baseline)
    if not any(w != 0 for w in weights.values()):
        raise ValueError("no signal has a non-zero weight: every reward would be 0")
    left_out: List[LeftOut] = []
    if isinstance(rewards, model.StepRewards):
        groups = list(rewards.complete.values())
        left_out.extend(LeftOut(k, "no complete result after the re-request (dropped by the join)")
                        for k in rewards.dropped)
    else:
        groups = list(rewards)
    images = []
    for g in groups:
        adv, why = _group(g, weights, baseline)
        if why:
            left_out.append(LeftOut(g.key, why))
        else:
            images.append(adv)
    return Advantages(images, left_out)
