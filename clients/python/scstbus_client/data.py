"""Dataset files as scst-bus reads them, restated for Python: caption annotations (Karpathy dataset.json
as RSICD, UCM and Sydney ship it, COCO caption files, LAVIS lists) and per-image count dictionaries.

The rules are those of reward-workers/src/main/java/io/scstbus/rewards/data (AnnotationReader,
ImageEntry, CountDictionaries): an image's id is its file name without folder and extension
(``images/airport_1.jpg`` -> ``airport_1``), the id rollouts, references and count dictionaries use
everywhere; an image listed twice gets the captions of both entries. No torch here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence

from . import model

KARPATHY, COCO, LAVIS = "karpathy", "coco", "lavis"
FORMATS = ("auto", KARPATHY, COCO, LAVIS)


class DataError(ValueError):
    """A dataset file that cannot be used, with the file and the record named."""


@dataclass(frozen=True)
class ImageEntry:
    """One image as an annotation file lists it (ImageEntry.java)."""

    image_id: str
    relative_path: str
    split: str
    captions: List[str]
    file_ids: Mapping[str, str] = field(default_factory=dict)


def image_id_of(file_name: str) -> str:
    """``images/airport_1.jpg`` -> ``airport_1`` (ImageEntry.idOf)."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def _read_text(path: str, what: str) -> str:
    if not os.path.isfile(path):
        raise DataError(f"{what} {path} does not exist")
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{what} {path} cannot be read: {e}") from e


