"""The join rules of the Java trainer (trainer/.../bus/RewardJoiner.java), line for line.

A group is complete when every candidate has a score (of any status) for every requested signal.
The first score for (key, candidate, signal) wins; later ones are duplicates. A result whose every
requested score had already arrived counts as one duplicate; a result for a key the joiner does not
expect counts as unexpected. Scores for signals the group did not request, and candidates the group
does not have, are ignored. Not thread-safe: one joiner belongs to one consuming thread.
"""

from __future__ import annotations

import enum
from typing import Dict, List, Tuple

from . import model, wire


class Offer(enum.Enum):
    """What happened to one offered result."""

    ACCEPTED = "ACCEPTED"
    DUPLICATE = "DUPLICATE"
    UNEXPECTED = "UNEXPECTED"


class _Pending:
    __slots__ = ("group", "requested", "slots")

    def __init__(self, group):
        self.group = group
        self.requested = list(group.reward_spec.signals)
        self.slots: Dict[Tuple[int, bool], Dict[str, object]] = {}
        for c in group.samples:
            self.slots[(c.sample_index, False)] = {}
        if group.HasField("greedy"):
            self.slots[(group.greedy.sample_index, True)] = {}

    def complete(self) -> bool:
        return all(len(slot) >= len(self.requested) for slot in self.slots.values())

    def missing_signals(self) -> List[str]:
        """Requested signals some candidate has no score for yet, in request order."""
        return [s for s in self.requested if any(s not in slot for slot in self.slots.values())]

    def to_rewards(self) -> model.GroupRewards:
        def candidate(index: int, greedy: bool) -> model.CandidateRewards:
            slot = self.slots[(index, greedy)]
            return model.CandidateRewards(index, greedy, {name: wire.score(s) for name, s in slot.items()})

        samples = [candidate(c.sample_index, False) for c in self.group.samples]
        greedy = candidate(self.group.greedy.sample_index, True) if self.group.HasField("greedy") else None
        return model.GroupRewards(wire.key_of(self.group.key), samples, greedy)


class RewardJoiner:
    """Joins partial results (``scstbus.v1.RewardResult``) from any number of worker groups into
    complete rollout groups (``scstbus.v1.RolloutGroup``)."""

    def __init__(self):
        self._pending: Dict[model.RolloutKey, _Pending] = {}
        self._scores_received = 0
        self._duplicates = 0
        self._unexpected = 0

    def expect(self, group) -> None:
        """Registers a published group; the requested signals are its reward spec's. A key already
        expected keeps its first registration."""
        key = wire.key_of(group.key)
        if not group.reward_spec.signals:
            raise ValueError(f"rollout group {key.describe()} requests no signals")
        self._pending.setdefault(key, _Pending(group))

    def expects(self, key: model.RolloutKey) -> bool:
        return key in self._pending

    def offer(self, result) -> Offer:
        p = self._pending.get(wire.key_of(result.key))
        if p is None:
            self._unexpected += 1
            return Offer.UNEXPECTED
        any_new = False
        dup = False
        for candidate in result.candidates:
            slot = p.slots.get((candidate.sample_index, candidate.greedy))
            if slot is None:
                continue
            for s in candidate.scores:
                if s.signal not in p.requested:
                    continue
                if s.signal not in slot:
                    slot[s.signal] = s
                    self._scores_received += 1
                    any_new = True
                else:
                    dup = True
        if not any_new and dup:
            self._duplicates += 1
            return Offer.DUPLICATE
        return Offer.ACCEPTED

    def is_complete(self, key: model.RolloutKey) -> bool:
        p = self._pending.get(key)
        return p is not None and p.complete()

    def all_complete(self) -> bool:
        return all(p.complete() for p in self._pending.values())

    def incomplete(self) -> list:
        """Groups (protobuf) still waiting for at least one score, in publication order."""
        return [p.group for p in self._pending.values() if not p.complete()]

    def missing_signals(self, key: model.RolloutKey) -> List[str]:
        """The requested signals of ``key``'s group still without a score for some candidate."""
        p = self._pending.get(key)
        return [] if p is None else p.missing_signals()

    def complete(self) -> Dict[model.RolloutKey, model.GroupRewards]:
        """Complete groups in publication order."""
        return {k: p.to_rewards() for k, p in self._pending.items() if p.complete()}

    @property
    def scores_expected(self) -> int:
        """Scores a complete join needs: candidates x requested signals, over every expected group."""
        return sum(len(p.slots) * len(p.requested) for p in self._pending.values())

    @property
    def scores_received(self) -> int:
        return self._scores_received

    @property
    def duplicates(self) -> int:
        """Results whose every score had already arrived."""
        return self._duplicates

    @property
    def unexpected(self) -> int:
        """Results for keys this joiner does not expect: late answers to an earlier step, other runs."""
        return self._unexpected

    def __len__(self) -> int:
        return len(self._pending)

    def keys(self) -> List[model.RolloutKey]:
        return list(self._pending)
