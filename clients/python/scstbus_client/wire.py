"""Conversions between the plain data of model.py and the scstbus.v1 protobuf messages, and the
record keys. Keys are serialized protobuf messages, byte for byte what the Java serdes write
(proto3 writes set fields in field-number order in every runtime), so a rollout group and its
results share a partition under Kafka's murmur2 partitioner."""

from __future__ import annotations

import time
from typing import Mapping, Optional, Sequence

from . import model
from ._proto import references_pb2, reward_pb2, rollout_pb2


def rollout_key(run_id: str, step: int, image_id: str) -> "rollout_pb2.RolloutKey":
    return rollout_pb2.RolloutKey(run_id=run_id, step=step, image_id=image_id)


def key_of(key: "rollout_pb2.RolloutKey") -> model.RolloutKey:
    return model.RolloutKey(key.run_id, key.step, key.image_id)


def key_bytes(key: "rollout_pb2.RolloutKey") -> bytes:
    return key.SerializeToString(deterministic=True)


def _candidate(c: model.CaptionLike, index: int, greedy: bool) -> "rollout_pb2.Candidate":
    if isinstance(c, str):
        c = model.Caption(c)
    if not isinstance(c, model.Caption):
        raise TypeError(f"a caption is a str or a Caption, got {type(c).__name__}")
    if c.token_count < 0:
        raise ValueError(f"token_count must be >= 0, got {c.token_count}")
    return rollout_pb2.Candidate(sample_index=index, greedy=greedy, text=c.text, token_count=c.token_count)


def rollout_group(run_id: str, step: int, rollout: model.Rollout, signals: Sequence[str],
                  weights: Mapping[str, float], attempt: int = 0,
                  created_at_ms: Optional[int] = None, position: int = 0, baseline: str = "",
                  normalization: str = "") -> "rollout_pb2.RolloutGroup":
    """The wire form of a rollout: samples 0..K-1, greedy with index K and greedy = true.
    ``position`` is the group's 1-based place in its step's publication (0: not recorded), as the
    Java KafkaRewardBus sets it; replay sums a step's rewards in that order. ``baseline`` and
    ``normalization`` go into the reward spec under the Java trainer's names (GREEDY, LEAVE_ONE_OUT;
    NONE, ...) so a replay recomputes the advantages; empty: not recorded."""
    if position < 0:
        raise ValueError(f"position must be >= 0, got {position}")
    if not rollout.image_id:
        raise ValueError("a rollout needs an image_id")
    if not rollout.dataset:
        raise ValueError(f"rollout of image '{rollout.image_id}' has no dataset (it selects the references)")
    if not rollout.samples and rollout.greedy is None:
        raise ValueError(f"rollout of image '{rollout.image_id}' has no captions")
    group = rollout_pb2.RolloutGroup(
        key=rollout_key(run_id, step, rollout.image_id),
        policy_version=rollout.policy_version,
        dataset=rollout.dataset,
        samples=[_candidate(c, i, False) for i, c in enumerate(rollout.samples)],
        reward_spec=rollout_pb2.RewardSpec(signals=list(signals), weights=dict(weights), baseline=baseline,
                                           normalization=normalization),
        created_at_ms=int(time.time() * 1000) if created_at_ms is None else created_at_ms,
        attempt=attempt,
        position=position)
    if rollout.greedy is not None:
        group.greedy.CopyFrom(_candidate(rollout.greedy, len(rollout.samples), True))
    return group


def own_run(run_id: str, result_run_id: str) -> bool:
    """Whether a result belongs to ``run_id``: the run itself or a sub-run (``RUN#eval``), as
    KafkaRewardBus.ownRun. Sub-run results go to the join, which counts those it does not expect."""
    return result_run_id == run_id or result_run_id.startswith(run_id + "#")


def references_key(dataset: str, image_id: str) -> "references_pb2.ReferencesKey":
    return references_pb2.ReferencesKey(dataset=dataset, image_id=image_id)


def image_references(refs: model.References) -> "references_pb2.ImageReferences":
    if not refs.dataset or not refs.image_id:
        raise ValueError("references need a dataset and an image_id")
    if isinstance(refs.captions, str):
        raise TypeError("captions is a list of strings, not one string")
    return references_pb2.ImageReferences(
        dataset=refs.dataset, image_id=refs.image_id, split=refs.split, captions=list(refs.captions),
        counts={str(k): int(v) for k, v in (refs.counts or {}).items()},
        scene_graphs=list(refs.scene_graphs or ()))


def status_name(status: int) -> str:
    return reward_pb2.ScoreStatus.Name(status) if status in reward_pb2.ScoreStatus.values() else str(status)


def score(s: "reward_pb2.SignalScore") -> model.Score:
    d = s.details
    return model.Score(
        signal=s.signal, value=s.value, status=status_name(s.status), reason=s.reason,
        scorer_version=s.scorer_version, latency_ms=s.latency_ms,
        details=model.Details(
            matched=tuple(d.matched), missing=tuple(d.missing), hallucinated=tuple(d.hallucinated),
            count_errors=tuple(model.CountError(e.object, e.generated, e.reference) for e in d.count_errors),
            extra=dict(d.extra)))
