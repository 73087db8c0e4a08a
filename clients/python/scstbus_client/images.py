"""Image files to fixed-size uint8 tensors (3, S, S), read once at start so a missing or broken file is
found before training, named and counted, never a silent black image (the Java ImageLoader's rule)."""

from __future__ import annotations

import os

import torch
from PIL import Image, UnidentifiedImageError

MISSING, UNREADABLE = "missing", "unreadable"


class ImageProblem(Exception):
    def __init__(self, kind: str, path: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.path = path


def load_image(path: str, size: int) -> torch.Tensor:
    """RGB, resized to size x size (bilinear), channel-first uint8."""
    if not os.path.isfile(path):
        raise ImageProblem(MISSING, path, f"image file {path} does not exist")
    try:
        with Image.open(path) as im:
            rgb = im.convert("RGB").resize((size, size), Image.BILINEAR)
    except (OSError, UnidentifiedImageError, ValueError) as e:
        raise ImageProblem(UNREADABLE, path, f"image file {path} cannot be read: {e}") from e
    data = torch.frombuffer(bytearray(rgb.tobytes()), dtype=torch.uint8)
    return data.view(size, size, 3).permute(2, 0, 1).contiguous()
