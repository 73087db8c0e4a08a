"""Run totals and the run summary, with the JSON fields of the Java trainer's ``--summary-json``
(trainer/.../train/TrainingSummary.java, RunCounters.java, ValMetrics.java), so the checks that read
one read the other. No torch here."""

from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, fields, replace
from typing import Dict, List, Optional

from . import model

# ValMetrics' named signals, in its order; any other evaluated signal goes under "other".
SUMMARY_SIGNALS = ("cider_d", "bleu_4", "rouge_l", "sde", "count_abs", "count_signed", "oversight", "hallucination")


@dataclass(frozen=True)
class StepReport:
    """What one SCST step did (StepReport.java)."""

    step: int
    groups: int
    included: int
    left_out: int
    missing: int
    updated: bool
    mean_sample_reward: float
    mean_greedy_reward: float
    loss: float
    policy_loss: float
    varentropy_over_entropy: float
    entropy: float
    grad_norm: float
    wait_seconds: float
    step_seconds: float
    join: model.JoinStats
    example_caption: str
    unanswered: Dict[str, int]
    empty_samples: int = 0


@dataclass(frozen=True)
class RunCounters:
    """Totals over the run's SCST steps, carried through checkpoints (RunCounters.java)."""

    rollouts_published: int = 0
    results_expected: int = 0
    results_received: int = 0
    duplicates_dropped: int = 0
    late_dropped: int = 0
    groups_rerequested: int = 0
    groups_dropped: int = 0
    groups_left_out: int = 0
    steps_without_update: int = 0
    empty_samples: int = 0
    reward_wait_seconds: float = 0.0
    scst_seconds: float = 0.0
    sample_reward_first: Optional[float] = None
    greedy_reward_first: Optional[float] = None
    sample_reward_last: Optional[float] = None
    greedy_reward_last: Optional[float] = None

    def plus(self, r: StepReport) -> "RunCounters":
        j = r.join
        sample = r.mean_sample_reward if r.updated else None
        greedy = r.mean_greedy_reward if r.updated else None
        return RunCounters(
            self.rollouts_published + j.rollouts_published, self.results_expected + j.scores_expected,
            self.results_received + j.scores_received, self.duplicates_dropped + j.duplicates_dropped,
            self.late_dropped + j.late_dropped, self.groups_rerequested + j.groups_rerequested,
            self.groups_dropped + j.groups_dropped, self.groups_left_out + r.left_out,
            self.steps_without_update + (0 if r.updated else 1), self.empty_samples + r.empty_samples,
            self.reward_wait_seconds + r.wait_seconds,
            self.scst_seconds + r.step_seconds,
            self.sample_reward_first if self.sample_reward_first is not None else sample,
            self.greedy_reward_first if self.greedy_reward_first is not None else greedy,
            sample if sample is not None else self.sample_reward_last,
            greedy if greedy is not None else self.greedy_reward_last)

    def reward_wait_fraction(self) -> float:
        return 0.0 if self.scst_seconds <= 0 else self.reward_wait_seconds / self.scst_seconds

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "RunCounters":
        return replace(cls(), **{f.name: d[f.name] for f in fields(cls) if f.name in d})


def val_metrics(means: Dict[str, Optional[float]], images: int) -> dict:
    """The summary's view of one evaluation (ValMetrics.java): the named signals (None when not
    evaluated or never OK), the others under ``other``, and the number of images."""
    out = {s: finite_or_none(means.get(s)) for s in SUMMARY_SIGNALS}
    out["other"] = {s: finite_or_none(v) for s, v in means.items() if s not in SUMMARY_SIGNALS}
    out["images"] = images
    return out


def summary(run_id: str, steps: int, ce_epochs: int, resumed_from: Optional[int], c: RunCounters,
            val_after_ce: Optional[dict], val_after_scst: Optional[dict], wall_seconds: float) -> dict:
    """The run summary, field for field TrainingSummary.java's JSON."""
    return {
        "run_id": run_id, "steps": steps, "ce_epochs": ce_epochs, "resumed_from_step": resumed_from,
        "rollouts_published": c.rollouts_published, "results_expected": c.results_expected,
        "results_received": c.results_received, "duplicates_dropped": c.duplicates_dropped,
        "late_dropped": c.late_dropped, "groups_rerequested": c.groups_rerequested,
        "groups_dropped": c.groups_dropped, "groups_left_out": c.groups_left_out,
        "steps_without_update": c.steps_without_update, "empty_samples": c.empty_samples,
        "reward_wait_seconds": c.reward_wait_seconds,
        "scst_seconds": c.scst_seconds, "reward_wait_fraction": c.reward_wait_fraction(),
        # the Java trainer's per-phase split of SCST steps and its CE rate; this program does not time them
        "scst_phase_seconds": None, "ce_images_per_second": None,
        "sample_reward_first": c.sample_reward_first, "sample_reward_last": c.sample_reward_last,
        "greedy_reward_first": c.greedy_reward_first, "greedy_reward_last": c.greedy_reward_last,
        "val_after_ce": val_after_ce, "val_after_scst": val_after_scst, "wall_seconds": wall_seconds,
    }


def write_json(path: str, value) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)


def _fmt(v: Optional[float]) -> str:
    return "-" if v is None else f"{v:.4f}"


def table(s: dict) -> str:
    """The human-readable summary (TrainingSummary.toTable)."""
    lines = [f"run {s['run_id']}: {s['ce_epochs']} CE epochs, {s['steps']} SCST steps"
             + ("" if s["resumed_from_step"] is None else f" (resumed after step {s['resumed_from_step']})")
             + f", {s['wall_seconds']:.1f} s",
             f"  rollouts published {s['rollouts_published']}, results {s['results_received']}/{s['results_expected']} "
             f"received, duplicates dropped {s['duplicates_dropped']}, late {s['late_dropped']}",
             f"  groups re-requested {s['groups_rerequested']}, dropped {s['groups_dropped']}, left out (non-OK) "
             f"{s['groups_left_out']}; steps without update {s['steps_without_update']}",
             f"  reward wait {s['reward_wait_seconds']:.2f} s of {s['scst_seconds']:.2f} s SCST "
             f"({100 * s['reward_wait_fraction']:.1f}%)"]
    if s["sample_reward_first"] is not None:
        lines.append(f"  reward sample {s['sample_reward_first']:.4f} -> {s['sample_reward_last']:.4f}, greedy "
                     f"{s['greedy_reward_first']:.4f} -> {s['greedy_reward_last']:.4f}")
    lines.append(f"  {'val signal':<14} {'after CE':>12} {'after SCST':>12} {'change':>12}")
    ce, scst = s["val_after_ce"] or {}, s["val_after_scst"] or {}
    names: List[str] = list(SUMMARY_SIGNALS)
    for v in (ce, scst):
        names += [n for n in (v.get("other") or {}) if n not in names]

    def get(v, n):
        return v.get(n) if n in SUMMARY_SIGNALS else (v.get("other") or {}).get(n)

    for n in names:
        a, b = get(ce, n), get(scst, n)
        change = "" if a is None or b is None else f"{b - a:+.4f}"
        lines.append(f"  {n:<14} {_fmt(a):>12} {_fmt(b):>12} {change:>12}")
    return "\n".join(lines) + "\n"


def finite_or_none(x: float) -> Optional[float]:
    return x if x is not None and math.isfinite(x) else None
