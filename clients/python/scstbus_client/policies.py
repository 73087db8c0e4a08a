"""The captioning policies the training program drives, behind one small interface: the torchvision
captioner (captioner.py, trained from scratch or from a ResNet's ImageNet weights) and a Hugging Face
BLIP model (``--hf-model``, when ``transformers`` is importable).

A policy turns a batch of uint8 images (B, 3, S, S) into
- ``rollout``: K sampled captions per image (image-major) and one greedy caption, without gradients;
- ``score``: the summed log-probabilities of given sampled captions, with gradients (captioner.Scored);
- ``ce_loss``: the cross-entropy of reference captions;
- ``greedy``: greedy captions, for evaluation and results files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

import torch

from .captioner import Captioner, Scored
from .vocab import EOS_ID, PAD_ID, Vocabulary


@dataclass
class Rollout:
    """Sampled token rows (B*K, T), their texts and token counts (EOS excluded), and the greedy
    captions' texts and token counts, one per image."""

    samples: torch.Tensor
    sample_texts: List[str]
    sample_counts: List[int]
    greedy_texts: List[str]
    greedy_counts: List[int]


class TorchvisionPolicy:
    """The Captioner over the Vocabulary's ids."""

    def __init__(self, model: Captioner, vocabulary: Vocabulary, device: torch.device, temperature: float = 1.0):
        self.model = model.to(device)
        self.vocabulary = vocabulary
        self.device = device
        self.temperature = temperature

    def describe(self) -> str:
        c = self.model.config
        return (f"torchvision {c['backbone']} ({self.model.weights_source}) + {c['decoder']} decoder, hidden "
                f"{c['hidden']}, vocabulary {len(self.vocabulary)} words")

    def parameters(self):
        return self.model.parameters()

    def state_dict(self) -> dict:
        return {"model": self.model.state_dict(), "vocabulary": self.vocabulary.words, "config": self.model.config}

    def load_state_dict(self, state: dict) -> None:
        self.model.load_state_dict(state["model"])

    def _memory(self, images: torch.Tensor) -> torch.Tensor:
        return self.model.encode(images.to(self.device))

    def _texts(self, rows: torch.Tensor):
        rows = rows.tolist()
        return [self.vocabulary.decode(r) for r in rows], [Vocabulary.length_before_eos(r) for r in rows]

    @torch.no_grad()
    def rollout(self, images: torch.Tensor, k: int, generator: Optional[torch.Generator] = None) -> Rollout:
        self.model.eval()
        memory = self._memory(images)
        greedy = self.model.sample(memory, greedy=True)
        samples = self.model.sample(memory.repeat_interleave(k, 0), greedy=False, temperature=self.temperature,
                                    generator=generator)
        sample_texts, sample_counts = self._texts(samples)
        greedy_texts, greedy_counts = self._texts(greedy)
        return Rollout(samples, sample_texts, sample_counts, greedy_texts, greedy_counts)

    def score(self, images: torch.Tensor, samples: torch.Tensor, k: int) -> Scored:
        self.model.train()
        memory = self._memory(images)
        return self.model.score(memory.repeat_interleave(k, 0), samples.to(self.device), self.temperature)

    def ce_loss(self, images: torch.Tensor, captions: Sequence[str], max_length: int) -> torch.Tensor:
        self.model.train()
        rows = [self.vocabulary.encode(c)[:max_length] + [EOS_ID] for c in captions]
        width = max(len(r) for r in rows)
        targets = torch.tensor([r + [PAD_ID] * (width - len(r)) for r in rows], dtype=torch.long, device=self.device)
        return self.model.cross_entropy(self._memory(images), targets)

    @torch.no_grad()
    def greedy(self, images: torch.Tensor) -> List[str]:
        self.model.eval()
        return self._texts(self.model.sample(self._memory(images), greedy=True))[0]


