"""Word ids for the torchvision captioner, as the Java trainer's Vocabulary: ids 0..3 are <pad>, <bos>,
<eos>, <unk>; the words follow by descending training count, ties alphabetically, so the same captions
give the same ids. No torch here."""

from __future__ import annotations

import collections
from typing import Iterable, List, Sequence

from .data import caption_tokens

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"
PAD_ID, BOS_ID, EOS_ID, UNK_ID = 0, 1, 2, 3
SPECIALS = (PAD, BOS, EOS, UNK)


class Vocabulary:

    def __init__(self, words: Sequence[str]):
        words = list(words)
        if words[:4] != list(SPECIALS):
            raise ValueError(f"a vocabulary starts with {SPECIALS}, got {words[:4]}")
        self.words = words
        self._ids = {w: i for i, w in enumerate(words)}

    @classmethod
    def build(cls, captions: Iterable[str], min_count: int = 1) -> "Vocabulary":
        if min_count < 1:
            raise ValueError(f"vocabulary min count must be >= 1, got {min_count}")
        counts = collections.Counter(t for c in captions for t in caption_tokens(c))
        kept = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
        return cls(list(SPECIALS) + kept)

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, caption: str) -> List[int]:
        return [self._ids.get(t, UNK_ID) for t in caption_tokens(caption)]

    def decode(self, ids: Iterable[int]) -> str:
        """The words before the first <eos>, specials left out, joined by single spaces."""
        out = []
        for i in ids:
            if i == EOS_ID:
                break
            if i >= len(SPECIALS):
                out.append(self.words[i])
        return " ".join(out)

    @staticmethod
    def length_before_eos(ids: Iterable[int]) -> int:
        """Tokens the policy generated before <eos> (the wire's token_count)."""
        n = 0
        for i in ids:
            if i == EOS_ID or i == PAD_ID:
                break
            n += 1
        return n
