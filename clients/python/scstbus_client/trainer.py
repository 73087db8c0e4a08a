"""The training run behind ``python3 -m scstbus_client.train`` (train.py parses and checks the options):
data and references, the policy, cross-entropy epochs, SCST steps through the reward bus, evaluations,
checkpoints, the summary and results_test.json. Each part is one method."""

from __future__ import annotations

import glob
import os
import random
import re
import time
import uuid
from dataclasses import dataclass
from typing import AbstractSet, Dict, List, Optional

import torch

from . import summary as summaries
from .captioner import Captioner
from .advantages import EmptySamples, empty_sample_indices
from .client import RewardClient
from .data import DataError, load_dataset
from .model import Caption, Rollout, RolloutKey
from .policies import HfBlipPolicy, TorchvisionPolicy
from .scst_loss import scst_loss
from .summary import RunCounters, StepReport
from .train_data import Example, load_examples
from .vocab import Vocabulary


BAR = 24


def _bar(done: int, total: int) -> str:
    """The Java ProgressBar.bar look: [#####.....]."""
    filled = BAR if total <= 0 else max(0, min(BAR, BAR * done // total))
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


@dataclass
class InFlight:
    """A published step whose rewards are not collected yet."""

    step: int
    images: List[Example]
    samples: torch.Tensor
    scored: object          # captioner.Scored when computed before the rewards arrived, else None
    greedy_example: str
    keys: List[RolloutKey]
    seconds: float          # sampling and publishing
    wait: float             # of which publishing
    empty: Dict[RolloutKey, AbstractSet[int]]  # per key, its empty sampled captions: rewarded with the floor

    @property
    def empty_samples(self) -> int:
        """Sampled captions that are empty or whitespace (counted as the Java trainer counts them)."""
        return sum(len(indices) for indices in self.empty.values())


class ScstTrainer:

    def __init__(self, args, out):
        self.a = args
        self.out = out
        self.device = torch.device(args.device)
        if self.device.type == "cuda" and not torch.cuda.is_available():
            raise DataError("--device cuda: torch sees no CUDA device here")
        if args.threads:
            torch.set_num_threads(args.threads)
        self.unanswered: Dict[str, int] = {}
        self.empty_rule = EmptySamples(args.empty_sample_margin)

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    # ---- the run ----------------------------------------------------------------------------

    def run(self) -> dict:
        a = self.a
        wall = time.monotonic()
        random.seed(a.seed)
        torch.manual_seed(a.seed)
        dataset, examples = self.load_data()
        checkpoint = self.latest_checkpoint() if a.resume else None
        if a.resume and checkpoint is None:
            self.say(f"no checkpoint to resume under {a.checkpoint_dir}"
                     + (f" for run {a.run_id}" if a.run_id else "") + "; starting a new run")
        state = torch.load(checkpoint, map_location="cpu") if checkpoint else None
        self.run_id = state["run_id"] if state else a.run_id or "run-" + uuid.uuid4().hex[:8]
        self.policy = self.build_policy(examples["train"], state)
        self.optimizer = torch.optim.Adam(self.policy.parameters(), lr=a.ce_lr)
        self.ce_done = state["ce_epochs_done"] if state else 0
        self.steps_done = state["scst_steps_done"] if state else 0
        self.counters = RunCounters.from_dict(state["counters"]) if state else RunCounters()
        self.val_after_ce = state["val_after_ce"] if state else None
        if state:
            self.policy.load_state_dict(state["policy"])
            self.optimizer.load_state_dict(state["optimizer"])
            self.say(f"resuming run {self.run_id} from {checkpoint} (CE epochs {self.ce_done}, SCST steps {self.steps_done})")
        self.say(f"run {self.run_id}: {self.policy.describe()}, device {self.device}")
        self.out_dir = a.out or os.path.join("runs", self.run_id)
        kafka = self.kafka_settings()
        with RewardClient(a.bootstrap, self.run_id + "#eval", a.eval_signals, {s: 0.0 for s in a.eval_signals},
                          deadline_s=a.reward_deadline, topic_prefix=a.topic_prefix, kafka_config=kafka) as evaluator:
            self.evaluator = evaluator
            self.references(dataset, examples, evaluator)
            self.cross_entropy(examples)
            # created after the CE evaluation, so its results are not read as late answers of step 1
            with RewardClient(a.bootstrap, self.run_id, list(a.signals), a.signals, deadline_s=a.reward_deadline,
                              topic_prefix=a.topic_prefix, kafka_config=kafka, baseline=a.baseline) as bus:
                self.bus = bus
                self.scst(examples["train"])
            after_scst = self.evaluate("after SCST", examples["val"]) if a.steps > 0 else None
            self.results(examples["test"])
        s = summaries.summary(self.run_id, self.steps_done, self.ce_done, state["scst_steps_done"] if state else None,
                              self.counters, self.val_after_ce, after_scst, time.monotonic() - wall)
        self.out.write(summaries.table(s))
        for signal, groups in self.unanswered.items():
            self.say(f"signal '{signal}' got no score for {groups} groups over the run: no worker group serves it")
        summaries.write_json(a.summary_json or os.path.join(self.out_dir, "summary.json"), s)
        return s

    # ---- data -------------------------------------------------------------------------------

    def load_data(self):
        a = self.a
        dataset = load_dataset(a.annotations, a.counts, a.dataset, a.format)
        counted = sum(1 for e in dataset.images if dataset.counts.get(e.image_id))
        examples, report = load_examples(dataset, a.images, a.image_size,
                                         {"train": a.train_splits, "val": [a.val_split], "test": [a.test_split]},
                                         {"train": a.max_train_images, "val": a.max_val_images, "test": a.max_test_images},
                                         a.on_problem)
        self.say(f"dataset {dataset.name}: {len(examples['train'])} train, {len(examples['val'])} val, "
                 f"{len(examples['test'])} test images; {report}; count dictionaries for {counted} images")
        if not examples["train"]:
            raise DataError(f"no training images in splits {a.train_splits} of {a.annotations} ({report})")
        self.dataset = dataset
        return dataset, examples

    def references(self, dataset, examples, client: RewardClient) -> None:
        """Publishes the dataset's references (only what is new or changed), then checks that every image
        the run will publish has references on the topic: an image without them would be INVALID for
        every signal. Images without references are left out, named and counted; none at all is an error."""
        if not self.a.skip_references:
            r = client.load_references(dataset.references())
            self.say(f"references of {dataset.name}: {r.offered} images, {r.written} written, {r.unchanged} already there")
        present = {image for (name, image) in client.read_references() if name == dataset.name}
        for role in ("train", "val", "test"):
            absent = [e.image_id for e in examples[role] if e.image_id not in present]
            if not absent:
                continue
            if len(absent) == len(examples[role]) and role == "train":
                raise DataError(f"dataset '{dataset.name}' has no references on {client.topics.references} for its "
                                f"{len(absent)} training images (e.g. '{absent[0]}'): load them (drop --skip-references, "
                                f"or bin/reward-worker load-references) or check --dataset")
            self.say(f"{len(absent)} {role} images have no references on {client.topics.references} and are left "
                     f"out, e.g. '{absent[0]}'")
            examples[role] = [e for e in examples[role] if e.image_id in present]

    # ---- model ------------------------------------------------------------------------------

    def build_policy(self, train: List[Example], state: Optional[dict]):
        a = self.a
        if a.hf_model:
            return HfBlipPolicy(a.hf_model, self.device, a.max_length, a.temperature)
        vocabulary = Vocabulary(state["policy"]["vocabulary"]) if state else \
            Vocabulary.build((c for e in train for c in e.captions), a.vocab_min_count)
        model = Captioner(len(vocabulary), a.backbone, a.decoder, a.hidden, a.layers, max_length=a.max_length)
        return TorchvisionPolicy(model, vocabulary, self.device, a.temperature)

    def kafka_settings(self):
        from .train import _kafka_config
        return _kafka_config(self.a.kafka_config)

    # ---- cross-entropy ------------------------------------------------------------------------

    def cross_entropy(self, examples) -> None:
        a = self.a
        pairs = [(e, c) for e in examples["train"] for c in e.captions if c.strip()]
        for g in self.optimizer.param_groups:
            g["lr"] = a.ce_lr
        for epoch in range(self.ce_done + 1, a.ce_epochs + 1):
            start = time.monotonic()
            order = list(range(len(pairs)))
            random.Random(a.seed * 1000003 + epoch).shuffle(order)
            total, batches = 0.0, 0
            for i in range(0, len(order), a.ce_batch_size):
                batch = [pairs[j] for j in order[i:i + a.ce_batch_size]]
                images = torch.stack([e.image for e, _ in batch])
                loss = self.policy.ce_loss(images, [c for _, c in batch], a.max_length)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                total += float(loss)
                batches += 1
            self.ce_done = epoch
            self.say(f"CE epoch {epoch}/{a.ce_epochs} {_bar(epoch, a.ce_epochs)} loss {total / max(1, batches):.4f} "
                     f"({time.monotonic() - start:.1f} s)")
        if self.val_after_ce is None:
            self.val_after_ce = self.evaluate("after CE", examples["val"])
            self.checkpoint()

    # ---- SCST -------------------------------------------------------------------------------

    def scst(self, train: List[Example]) -> None:
        a = self.a
        if self.steps_done >= a.steps:
            return
        for g in self.optimizer.param_groups:
            g["lr"] = a.scst_lr
        first, last = self.steps_done + 1, a.steps
        if a.max_staleness == 0:
            for s in range(first, last + 1):
                self.step_done(self.finish(self.rollout(s, train, score_now=True)))
            return
        # max staleness 1: step s + 1 is sampled and published before step s's rewards are collected
        in_flight = self.rollout(first, train, score_now=False)
        for s in range(first, last + 1):
            nxt = self.rollout(s + 1, train, score_now=False) if s < last else None
            self.step_done(self.finish(in_flight))
            in_flight = nxt

    def schedule(self, step: int, n: int) -> List[int]:
        """Training images of 1-based ``step``: consecutive chunks of a per-pass shuffle, a function of
        (seed, step) alone (the Java ImageSchedule), so a resumed run draws the same images."""
        per = min(self.a.images_per_step, n)
        per_pass = n // per
        pas, offset = (step - 1) // per_pass, ((step - 1) % per_pass) * per
        order = list(range(n))
        random.Random(self.a.seed * 0x5DEECE66D + pas).shuffle(order)
        return order[offset:offset + per]

    def rollout(self, step: int, train: List[Example], score_now: bool) -> InFlight:
        """Samples K captions and the greedy one per image and publishes them. With ``score_now`` the
        samples' log-probabilities are computed while the workers score (max staleness 0)."""
        a = self.a
        started = time.monotonic()
        images = [train[i] for i in self.schedule(step, len(train))]
        batch = torch.stack([e.image for e in images])
        generator = torch.Generator(device=self.device)
        generator.manual_seed(a.seed * 1000003 + step)
        r = self.policy.rollout(batch, a.samples, generator)
        k = a.samples
        groups = [Rollout(e.image_id, self.dataset.name,
                          [Caption(r.sample_texts[i * k + j], r.sample_counts[i * k + j]) for j in range(k)],
                          Caption(r.greedy_texts[i], r.greedy_counts[i]), policy_version=self.steps_done)
                  for i, e in enumerate(images)]
        t = time.monotonic()
        keys = self.bus.publish(step, groups)
        wait = time.monotonic() - t
        scored = self.policy.score(batch, r.samples, k) if score_now else None
        return InFlight(step, images, r.samples, scored, r.greedy_texts[0] if images else "", keys,
                        time.monotonic() - started, wait, empty_sample_indices(keys, groups))

    def finish(self, f: InFlight) -> StepReport:
        """Collects the rewards, computes the advantages and the loss, and updates the policy. The step's
        time is the rollout's plus this (with max staleness 1, not the next step's sampling in between),
        as the Java trainer counts it."""
        a = self.a
        resumed = time.monotonic()
        rewards = self.bus.collect(f.step)
        wait = f.wait + time.monotonic() - resumed
        adv = self.bus.advantages(rewards, empty=f.empty, empty_samples=self.empty_rule)
        by_image = {i.key.image_id: i for i in adv.images}
        for signal, groups in rewards.unanswered.items():
            if signal not in self.unanswered:
                self.say(f"step {f.step}: signal '{signal}' got no score for {groups} of {len(f.keys)} groups after the "
                         f"re-request: is a worker group serving it running? (bin/reward-worker run --signals {signal} ...)")
            self.unanswered[signal] = self.unanswered.get(signal, 0) + groups
        for left in adv.left_out[:3]:
            self.say(f"step {f.step}: {left.key.describe()} left out: {left.reason}")
        k = a.samples
        include = torch.zeros(len(f.images) * k, dtype=torch.bool)
        values = torch.zeros(len(f.images) * k, dtype=torch.float64)
        for i, e in enumerate(f.images):
            img = by_image.get(e.image_id)
            if img is not None:
                include[i * k:(i + 1) * k] = True
                values[i * k:(i + 1) * k] = torch.tensor(img.advantages, dtype=torch.float64)
        terms, grad_norm = None, float("nan")
        if adv.images:
            batch = torch.stack([e.image for e in f.images])
            scored = f.scored if f.scored is not None else self.policy.score(batch, f.samples, k)
            terms = scst_loss(scored, values.to(self.device, torch.float32), include.to(self.device), a.ve_lambda)
            self.optimizer.zero_grad()
            terms.total.backward()
            params = [p for p in self.policy.parameters() if p.grad is not None]
            grad_norm = float(torch.nn.utils.clip_grad_norm_(params, a.grad_clip if a.grad_clip > 0 else float("inf")))
            self.optimizer.step()
        samples = [r for i in adv.images for r in i.rewards]
        greedy = [i.greedy_reward for i in adv.images if i.greedy_reward is not None]
        missing = len(rewards.dropped)
        return StepReport(f.step, len(f.images), len(adv.images), len(adv.left_out) - missing, missing, terms is not None,
                          sum(samples) / len(samples) if samples else float("nan"),
                          sum(greedy) / len(greedy) if greedy else float("nan"),
                          float(terms.total) if terms else float("nan"), terms.policy if terms else float("nan"),
                          terms.varentropy_over_entropy if terms else float("nan"),
                          terms.entropy if terms else float("nan"), grad_norm, wait,
                          f.seconds + time.monotonic() - resumed, rewards.stats, f.greedy_example, dict(rewards.unanswered),
                          f.empty_samples)

    def step_done(self, r: StepReport) -> None:
        self.counters = self.counters.plus(r)
        self.steps_done = r.step
        if r.updated:
            what = (f"reward {r.mean_sample_reward:.4f} greedy {r.mean_greedy_reward:.4f} loss {r.loss:+.4f} "
                    f"V/E {r.varentropy_over_entropy:.3f}")
        else:
            what = "no usable group, no update"
        share = 0.0 if r.step_seconds <= 0 else 100 * r.wait_seconds / r.step_seconds
        self.say(f"SCST step {r.step}/{self.a.steps} {_bar(r.step, self.a.steps)} {what} | groups {r.included}/{r.groups} "
                 f"(left out {r.left_out}, missing {r.missing}) | reward wait {1000 * r.wait_seconds:.0f} ms of "
                 f"{1000 * r.step_seconds:.0f} ms ({share:.0f}%)")
        every = self.a.checkpoint_every
        if r.step == self.a.steps or (every and r.step % every == 0):
            self.checkpoint()

    # ---- evaluation and results ---------------------------------------------------------------

    def captions(self, examples: List[Example]) -> List[str]:
        out: List[str] = []
        for i in range(0, len(examples), self.a.eval_batch_size):
            out += self.policy.greedy(torch.stack([e.image for e in examples[i:i + self.a.eval_batch_size]]))
        return out

    def evaluate(self, label: str, val: List[Example]) -> dict:
        """Greedy captions of the val images scored through the bus under ``RUN#eval`` (BusEvaluator):
        the mean of each signal's OK values; a signal never OK is reported absent (None), not 0."""
        if not val:
            self.say(f"val {label}: no val images, nothing evaluated")
            return summaries.val_metrics({}, 0)
        captions = self.captions(val)
        sequence = self.steps_done   # 0 after CE; unique within the run's RUN#eval keys
        groups = [Rollout(e.image_id, self.dataset.name, [], Caption(c, len(c.split()))) for e, c in zip(val, captions)]
        rewards = self.evaluator.exchange(sequence, groups)
        means: Dict[str, Optional[float]] = {}
        self.say(f"val {label} ({len(val)} images):")
        for signal in self.a.eval_signals:
            ok = [g.greedy.scores[signal].value for g in rewards.complete.values()
                  if g.greedy is not None and signal in g.greedy.scores and g.greedy.scores[signal].ok]
            means[signal] = sum(ok) / len(ok) if ok else None
            self.say(f"  {signal:<14} {'-' if not ok else format(means[signal], '.4f'):>10}  (ok {len(ok)}, "
                     f"not ok {len(val) - len(ok)})")
        for e, c in list(zip(val, captions))[:3]:
            self.say(f"  {e.image_id}: \"{c}\"  (ref: \"{e.captions[0] if e.captions else ''}\")")
        return summaries.val_metrics(means, len(val))

    def results(self, test: List[Example]) -> None:
        """results_test.json: the greedy caption of every test image, [{"image_id", "caption"}], as
        ``bin/trainer evaluate --results`` reads it."""
        if not test:
            self.say(f"no {self.a.test_split} images: results_test.json not written")
            return
        path = os.path.join(self.out_dir, "results_test.json")
        summaries.write_json(path, [{"image_id": e.image_id, "caption": c} for e, c in zip(test, self.captions(test))])
        self.say(f"wrote {path} ({len(test)} {self.a.test_split} images)")

    # ---- checkpoints --------------------------------------------------------------------------

    def checkpoint(self) -> None:
        if not self.a.checkpoint_dir:
            return
        folder = os.path.join(self.a.checkpoint_dir, self.run_id)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"step-{self.steps_done:06d}.pt")
        torch.save({"run_id": self.run_id, "ce_epochs_done": self.ce_done, "scst_steps_done": self.steps_done,
                    "counters": self.counters.to_dict(), "val_after_ce": self.val_after_ce,
                    "policy": self.policy.state_dict(), "optimizer": self.optimizer.state_dict()}, path + ".tmp")
        os.replace(path + ".tmp", path)

    def latest_checkpoint(self) -> Optional[str]:
        pattern = os.path.join(self.a.checkpoint_dir, self.a.run_id or "*", "step-*.pt")
        found = sorted(glob.glob(pattern), key=lambda p: (int(re.search(r"step-(\d+)", p).group(1)), os.path.getmtime(p)))
        return found[-1] if found else None