class HfBlipPolicy:
    """A Hugging Face BLIP captioner (BlipForConditionalGeneration and its processor), loaded with
    ``from_pretrained(NAME)`` from the user's cache or a local folder. Samples with ``generate``;
    log-probabilities come from a teacher-forced pass over the sampled tokens, masked after EOS."""

    def __init__(self, name: str, device: torch.device, max_length: int, temperature: float = 1.0):
        from transformers import BlipForConditionalGeneration, BlipProcessor

        self.name = name
        self.processor = BlipProcessor.from_pretrained(name)
        self.model = BlipForConditionalGeneration.from_pretrained(name).to(device)
        self.device = device
        self.max_length = max_length
        self.temperature = temperature
        text = self.model.config.text_config
        self.pad_id = text.pad_token_id
        self.eos_id = text.sep_token_id
        self.bos_id = text.bos_token_id

    def describe(self) -> str:
        return f"Hugging Face {self.name} ({sum(p.numel() for p in self.model.parameters()) / 1e6:.0f} M parameters)"

    def parameters(self):
        return self.model.parameters()

    def state_dict(self) -> dict:
        return {"model": self.model.state_dict(), "hf_model": self.name}

    def load_state_dict(self, state: dict) -> None:
        self.model.load_state_dict(state["model"])

    def _pixels(self, images: torch.Tensor) -> torch.Tensor:
        arrays = [im.permute(1, 2, 0).numpy() for im in images]   # HWC uint8, as the processor takes them
        return self.processor(images=arrays, return_tensors="pt").pixel_values.to(self.device)

    def _texts(self, seqs: torch.Tensor):
        texts = self.processor.batch_decode(seqs, skip_special_tokens=True)
        body = seqs[:, 1:]
        counts = ((body != self.pad_id) & (body != self.eos_id)).sum(1).tolist()
        return [t.strip() for t in texts], counts

    @torch.no_grad()
    def rollout(self, images: torch.Tensor, k: int, generator: Optional[torch.Generator] = None) -> Rollout:
        self.model.eval()
        pixels = self._pixels(images)
        samples = self.model.generate(pixel_values=pixels, do_sample=True, top_k=0, temperature=self.temperature,
                                      num_return_sequences=k, max_new_tokens=self.max_length)
        greedy = self.model.generate(pixel_values=pixels, max_new_tokens=self.max_length)
        sample_texts, sample_counts = self._texts(samples)
        greedy_texts, greedy_counts = self._texts(greedy)
        return Rollout(samples, sample_texts, sample_counts, greedy_texts, greedy_counts)

    def score(self, images: torch.Tensor, samples: torch.Tensor, k: int) -> Scored:
        self.model.train()
        pixels = self._pixels(images).repeat_interleave(k, 0)
        samples = samples.to(self.device)
        logits = self.model(pixel_values=pixels, input_ids=samples).logits[:, :-1]
        targets = samples[:, 1:]
        logp = torch.log_softmax(logits.float() / self.temperature, -1)
        # real tokens: up to and including the first EOS, nothing after it
        ended_before = torch.cumsum((targets == self.eos_id).long(), 1) - (targets == self.eos_id).long()
        real = ((targets != self.pad_id) & (ended_before == 0)).float()
        token_logp = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        p = logp.exp()
        entropy = -(p * logp).sum(-1)
        varentropy = (p * (logp + entropy.unsqueeze(-1)) ** 2).sum(-1)
        return Scored((token_logp * real).sum(1), (entropy * real).sum(1), (varentropy * real).sum(1), real.sum(1))

    def ce_loss(self, images: torch.Tensor, captions: Sequence[str], max_length: int) -> torch.Tensor:
        self.model.train()
        enc = self.processor(text=list(captions), padding=True, truncation=True, max_length=max_length + 2,
                             return_tensors="pt").to(self.device)
        labels = enc.input_ids.masked_fill(enc.attention_mask == 0, -100)   # no loss on padding
        out = self.model(pixel_values=self._pixels(images), input_ids=enc.input_ids, attention_mask=enc.attention_mask,
                         labels=labels)
        return out.loss

    @torch.no_grad()
    def greedy(self, images: torch.Tensor) -> List[str]:
        self.model.eval()
        return self._texts(self.model.generate(pixel_values=self._pixels(images), max_new_tokens=self.max_length))[0]


def hf_available() -> bool:
    try:
        import transformers  # noqa: F401
        return True
    except ImportError:
        return False
