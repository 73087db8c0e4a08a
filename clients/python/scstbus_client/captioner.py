"""A PyTorch captioner built from torchvision: a ResNet encoder (its last feature map, one memory slot
per cell) and an LSTM or transformer decoder over the Vocabulary's ids.

Captions are sampled autoregressively (``sample``) without gradients; ``score`` recomputes, with
gradients, each caption's summed log-probability by one teacher-forced pass over the sampled tokens
(the model has no dropout, so these are the sampling distribution's values), masked after EOS
(EOS included), with per-token entropy and varentropy for the V/E term (docs/design.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .vocab import BOS_ID, EOS_ID, PAD_ID

BACKBONES = ("resnet18", "resnet34", "resnet50")
DECODERS = ("lstm", "transformer")
# ImageNet statistics, which torchvision's ResNet weights expect
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def resnet_trunk(name: str) -> Tuple[nn.Module, int, str]:
    """A torchvision ResNet without pooling and classifier, its channel count, and where its weights
    came from: the pretrained ImageNet weights when the user's torch hub cache holds them (never
    downloaded), random initialisation otherwise."""
    import torchvision

    if name not in BACKBONES:
        raise ValueError(f"unknown backbone '{name}'; one of {BACKBONES}")
    net = getattr(torchvision.models, name)(weights=None)
    source = "random initialisation"
    weights_enum = getattr(torchvision.models, {"resnet18": "ResNet18_Weights", "resnet34": "ResNet34_Weights",
                                               "resnet50": "ResNet50_Weights"}[name], None)
    if weights_enum is not None:
        url = weights_enum.DEFAULT.url
        cached = os.path.join(torch.hub.get_dir(), "checkpoints", os.path.basename(url))
        if os.path.isfile(cached):
            net.load_state_dict(torch.load(cached, map_location="cpu"))
            source = f"pretrained ImageNet weights from {cached}"
        else:
            source = f"random initialisation (no {os.path.basename(url)} in {os.path.dirname(cached)}; nothing is downloaded)"
    channels = net.fc.in_features
    trunk = nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool, net.layer1, net.layer2, net.layer3, net.layer4)
    return trunk, channels, source


@dataclass
class Scored:
    """Per caption: summed log-probability (with gradients), summed entropy and varentropy over its real
    tokens (with gradients), and the number of real tokens (EOS included)."""

    logprob: torch.Tensor
    entropy: torch.Tensor
    varentropy: torch.Tensor
    tokens: torch.Tensor


class Captioner(nn.Module):

    def __init__(self, vocab_size: int, backbone: str = "resnet18", decoder: str = "lstm", hidden: int = 256,
                 layers: int = 1, heads: int = 4, max_length: int = 20, trunk=None):
        super().__init__()
        if decoder not in DECODERS:
            raise ValueError(f"unknown decoder '{decoder}'; one of {DECODERS}")
        if trunk is None:
            trunk = resnet_trunk(backbone)
        self.encoder, channels, self.weights_source = trunk
        self.config = dict(vocab_size=vocab_size, backbone=backbone, decoder=decoder, hidden=hidden, layers=layers,
                           heads=heads, max_length=max_length)
        self.kind = decoder
        self.max_length = max_length
        self.project = nn.Linear(channels, hidden)
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=PAD_ID)
        if decoder == "lstm":
            self.init_h = nn.Linear(hidden, layers * hidden)
            self.init_c = nn.Linear(hidden, layers * hidden)
            self.attend = nn.Linear(hidden, hidden)
            self.rnn = nn.LSTM(2 * hidden, hidden, num_layers=layers, batch_first=True)
        else:
            self.position = nn.Embedding(max_length + 2, hidden)
            layer = nn.TransformerDecoderLayer(hidden, heads, 4 * hidden, dropout=0.0, batch_first=True)
            self.transformer = nn.TransformerDecoder(layer, layers)
        self.out = nn.Linear(hidden, vocab_size)
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1), persistent=False)

    # ---- encoder ----------------------------------------------------------------------------

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) uint8 -> (B, cells, hidden) memory."""
        x = (images.float() / 255.0 - self.mean) / self.std
        features = self.encoder(x)                                  # (B, C, h, w)
        return torch.tanh(self.project(features.flatten(2).transpose(1, 2)))

    # ---- decoder ----------------------------------------------------------------------------

    def _lstm_state(self, memory: torch.Tensor):
        pooled = memory.mean(1)
        layers = self.rnn.num_layers
        h = torch.tanh(self.init_h(pooled)).view(-1, layers, pooled.shape[1]).transpose(0, 1).contiguous()
        c = torch.tanh(self.init_c(pooled)).view(-1, layers, pooled.shape[1]).transpose(0, 1).contiguous()
        return h, c

    def _lstm_context(self, memory: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        """Attention over the memory cells for each query: (B, T, hidden)."""
        weights = torch.softmax(torch.einsum("bth,bch->btc", self.attend(query), memory), -1)
        return torch.einsum("btc,bch->bth", weights, memory)

    def logits(self, memory: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor:
        """Teacher-forced next-token logits: inputs (B, T) starting with <bos> -> (B, T, V)."""
        emb = self.embed(inputs)
        if self.kind == "lstm":
            state = self._lstm_state(memory)
            outputs = []
            # step by step: the context of step t attends with the hidden state after step t - 1
            h = state[0][-1].unsqueeze(1)
            for t in range(inputs.shape[1]):
                ctx = self._lstm_context(memory, h)
                y, state = self.rnn(torch.cat([emb[:, t:t + 1], ctx], -1), state)
                outputs.append(y)
                h = y
            return self.out(torch.cat(outputs, 1))
        t = inputs.shape[1]
        x = emb + self.position(torch.arange(t, device=inputs.device)).unsqueeze(0)
        causal = torch.triu(torch.ones(t, t, dtype=torch.bool, device=inputs.device), 1)
        return self.out(self.transformer(x, memory, tgt_mask=causal, tgt_key_padding_mask=inputs == PAD_ID))

    @torch.no_grad()
    def sample(self, memory: torch.Tensor, greedy: bool, temperature: float = 1.0,
               generator: Optional[torch.Generator] = None) -> torch.Tensor:
        """Autoregressive decoding, one caption per memory row: (B, max_length + 1) token ids, EOS then
        PAD after the end (a caption that never ends is cut after max_length tokens and given EOS)."""
        b = memory.shape[0]
        tokens = torch.full((b, 1), BOS_ID, dtype=torch.long, device=memory.device)
        done = torch.zeros(b, dtype=torch.bool, device=memory.device)
        state = self._lstm_state(memory) if self.kind == "lstm" else None
        h = state[0][-1].unsqueeze(1) if state is not None else None
        for _ in range(self.max_length):
            if self.kind == "lstm":
                ctx = self._lstm_context(memory, h)
                y, state = self.rnn(torch.cat([self.embed(tokens[:, -1:]), ctx], -1), state)
                h = y
                logits = self.out(y[:, -1])
            else:
                logits = self.logits(memory, tokens)[:, -1]
            logits[:, PAD_ID] = float("-inf")
            logits[:, BOS_ID] = float("-inf")
            if greedy:
                nxt = logits.argmax(-1)
            else:
                probs = torch.softmax(logits / temperature, -1)
                nxt = torch.multinomial(probs, 1, generator=generator).squeeze(1)
            nxt = torch.where(done, torch.full_like(nxt, PAD_ID), nxt)
            tokens = torch.cat([tokens, nxt.unsqueeze(1)], 1)
            done = done | (nxt == EOS_ID)
            if bool(done.all()):
                break
        out = tokens[:, 1:]
        unfinished = ~done
        if bool(unfinished.any()):
            out = torch.cat([out, torch.full((b, 1), PAD_ID, dtype=torch.long, device=out.device)], 1)
            out[unfinished, -1] = EOS_ID
        return out

    def score(self, memory: torch.Tensor, tokens: torch.Tensor, temperature: float = 1.0) -> Scored:
        """Log-probabilities of sampled captions (rows of ``tokens``, EOS then PAD) under the policy, with
        gradients: summed over each caption's real tokens (EOS included, nothing after it)."""
        inputs = torch.cat([torch.full_like(tokens[:, :1], BOS_ID), tokens[:, :-1]], 1)
        logp = torch.log_softmax(self.logits(memory, inputs).float() / temperature, -1)   # (N, T, V)
        real = (tokens != PAD_ID).float()
        token_logp = logp.gather(-1, tokens.unsqueeze(-1)).squeeze(-1)
        p = logp.exp()
        entropy = -(p * logp).sum(-1)
        varentropy = (p * (logp + entropy.unsqueeze(-1)) ** 2).sum(-1)
        return Scored((token_logp * real).sum(1), (entropy * real).sum(1), (varentropy * real).sum(1), real.sum(1))

    def cross_entropy(self, memory: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Mean token cross-entropy of reference captions (rows: words, EOS, PAD...)."""
        inputs = torch.cat([torch.full_like(targets[:, :1], BOS_ID), targets[:, :-1]], 1)
        logits = self.logits(memory, inputs)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=PAD_ID)
