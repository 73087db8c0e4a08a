"""SCST fine-tuning of an image captioner in PyTorch, with rewards from the scst-bus reward workers.

    python3 -m scstbus_client.train --bootstrap localhost:9092 --annotations dataset.json \\
        --images IMAGE_DIR [--counts counts.json] [--ce-epochs 2] --steps 100 --out runs/my-run

Reads a Karpathy dataset.json (RSICD, UCM, Sydney), COCO caption annotations or a LAVIS list with an
image folder (image id = file name without extension, as everywhere in scst-bus), publishes the
dataset's references with their count dictionaries, trains optional cross-entropy epochs, then SCST:
per step K sampled captions plus the greedy caption per image are published, scored by the workers,
joined, turned into advantages (greedy or leave-one-out baseline) and into the policy loss on the
captions' log-probabilities (masked after EOS) plus lambda x varentropy / entropy (docs/design.md),
with gradient clipping. ``--max-staleness 1`` samples step t + 1 while the workers score step t.
Writes per-step progress, checkpoints (``--resume``), the run summary (the Java trainer's
``--summary-json`` fields) and ``results_test.json`` for ``bin/trainer evaluate``.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
from typing import Dict, List, Optional, Sequence

from .advantages import baseline_name
from .data import DataError

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

# The default reward mix of the Java trainer's presets (TrainConfig.defaultSignals).
DEFAULT_WEIGHTS = {"cider_d": 1.0, "length": 0.0, "sde": 1.0, "count_abs": -0.5, "count_signed": 0.0,
                   "count_coverage": 0.5, "oversight": -0.5, "hallucination": -0.5, "repetition": -1.0}
# What validation reports (EvalConfig.DEFAULT_SIGNALS).
DEFAULT_EVAL_SIGNALS = ("cider_d", "bleu_4", "rouge_l", "sde", "count_abs", "count_signed", "count_coverage",
                        "oversight", "hallucination")


class UsageError(ValueError):
    pass


def _weights(text: str) -> Dict[str, float]:
    """``cider_d=1,length=0`` -> ordered {signal: weight}; a bare name weighs 1."""
    out: Dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        try:
            out[name.strip()] = float(value) if value else 1.0
        except ValueError:
            raise argparse.ArgumentTypeError(f"weight of '{name}' is not a number: '{value}'")
        if not math.isfinite(out[name.strip()]):
            raise argparse.ArgumentTypeError(f"weight of '{name}' must be finite, got {value}")
    if not out:
        raise argparse.ArgumentTypeError("no signal given")
    return out


def _names(text: str) -> List[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m scstbus_client.train",
        description="SCST fine-tuning of a PyTorch captioner with rewards from the scst-bus reward workers over "
                    "Kafka: optional cross-entropy epochs, then SCST (K samples + greedy per image).",
        epilog="Exit status: 0 trained, 1 bad input (dataset, images, references, checkpoint), 2 bad command line.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    bus = p.add_argument_group("bus")
    bus.add_argument("--bootstrap", required=True, metavar="HOST:PORT", help="Kafka bootstrap servers with reward workers running")
    bus.add_argument("--run-id", metavar="ID", help="run id on the bus (default: a new random id; with --resume: the checkpoint's)")
    bus.add_argument("--topic-prefix", default="", metavar="PREFIX", help="prefix of the bus topic names")
    bus.add_argument("--kafka-config", metavar="FILE", help="extra librdkafka settings, key=value lines (security)")
    bus.add_argument("--reward-deadline", type=float, default=60.0, metavar="SECONDS",
                     help="how long to wait for a step's rewards before re-requesting once")
    bus.add_argument("--skip-references", action="store_true",
                     help="do not publish the dataset's references (already loaded, e.g. by 'reward-worker "
                          "load-references'); they are still checked on the topic")

    data = p.add_argument_group("data")
    data.add_argument("--annotations", required=True, nargs="+", metavar="FILE",
                      help="Karpathy dataset.json, COCO caption annotations or a LAVIS list (several files merge)")
    data.add_argument("--format", default="auto", choices=("auto", "karpathy", "coco", "lavis"), help="annotation layout")
    data.add_argument("--images", required=True, metavar="DIR", help="image folder the annotations' file names are relative to")
    data.add_argument("--counts", metavar="FILE", help="count dictionaries, {\"<image id>\": {\"object\": n}} "
                                                       "(JSON or the JSON Lines 'reward-worker build-counts' writes)")
    data.add_argument("--dataset", metavar="NAME", help="dataset name on the references topic (default: the file's "
                                                       "'dataset' field, else its name)")
    data.add_argument("--train-splits", type=_names, default=["train"], metavar="A,B", help="splits to train on (train takes restval too)")
    data.add_argument("--val-split", default="val", help="split evaluated after CE and after SCST")
    data.add_argument("--test-split", default="test", help="split whose greedy captions go to results_test.json")
    data.add_argument("--max-train-images", type=int, default=0, metavar="N", help="0: all")
    data.add_argument("--max-val-images", type=int, default=0, metavar="N", help="0: all")
    data.add_argument("--max-test-images", type=int, default=0, metavar="N", help="0: all")
    data.add_argument("--on-problem", choices=("skip", "fail"), default="skip",
                      help="a missing or unreadable image, or one without captions: skip it (named and counted) or fail")

    m = p.add_argument_group("model")
    m.add_argument("--hf-model", metavar="NAME", help="a Hugging Face BLIP captioner (BlipForConditionalGeneration) "
                                                     "instead of the torchvision one; needs transformers")
    m.add_argument("--backbone", default="resnet18", choices=("resnet18", "resnet34", "resnet50"),
                   help="torchvision encoder; its ImageNet weights are used when the torch hub cache holds them")
    m.add_argument("--decoder", default="lstm", choices=("lstm", "transformer"))
    m.add_argument("--hidden", type=int, default=256)
    m.add_argument("--layers", type=int, default=1)
    m.add_argument("--image-size", type=int, default=224, metavar="PIXELS", help="images are resized to this square")
    m.add_argument("--max-length", type=int, default=20, metavar="TOKENS", help="longest caption generated")
    m.add_argument("--vocab-min-count", type=int, default=1, metavar="N", help="words seen fewer times are <unk>")

    t = p.add_argument_group("training")
    t.add_argument("--ce-epochs", type=int, default=0, help="cross-entropy epochs before SCST")
    t.add_argument("--ce-batch-size", type=int, default=32)
    t.add_argument("--ce-lr", type=float, default=5e-4)
    t.add_argument("--steps", type=int, default=100, help="SCST steps")
    t.add_argument("--images-per-step", type=int, default=16)
    t.add_argument("--samples", type=int, default=5, metavar="K", help="sampled captions per image and step")
    t.add_argument("--temperature", type=float, default=1.0)
    t.add_argument("--scst-lr", type=float, default=5e-5)
    t.add_argument("--signals", type=_weights, default=dict(DEFAULT_WEIGHTS), metavar="NAME=W,...",
                   help="signals requested and their weights in the reward (0: reported only)")
    t.add_argument("--baseline", default="greedy", help="greedy (SCST) or mean_others (new SCST, leave-one-out)")
    t.add_argument("--empty-sample-margin", type=float, default=1.0, metavar="M",
                   help="an empty sampled caption's reward: the lowest of the rest of its group minus M (as the Java "
                        "trainer's scst.empty_sample_margin)")
    t.add_argument("--ve-lambda", type=float, default=1e-4, help="weight of the varentropy / entropy term")
    t.add_argument("--grad-clip", type=float, default=1.0, help="max gradient norm (0: no clipping)")
    t.add_argument("--max-staleness", type=int, default=0, choices=(0, 1),
                   help="1: sample and publish step t+1 while step t's rewards are computed")
    t.add_argument("--eval-signals", type=_names, default=list(DEFAULT_EVAL_SIGNALS), metavar="A,B",
                   help="signals of the val evaluations (every one must be served by some worker group)")
    t.add_argument("--eval-batch-size", type=int, default=32)
    t.add_argument("--seed", type=int, default=7)
    t.add_argument("--device", default="cuda" if _cuda() else "cpu", choices=("cpu", "cuda"))
    t.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")

    o = p.add_argument_group("output")
    o.add_argument("--out", metavar="DIR", help="results_test.json and summary.json go here (default: runs/RUN_ID)")
    o.add_argument("--summary-json", metavar="FILE", help="the run summary as JSON (default: OUT/summary.json)")
    o.add_argument("--checkpoint-dir", metavar="DIR", help="save checkpoints here (DIR/RUN_ID/step-N.pt)")
    o.add_argument("--checkpoint-every", type=int, default=0, metavar="STEPS", help="also every N SCST steps (0: at the end only)")
    o.add_argument("--resume", action="store_true", help="continue the latest checkpoint of --run-id (or the latest in --checkpoint-dir)")
    return p


def _cuda() -> bool:
    try:
        import torch
        return torch.cuda.is_available()
    except ImportError:
        return False


def _kafka_config(path: Optional[str]) -> Dict[str, str]:
    if not path:
        return {}
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if "=" not in line:
                    raise DataError(f"{path}:{n}: expected key=value, got '{line}'")
                k, v = line.split("=", 1)
                out[k.strip()] = v.strip()
    except OSError as e:
        raise DataError(f"Kafka settings file {path} cannot be read: {e}") from e
    return out


def check(args) -> None:
    """Option ranges, before anything is loaded."""
    for name, low in (("samples", 1), ("images_per_step", 1), ("hidden", 8), ("layers", 1), ("max_length", 1),
                      ("image_size", 32), ("ce_batch_size", 1), ("eval_batch_size", 1), ("vocab_min_count", 1)):
        if getattr(args, name) < low:
            raise UsageError(f"--{name.replace('_', '-')} must be >= {low}, got {getattr(args, name)}")
    for name in ("steps", "ce_epochs", "checkpoint_every", "threads", "max_train_images", "max_val_images",
                 "max_test_images"):
        if getattr(args, name) < 0:
            raise UsageError(f"--{name.replace('_', '-')} must be >= 0, got {getattr(args, name)}")
    if not args.reward_deadline > 0 or not args.temperature > 0 or args.grad_clip < 0 or args.ve_lambda < 0:
        raise UsageError("--reward-deadline and --temperature must be > 0, --grad-clip and --ve-lambda >= 0")
    try:
        args.baseline = baseline_name(args.baseline)
    except ValueError as e:
        raise UsageError(f"--baseline: {e}")
    if args.baseline == "mean_others" and args.samples < 2:
        raise UsageError("--baseline mean_others needs --samples >= 2")
    if not any(w != 0 for w in args.signals.values()):
        raise UsageError(f"--signals: at least one signal needs a non-zero weight, got {args.signals}")
    if args.resume and not args.checkpoint_dir:
        raise UsageError("--resume needs --checkpoint-dir")
    if args.hf_model:
        from .policies import hf_available
        if not hf_available():
            raise UsageError("--hf-model needs the transformers package, which this Python cannot import")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        check(args)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    try:
        from .trainer import ScstTrainer
    except ImportError as e:
        print(f"{parser.prog}: the training program needs PyTorch and torchvision (Debian 12: apt-get install -y "
              f"python3-torch python3-torchvision): {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        ScstTrainer(args, out=sys.stderr).run()
        return 0
    except DataError as e:
        print(f"{parser.prog}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