def _load_json(path: str, what: str):
    text = _read_text(path, what)
    if not text.strip():
        raise DataError(f"{what} {path} is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        # JSON Lines (count dictionaries as build-counts writes them) are parsed by the caller
        raise DataError(f"{what} {path} is not valid JSON: {e}") from e


def detect_format(root) -> str:
    if isinstance(root, list):
        return LAVIS
    if isinstance(root, dict) and "annotations" in root:
        return COCO
    if isinstance(root, dict) and "images" in root:
        return KARPATHY
    keys = sorted(root) if isinstance(root, dict) else type(root).__name__
    raise DataError(f"not a Karpathy, COCO or LAVIS annotation file: top-level {keys}")


def read_annotations(path: str, fmt: str = "auto", forced_split: Optional[str] = None) -> List[ImageEntry]:
    """Every image of an annotation file, in file order (AnnotationReader.read)."""
    if fmt not in FORMATS:
        raise DataError(f"unknown annotation format '{fmt}'; one of {FORMATS}")
    root = _load_json(path, "annotation file")
    try:
        actual = detect_format(root) if fmt == "auto" else fmt
        reader = {KARPATHY: _karpathy, COCO: _coco, LAVIS: _lavis}[actual]
        return reader(root, forced_split)
    except DataError as e:
        raise DataError(f"annotation file {path}: {e}") from e
    except (TypeError, AttributeError, KeyError) as e:
        raise DataError(f"annotation file {path}: unexpected structure ({type(e).__name__}: {e})") from e


def dataset_name(path: str) -> Optional[str]:
    """The ``dataset`` field of a Karpathy file, or None."""
    root = _load_json(path, "annotation file")
    return root.get("dataset") if isinstance(root, dict) and isinstance(root.get("dataset"), str) else None


def _split(node: dict, forced: Optional[str]) -> str:
    return forced if forced is not None else str(node.get("split", "") or "")


def _ids(node: dict, *fields: str) -> Dict[str, str]:
    return {f: str(node[f]) for f in fields if f in node and node[f] is not None and not isinstance(node[f], (list, dict))}


def _required_list(root: dict, key: str) -> list:
    value = root.get(key)
    if not isinstance(value, list):
        raise DataError(f"top level has no array '{key}'")
    return value


def _text(node: dict, key: str, where: str) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    if value is None or isinstance(value, (list, dict)):
        raise DataError(f"{where} has no '{key}'")
    return str(value)


def _karpathy(root: dict, forced: Optional[str]) -> List[ImageEntry]:
    out = []
    for i, image in enumerate(_required_list(root, "images")):
        ids = _ids(image, "cocoid", "imgid")
        filename = str(image.get("filename", "") or "")
        if not filename and not ids:
            raise DataError(f"images[{i}] has no 'filename', 'imgid' or 'cocoid'")
        folder = str(image.get("filepath", "") or "")
        relative = filename if not folder or not filename else folder + "/" + filename
        captions = []
        for sentence in image.get("sentences", []) or []:
            if "raw" in sentence:
                captions.append(str(sentence["raw"]))
            elif "tokens" in sentence:
                captions.append(" ".join(str(t) for t in sentence["tokens"]))
        image_id = image_id_of(filename) if filename else next(iter(ids.values()))
        out.append(ImageEntry(image_id, relative, _split(image, forced), captions, ids))
    return out


def _coco(root: dict, forced: Optional[str]) -> List[ImageEntry]:
    by_coco_id: Dict[str, ImageEntry] = {}
    for i, image in enumerate(_required_list(root, "images")):
        coco_id = _text(image, "id", f"images[{i}]")
        file = str(image.get("file_name", "") or "")
        by_coco_id[coco_id] = ImageEntry(image_id_of(file) if file else coco_id, file, _split(image, forced), [],
                                         {"id": coco_id})
    for i, ann in enumerate(_required_list(root, "annotations")):
        where = f"annotations[{i}]"
        coco_id = _text(ann, "image_id", where)
        entry = by_coco_id.get(coco_id)
        if entry is None:
            raise DataError(f"{where} refers to image_id {coco_id}, which images does not list")
        entry.captions.append(_text(ann, "caption", where))
    return list(by_coco_id.values())


def _lavis(root: list, forced: Optional[str]) -> List[ImageEntry]:
    by_id: Dict[str, ImageEntry] = {}
    for i, item in enumerate(root):
        file = _text(item, "image", f"[{i}]")
        caption = item.get("caption")
        captions = [str(c) for c in caption] if isinstance(caption, list) else [caption] if isinstance(caption, str) else []
        image_id = image_id_of(file)
        if image_id in by_id:
            by_id[image_id].captions.extend(captions)
        else:
            by_id[image_id] = ImageEntry(image_id, file, _split(item, forced), captions, _ids(item, "image_id"))
    return list(by_id.values())


def read_counts(path: str) -> Dict[str, Dict[str, int]]:
    """Image id -> object -> count (>= 0): one JSON object, or JSON Lines of them, as
    ``reward-worker build-counts`` writes (CountDictionaries.read)."""
    text = _read_text(path, "count dictionary file")
    decoder = json.JSONDecoder()
    out: Dict[str, Dict[str, int]] = {}
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            raise DataError(f"count dictionary file {path} is not {{\"<image id>\": {{\"object\": count}}}}: {e}") from e
        if not isinstance(obj, dict):
            raise DataError(f"count dictionary file {path}: expected {{\"<image id>\": {{\"object\": count}}}}, "
                            f"got {type(obj).__name__}")
        for image, counts in obj.items():
            if not isinstance(counts, dict):
                raise DataError(f"count dictionary file {path}: image '{image}' has {type(counts).__name__}, "
                                "expected {\"object\": count}")
            for name, count in counts.items():
                if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                    raise DataError(f"count dictionary file {path}: image '{image}', object '{name}' has count "
                                    f"{count!r}, expected an integer >= 0")
            out[image] = dict(counts)
    return out


def caption_tokens(caption: str) -> List[str]:
    """The trainer's caption normalisation (CaptionText.java): lower case, letters and digits kept,
    everything else a separator."""
    out, current = [], []
    for ch in caption.lower():
        if ch.isalnum():
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


@dataclass
class Dataset:
    """The images of one dataset, merged over its annotation files, with their count dictionaries."""

    name: str
    images: List[ImageEntry]
    counts: Dict[str, Dict[str, int]]

    def split(self, names: Sequence[str]) -> List[ImageEntry]:
        """Images of the given splits; ``train`` takes Karpathy's ``restval`` too."""
        wanted = {n.lower() for n in names}
        if "train" in wanted:
            wanted.add("restval")
        return [e for e in self.images if e.split.lower() in wanted]

    def references(self) -> List[model.References]:
        """What the workers need, one record per image with captions (ImageReferences, as the Java
        trainer publishes them: the file's captions, the count dictionary, the split)."""
        return [model.References(self.name, e.image_id, list(e.captions), self.counts.get(e.image_id, {}), e.split)
                for e in self.images if e.captions]


DEFAULT_SPLIT = "train"


def load_dataset(annotation_files: Sequence[str], counts_file: Optional[str] = None, name: Optional[str] = None,
                 fmt: str = "auto") -> Dataset:
    """Reads annotation files (entries of one image id in several files merged; conflicting splits are
    an error, as DatasetLoader) and an optional count dictionary file. The dataset name is ``name``,
    else the first Karpathy file's ``dataset`` field, else the first file's name without extension."""
    if not annotation_files:
        raise DataError("no annotation file given")
    merged: Dict[str, ImageEntry] = {}
    for path in annotation_files:
        for read in read_annotations(path, fmt):
            entry = read if read.split else ImageEntry(read.image_id, read.relative_path, DEFAULT_SPLIT,
                                                       read.captions, read.file_ids)
            previous = merged.get(entry.image_id)
            if previous is None:
                merged[entry.image_id] = entry
            elif previous.split != entry.split:
                raise DataError(f"image '{entry.image_id}' is in split '{previous.split}' and, in {path}, "
                                f"in split '{entry.split}'")
            else:
                previous.captions.extend(entry.captions)
    counts = read_counts(counts_file) if counts_file else {}
    if name is None:
        name = dataset_name(annotation_files[0]) or image_id_of(annotation_files[0])
    return Dataset(name, list(merged.values()), counts)
