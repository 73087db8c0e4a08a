"""Plain data the client takes and returns, so callers need no protobuf knowledge.

The shapes follow the wire contract (proto/src/main/protobuf/scstbus/v1) and the Java trainer's
bus records (trainer/.../bus: RolloutKey, CandidateRewards, GroupRewards, JoinStats, StepRewards).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

# ScoreStatus names, as on the wire. A score is never a silent 0: every value carries one.
OK = "OK"
TIMEOUT = "TIMEOUT"
ERROR = "ERROR"
INVALID = "INVALID"
UNSPECIFIED = "SCORE_STATUS_UNSPECIFIED"


@dataclass(frozen=True)
class RolloutKey:
    """One image at one step of one run: the Kafka key of a rollout group and of its results."""

    run_id: str
    step: int
    image_id: str

    def describe(self) -> str:
        """``run/step/image``, as the Java side writes keys in logs."""
        return f"{self.run_id}/{self.step}/{self.image_id}"


@dataclass(frozen=True)
class Caption:
    """A caption to score. ``token_count`` is the number of tokens the policy generated (EOS
    excluded); 0 when unknown. Workers score ``text``; the count travels for bookkeeping."""

    text: str
    token_count: int = 0


CaptionLike = Union[Caption, str]


@dataclass(frozen=True)
class Rollout:
    """One image at one step: K sampled captions (sample index = position 0..K-1) and optionally
    the greedy caption (sample index K, by the contract's convention)."""

    image_id: str
    dataset: str
    samples: Sequence[CaptionLike]
    greedy: Optional[CaptionLike] = None
    policy_version: int = 0


@dataclass(frozen=True)
class References:
    """What the workers need about one image: reference captions and the count dictionary
    (object phrase -> count), optionally one precomputed scene graph per caption."""

    dataset: str
    image_id: str
    captions: Sequence[str]
    counts: Mapping[str, int] = field(default_factory=dict)
    split: str = ""
    scene_graphs: Sequence[str] = ()


@dataclass(frozen=True)
class CountError:
    object: str
    generated: int
    reference: int


@dataclass(frozen=True)
class Details:
    """Why a signal scored what it did."""

    matched: Tuple[str, ...] = ()
    missing: Tuple[str, ...] = ()
    hallucinated: Tuple[str, ...] = ()
    count_errors: Tuple[CountError, ...] = ()
    extra: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    """One signal's score for one caption. ``value`` means something only when ``status == OK``."""

    signal: str
    value: float
    status: str
    reason: str = ""
    scorer_version: str = ""
    latency_ms: float = 0.0
    details: Details = field(default_factory=Details)

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class CandidateRewards:
    """Every requested signal's score for one caption, by signal name."""

    sample_index: int
    greedy: bool
    scores: Mapping[str, Score]


@dataclass(frozen=True)
class GroupRewards:
    """The joined rewards of one complete rollout group: samples in sample-index order, then greedy."""

    key: RolloutKey
    samples: List[CandidateRewards]
    greedy: Optional[CandidateRewards]


@dataclass(frozen=True)
class JoinStats:
    """What arrived and what did not for one step, with the Java JoinStats' meaning:
    rollouts_published counts re-publications too; late_dropped counts results for keys the
    client did not expect (late answers to an earlier step, for instance)."""

    rollouts_published: int = 0
    scores_expected: int = 0
    scores_received: int = 0
    duplicates_dropped: int = 0
    late_dropped: int = 0
    groups_rerequested: int = 0
    groups_dropped: int = 0
    wait_seconds: float = 0.0

    def plus(self, o: "JoinStats") -> "JoinStats":
        return JoinStats(
            self.rollouts_published + o.rollouts_published, self.scores_expected + o.scores_expected,
            self.scores_received + o.scores_received, self.duplicates_dropped + o.duplicates_dropped,
            self.late_dropped + o.late_dropped, self.groups_rerequested + o.groups_rerequested,
            self.groups_dropped + o.groups_dropped, self.wait_seconds + o.wait_seconds)


@dataclass(frozen=True)
class StepRewards:
    """The outcome of one step: groups whose every requested signal arrived (publication order),
    the groups left out after the re-request, and the counts. ``unanswered`` says, per requested
    signal, how many dropped groups still lacked its score: a signal no worker group serves shows
    up here under its name, for every group of the step."""

    step: int
    complete: Dict[RolloutKey, GroupRewards]
    dropped: List[RolloutKey]
    stats: JoinStats
    unanswered: Dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadReport:
    """What load_references did (as the Java ReferencesPublisher.LoadReport)."""

    offered: int
    written: int
    unchanged: int
