#!/usr/bin/env python3
"""Writes testdata/torchscript/tiny_encoder.pt: a small random-weight CNN image encoder exported with
torch.jit.trace, the fixture of the trainer's `encoder: torchscript:PATH` path (TorchScriptEncoderTest).

Shape contract (docs/captioner-interface.md): forward takes images (B, 3, S, S) float32 in [-1, 1] and
returns a feature map (B, C, H, W) or a token sequence (B, N, D). This one: (B, 16, S/4, S/4).

Run with Debian's PyTorch (apt-get install -y python3-torch): /usr/bin/python3 scripts/make-torchscript-encoder.py
"""
import pathlib

import torch


class TinyEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Sequential(
            torch.nn.Conv2d(3, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
            torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU())

    def forward(self, images):
        return self.body(images)


def main():
    torch.manual_seed(0)
    model = TinyEncoder().eval()
    traced = torch.jit.trace(model, torch.zeros(1, 3, 64, 64))
    out = pathlib.Path(__file__).resolve().parent.parent / "testdata" / "torchscript" / "tiny_encoder.pt"
    out.parent.mkdir(parents=True, exist_ok=True)
    traced.save(str(out))
    print(f"wrote {out} ({out.stat().st_size} bytes); output for (2, 3, 64, 64): "
          f"{tuple(traced(torch.zeros(2, 3, 64, 64)).shape)}")


if __name__ == "__main__":
    main()
