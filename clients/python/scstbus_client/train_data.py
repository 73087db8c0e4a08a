"""The training program's examples: a dataset's images of the wanted splits, read from the image folder
at start (data.py for the annotations, images.py for the files). A missing or unreadable image, or an
image without captions, is skipped, named and counted (or fails the run with ``on_problem="fail"``),
as the Java DatasetLoader does; never a silent black image."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

import torch

from .data import Dataset, DataError, ImageEntry, caption_tokens
from .images import MISSING, ImageProblem, load_image

MAX_LISTED = 5


@dataclass
class Example:
    image_id: str
    split: str
    image: torch.Tensor            # (3, S, S) uint8
    captions: List[str]


@dataclass
class LoadReport:
    """What loading found: images loaded, and those skipped by reason, with the first few named."""

    loaded: int = 0
    missing: int = 0
    unreadable: int = 0
    without_captions: int = 0
    problems: List[str] = field(default_factory=list)

    def note(self, problem: str) -> None:
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)

    def skipped(self) -> int:
        return self.missing + self.unreadable + self.without_captions

    def __str__(self) -> str:
        text = (f"{self.loaded} images loaded, {self.missing} missing, {self.unreadable} unreadable, "
                f"{self.without_captions} without captions")
        return text + ("; " + "; ".join(self.problems) if self.problems else "")


def load_examples(dataset: Dataset, image_dir: str, size: int, splits: Dict[str, Sequence[str]],
                  limits: Dict[str, int], on_problem: str = "skip") -> (Dict[str, List[Example]], LoadReport):
    """``splits`` maps a role (train, val, test) to the dataset splits it takes; ``limits`` caps each
    role's images (0: no cap). Returns the examples per role and the report."""
    if on_problem not in ("skip", "fail"):
        raise ValueError(f"on_problem is 'skip' or 'fail', got '{on_problem}'")
    report = LoadReport()
    out: Dict[str, List[Example]] = {}
    for role, names in splits.items():
        examples: List[Example] = []
        for entry in dataset.split(names):
            if limits.get(role, 0) and len(examples) >= limits[role]:
                break
            example = _load_one(entry, image_dir, size, on_problem, report)
            if example is not None:
                examples.append(example)
        out[role] = examples
    report.loaded = sum(len(v) for v in out.values())
    return out, report


def _load_one(entry: ImageEntry, image_dir: str, size: int, on_problem: str, report: LoadReport):
    if not any(caption_tokens(c) for c in entry.captions):
        problem = f"image '{entry.image_id}' ({entry.relative_path}) has no captions"
        if on_problem == "fail":
            raise DataError(problem)
        report.without_captions += 1
        report.note(problem)
        return None
    if not entry.relative_path:
        raise DataError(f"image '{entry.image_id}' names no image file: the annotation file gives it no "
                        "'filename' (Karpathy), 'file_name' (COCO) or 'image' (LAVIS)")
    try:
        image = load_image(os.path.join(image_dir, entry.relative_path), size)
    except ImageProblem as e:
        problem = f"image '{entry.image_id}': {e}"
        if on_problem == "fail":
            raise DataError(problem) from e
        if e.kind == MISSING:
            report.missing += 1
        else:
            report.unreadable += 1
        report.note(problem)
        return None
    return Example(entry.image_id, entry.split, image, list(entry.captions))
