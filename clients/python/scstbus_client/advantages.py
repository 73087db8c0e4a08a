"""Per-image SCST advantages as plain lists (no torch).

reward(caption) = sum over weighted signals of weight * value (a signal with weight 0 does not
enter). Baselines (docs/design.md, "Reference semantics"):
- ``greedy``: SCST (Rennie et al., 2017): advantage_i = r(sample_i) - r(greedy).
- ``mean_others``: "new SCST" (Luo, 2020): baseline_i = mean reward of the other K-1 samples.
A group in which a caption has a non-OK (or missing, or non-finite) score on a weighted signal is
left out and reported with the reason: it is never scored as 0. A greedy caption that is there must be
OK under both baselines, as in the Java trainer (mean_others does not use its reward, but both clients
keep or leave out a group alike); only mean_others accepts a group published without one. Groups the join dropped are reported too, so ``left_out`` lists every
published image that has no advantages.

Empty (or whitespace-only) sampled captions are the exception: workers answer them INVALID, and leaving
their group out would let a policy emit nothing at no cost, so they get a floor instead (``EmptySamples``,
the Java trainer's rule): the lowest reward of the rest of the group (its other samples and its greedy
caption) minus a margin. An empty greedy caption keeps the general rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import AbstractSet, Dict, Iterable, List, Mapping, Optional, Sequence, Union

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
class EmptySamples:
    """The reward of an empty sampled caption: the lowest reward of the rest of its group minus
    ``margin`` (>= 0), or ``fixed_reward`` when one is set. The Java trainer's scst.empty_sample_margin
    and scst.empty_sample_reward."""

    margin: float = 1.0
    fixed_reward: Optional[float] = None

    def __post_init__(self):
        if not math.isfinite(self.margin) or self.margin < 0:
            raise ValueError(f"empty sample margin must be a finite number >= 0, got {self.margin}")
        if self.fixed_reward is not None and not math.isfinite(self.fixed_reward):
            raise ValueError(f"empty sample reward must be finite or None, got {self.fixed_reward}")

    def floor(self, others: Sequence[float]) -> float:
        return self.fixed_reward if self.fixed_reward is not None else min(others) - self.margin


def is_empty(text: Optional[str]) -> bool:
    """Whether a caption counts as empty: nothing but whitespace."""
    return text is None or not text.strip()


@dataclass(frozen=True)
class ImageAdvantages:
    """One image's K samples: reward, baseline and advantage, in sample-index order (an empty
    sample's reward is its floor). ``greedy_reward`` is the greedy caption's reward (None without one)."""

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


def _group(g: model.GroupRewards, weights: Mapping[str, float], baseline: str, empty: AbstractSet[int],
           empty_samples: EmptySamples):
    k = len(g.samples)
    if k == 0:
        return None, "no sampled captions"
    if baseline == GREEDY and g.greedy is None:
        return None, "no greedy caption (the greedy baseline needs one)"
    if baseline == MEAN_OTHERS and k < 2:
        return None, f"{k} sample: the mean-of-others baseline needs at least 2"
    rewards: List[Optional[float]] = []
    for c in g.samples:
        if c.sample_index in empty:
            rewards.append(None)
            continue
        r, why = _reward(c, weights)
        if why:
            return None, why
        rewards.append(r)
    greedy_reward = None
    if g.greedy is not None:
        greedy_reward, why = _reward(g.greedy, weights)
        if why:
            return None, why
    if any(r is None for r in rewards):
        rest = [r for r in rewards if r is not None] + ([] if greedy_reward is None else [greedy_reward])
        if not rest and empty_samples.fixed_reward is None:
            return None, "every sampled caption is empty and there is no greedy caption to floor them by"
        floor = empty_samples.floor(rest)
        rewards = [floor if r is None else r for r in rewards]
    if baseline == GREEDY:
        base = [greedy_reward] * k
    else:
        total = sum(rewards)
        base = [(total - r) / (k - 1) for r in rewards]
    return ImageAdvantages(g.key, rewards, base, [r - b for r, b in zip(rewards, base)], greedy_reward), None


def compute_advantages(rewards: Union[model.StepRewards, Iterable[model.GroupRewards]],
                       weights: Mapping[str, float], baseline: str = GREEDY,
                       empty: Optional[Mapping[model.RolloutKey, AbstractSet[int]]] = None,
                       empty_samples: EmptySamples = EmptySamples()) -> Advantages:
    """Advantages of every complete group (publication order); groups left out with the reason,
    including the groups a StepRewards reports as dropped by the join. ``empty``: per rollout key, the
    sample indices whose text was empty (see ``empty_sample_indices``); they get ``empty_samples``' floor."""
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
        adv, why = _group(g, weights, baseline, (empty or {}).get(g.key, frozenset()), empty_samples)
        if why:
            left_out.append(LeftOut(g.key, why))
        else:
            images.append(adv)
    return Advantages(images, left_out)


def empty_sample_indices(keys: Sequence[model.RolloutKey], groups: Sequence[model.Rollout]) -> Dict[model.RolloutKey, AbstractSet[int]]:
    """Per published key, the indices of its empty sampled captions (keys without any are absent)."""
    out: Dict[model.RolloutKey, AbstractSet[int]] = {}
    for key, group in zip(keys, groups):
        blank = frozenset(j for j, c in enumerate(group.samples) if is_empty(c if isinstance(c, str) else c.text))
        if blank:
            out[key] = blank
    return out
