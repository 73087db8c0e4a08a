"""RewardClient: the Python twin of the Java trainer's KafkaRewardBus.

Rollouts go out with an idempotent producer (acks=all), keyed by the serialized RolloutKey and put on
the partition of their image (scstbus_client.partitioning, the Java trainer's ImagePartitioner), so
every step's group of one image reaches the worker instance that caches that image. Results are read
``read_committed`` from the reward topic, every partition, starting at its end when the client is
created (results of this run only come after its rollouts). They are joined per key by the rules of
RewardJoiner. A group still incomplete after the deadline is published once more with attempt + 1;
what is still missing after a second deadline is dropped from the step and reported, never invented.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from typing import AbstractSet, Dict, Iterable, List, Mapping, Optional, Sequence

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from google.protobuf.message import DecodeError

from . import model, wire
from ._proto import references_pb2, reward_pb2
from .advantages import WIRE_NAMES, Advantages, EmptySamples, baseline_name, compute_advantages
from .joiner import RewardJoiner
from .partitioning import partition_of

LOG = logging.getLogger("scstbus_client")

ROLLOUTS = "scst.rollouts"
REWARDS = "scst.rewards"
REFERENCES = "scst.references"
DEAD_LETTERS = "scst.rollouts.dlq"
# Compacted, one RunInfo per run id; written by the Java trainer, not by this client.
RUNS = "scst.runs"
# Headers the workers put on dead letters (io.scstbus.proto.Topics).
DLQ_REASON_HEADER = "scst.dlq.reason"
DLQ_SOURCE_HEADER = "scst.dlq.source"


# Errors of partitions whose leader is not known yet (a topic just created, a broker restarting).
_SETTLING = {KafkaError.NOT_LEADER_FOR_PARTITION, KafkaError.LEADER_NOT_AVAILABLE,
             KafkaError._TIMED_OUT, KafkaError.REQUEST_TIMED_OUT, KafkaError._TRANSPORT}


class Topics:
    """Topic names, with an optional prefix, as io.scstbus.proto.Topics.withPrefix."""

    def __init__(self, prefix: str = ""):
        self.rollouts = prefix + ROLLOUTS
        self.rewards = prefix + REWARDS
        self.references = prefix + REFERENCES
        self.dead_letters = prefix + DEAD_LETTERS
        self.runs = prefix + RUNS


class _Step:
    __slots__ = ("joiner", "groups", "started", "published_at")

    def __init__(self):
        self.joiner = RewardJoiner()
        self.groups: list = []
        self.started = time.monotonic()
        self.published_at = self.started


class RewardClient:
    """Publishes rollout groups for the reward workers and joins their results.

    ``signals`` are the signals every group requests (any names the workers serve); ``weights``
    map signals to their weight in the reward (default 1.0 for each signal; a signal with weight 0
    is requested and reported but does not enter the reward). ``baseline`` is the default of
    advantages(), recorded in every group's reward spec with normalization NONE (this client's
    advantages are not normalised), as the Java trainer records its own for replay. ``deadline_s`` is
    how long one wait for results lasts. ``kafka_config`` adds librdkafka settings (security, for instance).
    """

    def __init__(self, bootstrap: str, run_id: str, signals: Sequence[str],
                 weights: Optional[Mapping[str, float]] = None, deadline_s: float = 30.0,
                 topic_prefix: str = "", kafka_config: Optional[Mapping[str, object]] = None,
                 metadata_timeout_s: float = 30.0, baseline: str = "greedy"):
        if not bootstrap:
            raise ValueError("bootstrap servers are required (HOST:PORT)")
        if not run_id:
            raise ValueError("run_id is required")
        if isinstance(signals, str):
            raise TypeError("signals is a list of names, not one string")
        signals = list(signals)
        if not signals:
            raise ValueError("at least one signal is required")
        if len(set(signals)) != len(signals):
            raise ValueError(f"signals repeat a name: {signals}")
        weights = {s: 1.0 for s in signals} if weights is None else {str(k): float(v) for k, v in weights.items()}
        unknown = sorted(set(weights) - set(signals))
        if unknown:
            raise ValueError(f"weights name signals that are not requested: {unknown} (signals: {signals})")
        bad = sorted(k for k, v in weights.items() if not math.isfinite(v))
        if bad:
            raise ValueError(f"weights must be finite numbers: {bad}")
        if not deadline_s > 0:
            raise ValueError(f"deadline_s must be > 0, got {deadline_s}")
        self.baseline = baseline_name(baseline)
        self.run_id = run_id
        self.signals = signals
        self.weights = weights
        self.deadline_s = float(deadline_s)
        self.topics = Topics(topic_prefix)
        self.total_stats = model.JoinStats()
        self._steps: Dict[int, _Step] = {}
        self._delivery_errors: List[str] = []

        base = {"bootstrap.servers": bootstrap}
        base.update(kafka_config or {})
        self._base = base
        self._producer = Producer({
            **base,
            "enable.idempotence": True,
            "acks": "all",
            "linger.ms": 2,
            # Rollouts name their partition (by image, see _send_rollouts); this is for the
            # references: murmur2 of the key bytes, Java's default, so the Java ReferencesPublisher
            # and this client put an image's references on one partition and compaction keeps the last.
            "partitioner": "murmur2_random",
            "client.id": f"scst-bus-trainer-py-{run_id}",
        })
        self._consumer = Consumer({
            **base,
            # Required by librdkafka; never joined (assign, not subscribe) and never committed.
            "group.id": f"scst-bus-trainer-py-{run_id}-{uuid.uuid4().hex[:8]}",
            "enable.auto.commit": False,
            "enable.auto.offset.store": False,
            "isolation.level": "read_committed",
            "client.id": f"scst-bus-trainer-py-{run_id}-results",
        })
        try:
            # Read once: a group's partition count must not change while it runs (docs/scaling-workers.md).
            self._rollout_partitions = len(self._partitions(self._consumer, self.topics.rollouts, metadata_timeout_s))
            partitions = self._partitions(self._consumer, self.topics.rewards, metadata_timeout_s)
            # Start at the end, resolved now (as Java's seekToEnd + position): whatever arrives
            # after this point is read, including results of rollouts published a moment later.
            ends = self._watermarks(self._consumer, self.topics.rewards, partitions, metadata_timeout_s)
            self._consumer.assign([TopicPartition(self.topics.rewards, p, high) for p, (_, high) in ends.items()])
        except Exception:
            self._consumer.close()
            raise

    # ---- rollouts -------------------------------------------------------------------------

    def publish(self, step: int, groups: Iterable[model.Rollout]) -> List[model.RolloutKey]:
        """Publishes one step's rollout groups (one per image) and starts their deadline.
        Returns their keys in publication order. Call collect(step) to get the rewards; the
        work between the two calls overlaps with the scoring."""
        step = int(step)
        state = self._steps.get(step)
        fresh = state is None
        if fresh:
            state = _Step()
        # Positions continue over the publishes of one step: 1-based publication order, as Java's.
        first = len(state.groups) + 1
        protos = [wire.rollout_group(self.run_id, step, g, self.signals, self.weights, position=first + i,
                                     baseline=WIRE_NAMES[self.baseline], normalization="NONE")
                  for i, g in enumerate(groups)]
        seen = set(state.joiner.keys())
        for g in protos:
            key = wire.key_of(g.key)
            if key in seen:
                raise ValueError(f"image '{key.image_id}' appears twice in step {step}: one rollout group per image")
            seen.add(key)
        for g in protos:
            state.joiner.expect(g)
        state.groups.extend(protos)
        if fresh:
            self._steps[step] = state
        self._send_rollouts(protos)
        state.published_at = time.monotonic()
        return [wire.key_of(g.key) for g in protos]

    def collect(self, step: int, timeout: Optional[float] = None) -> model.StepRewards:
        """Waits for the rewards of a published step, as the Java KafkaRewardBus.exchange does:
        up to the deadline (``timeout`` seconds if given, else ``deadline_s``; the first wait counts
        from the end of publish), then re-publishes the incomplete groups once with attempt + 1 and
        waits one more deadline; groups still incomplete are dropped and reported. Results already
        on the topic are always read before a group counts as incomplete."""
        step = int(step)
        state = self._steps.get(step)
        if state is None:
            raise ValueError(f"step {step} was not published (or was already collected) by this client")
        deadline = self.deadline_s if timeout is None else float(timeout)
        if not deadline > 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        try:
            joiner = state.joiner
            self._await(step, state.published_at + deadline)
            incomplete = joiner.incomplete()
            rerequested = len(incomplete)
            if rerequested:
                LOG.warning("step %d: %d of %d groups incomplete after %.1f s, re-requesting once",
                            step, rerequested, len(state.groups), deadline)
                again = []
                for g in incomplete:
                    retry = type(g)()
                    retry.CopyFrom(g)
                    retry.attempt = g.attempt + 1
                    again.append(retry)
                self._send_rollouts(again)
                self._await(step, time.monotonic() + deadline)
            dropped = [wire.key_of(g.key) for g in joiner.incomplete()]
            unanswered: Dict[str, int] = {}
            for key in dropped:
                for signal in joiner.missing_signals(key):
                    unanswered[signal] = unanswered.get(signal, 0) + 1
            if dropped:
                LOG.warning("step %d: %d groups dropped from the update, e.g. %s", step, len(dropped),
                            dropped[0].describe())
            stats = model.JoinStats(
                rollouts_published=len(state.groups) + rerequested,
                scores_expected=joiner.scores_expected,
                scores_received=joiner.scores_received,
                duplicates_dropped=joiner.duplicates,
                late_dropped=joiner.unexpected,
                groups_rerequested=rerequested,
                groups_dropped=len(dropped),
                wait_seconds=time.monotonic() - state.started)
            self.total_stats = self.total_stats.plus(stats)
            return model.StepRewards(step, joiner.complete(), dropped, stats, unanswered)
        finally:
            self._steps.pop(step, None)

    def exchange(self, step: int, groups: Iterable[model.Rollout], timeout: Optional[float] = None) -> model.StepRewards:
        """publish then collect, as the Java RewardBus.exchange."""
        self.publish(step, groups)
        return self.collect(step, timeout)

    def advantages(self, rewards: model.StepRewards, baseline: Optional[str] = None,
                   empty: Optional[Mapping[model.RolloutKey, AbstractSet[int]]] = None,
                   empty_samples: EmptySamples = EmptySamples()) -> Advantages:
        """Per-image advantages of a collected step under this client's weights and, unless given,
        its baseline; ``empty`` (per key, the indices of empty sampled captions: empty_sample_indices)
        get the ``empty_samples`` floor (see scstbus_client.advantages.compute_advantages)."""
        return compute_advantages(rewards, self.weights, self.baseline if baseline is None else baseline,
                                  empty, empty_samples)

    def _await(self, step: int, until: float) -> None:
        """Polls results until the step is complete or ``until`` (monotonic) has passed and a poll
        came back empty. Results of other pending steps go to their own joiners (publish/collect
        may be pipelined); results of other runs are ignored, those of sub-runs (RUN#...) are not;
        anything else counts as unexpected in this step's joiner, as in Java."""
        joiner = self._steps[step].joiner
        while not joiner.all_complete():
            left = until - time.monotonic()
            messages = self._consumer.consume(num_messages=500, timeout=min(left, 0.1) if left > 0 else 0.1)
            for m in messages:
                err = m.error()
                if err is not None:
                    if err.fatal():
                        raise KafkaException(err)
                    if err.code() != KafkaError._PARTITION_EOF:
                        LOG.warning("reading %s: %s", self.topics.rewards, err)
                    continue
                value = m.value()
                if value is None:
                    continue
                try:
                    result = reward_pb2.RewardResult.FromString(value)
                except DecodeError as e:
                    LOG.warning("skipping an undecodable result at %s[%d]@%d: %s", m.topic(), m.partition(),
                                m.offset(), e)
                    continue
                if not wire.own_run(self.run_id, result.key.run_id):
                    continue
                owner = self._steps.get(result.key.step)
                target = owner.joiner if owner is not None and owner.joiner.expects(wire.key_of(result.key)) else joiner
                target.offer(result)
            if left <= 0 and not messages:
                break

    # ---- references -----------------------------------------------------------------------

    def publish_references(self, dataset: str, image_id: str, captions: Sequence[str],
                           counts: Optional[Mapping[str, int]] = None, split: str = "",
                           scene_graphs: Sequence[str] = (), flush: bool = True) -> None:
        """Writes one image's references (reference captions, count dictionary, optional scene
        graphs) to the compacted references topic. Load references before publishing rollouts
        for the image; a worker without them scores INVALID ("no references ...")."""
        refs = wire.image_references(model.References(dataset, image_id, list(captions), dict(counts or {}),
                                                      split, list(scene_graphs or ())))
        self._send(self.topics.references, [refs], key=lambda r: wire.references_key(r.dataset, r.image_id),
                   flush=flush)

    def load_references(self, references: Iterable[model.References], timeout_s: float = 60.0) -> model.LoadReport:
        """Loads a dataset's references idempotently, as the Java ReferencesPublisher: reads the
        topic to its end and writes only the images whose references are new or changed."""
        offered = [wire.image_references(r) for r in references]
        present = self.read_references(timeout_s)
        changed = [r for r in offered if present.get((r.dataset, r.image_id)) != r]
        if changed:
            self._send(self.topics.references, changed,
                       key=lambda r: wire.references_key(r.dataset, r.image_id))
        return model.LoadReport(len(offered), len(changed), len(offered) - len(changed))

    def read_references(self, timeout_s: float = 60.0) -> dict:
        """The current content of the references topic, (dataset, image_id) -> ImageReferences."""
        consumer = Consumer({
            **self._base,
            "group.id": f"scst-bus-references-py-{uuid.uuid4().hex[:8]}",
            "enable.auto.commit": False,
            "isolation.level": "read_committed",
        })
        out = {}
        try:
            topic = self.topics.references
            ends = {}
            assign = []
            marks = self._watermarks(consumer, topic, self._partitions(consumer, topic, timeout_s), timeout_s)
            for p, (low, high) in marks.items():
                if high > low:
                    ends[p] = high
                    assign.append(TopicPartition(topic, p, low))
            if not assign:
                return out
            consumer.assign(assign)
            until = time.monotonic() + timeout_s
            while ends:
                if time.monotonic() > until:
                    raise TimeoutError(f"reading {topic} took more than {timeout_s} s")
                for m in consumer.consume(num_messages=500, timeout=0.2):
                    if m.error() is not None:
                        if m.error().fatal():
                            raise KafkaException(m.error())
                        continue
                    key = references_pb2.ReferencesKey.FromString(m.key() or b"")
                    if m.value() is None:
                        out.pop((key.dataset, key.image_id), None)
                    else:
                        out[(key.dataset, key.image_id)] = references_pb2.ImageReferences.FromString(m.value())
                for tp in consumer.position([TopicPartition(topic, p) for p in list(ends)]):
                    if tp.offset >= ends[tp.partition]:
                        del ends[tp.partition]
        finally:
            consumer.close()
        return out

    # ---- plumbing -------------------------------------------------------------------------

    @staticmethod
    def _partitions(client, topic: str, timeout_s: float) -> List[int]:
        try:
            md = client.list_topics(topic, timeout=timeout_s).topics.get(topic)
        except KafkaException as e:
            raise RuntimeError(f"cannot read the partitions of topic {topic} within {timeout_s} s: {e}") from e
        if md is None or md.error is not None or not md.partitions:
            why = md.error if md is not None else "no metadata"
            raise RuntimeError(f"topic {topic} does not exist on the cluster ({why}); "
                               f"bin/broker creates it, or: bin/reward-worker create-topics")
        return sorted(md.partitions)

    @staticmethod
    def _watermarks(consumer, topic: str, partitions: List[int], timeout_s: float) -> Dict[int, tuple]:
        """(low, high) offsets per partition, retrying what a young cluster answers while leaders
        settle (NOT_LEADER_FOR_PARTITION, LEADER_NOT_AVAILABLE, ...) until ``timeout_s``."""
        until = time.monotonic() + timeout_s
        out = {}
        for p in partitions:
            while True:
                try:
                    out[p] = consumer.get_watermark_offsets(TopicPartition(topic, p),
                                                            timeout=max(1.0, until - time.monotonic()))
                    break
                except KafkaException as e:
                    err = e.args[0] if e.args and isinstance(e.args[0], KafkaError) else None
                    settling = err is not None and (err.retriable() or err.code() in _SETTLING)
                    if not settling or time.monotonic() > until:
                        raise
                    time.sleep(0.2)
        return out

    def _send_rollouts(self, groups: list) -> None:
        """Every group on its image's partition, as the Java trainer's ImagePartitioner puts it."""
        self._send(self.topics.rollouts, groups,
                   partition=lambda g: partition_of(g.key.image_id, self._rollout_partitions))

    def _send(self, topic: str, messages: list, key=lambda m: m.key, partition=None, flush: bool = True,
              flush_timeout_s: float = 30.0) -> None:
        """``partition`` maps a message to its partition; without it the producer's partitioner picks."""
        def delivered(err, msg):
            if err is not None:
                self._delivery_errors.append(f"{msg.topic()}: {err}")

        for m in messages:
            where = {} if partition is None else {"partition": partition(m)}
            while True:
                try:
                    self._producer.produce(topic, key=wire_bytes(key(m)), value=wire_bytes(m), on_delivery=delivered,
                                           **where)
                    break
                except BufferError:  # local queue full: let deliveries drain
                    self._producer.poll(0.1)
            self._producer.poll(0)
        if flush:
            self.flush(flush_timeout_s)

    def flush(self, timeout_s: float = 30.0) -> None:
        """Waits until everything produced is acknowledged; raises on a failed delivery."""
        left = self._producer.flush(timeout_s)
        errors, self._delivery_errors = self._delivery_errors, []
        if errors:
            raise RuntimeError(f"{len(errors)} records were not delivered, e.g. {errors[0]}")
        if left:
            raise TimeoutError(f"{left} records not acknowledged after {timeout_s} s")

    def close(self) -> None:
        try:
            self._producer.flush(10)
        finally:
            self._consumer.close()

    def __enter__(self) -> "RewardClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wire_bytes(message) -> bytes:
    return message.SerializeToString(deterministic=True)
