#!/usr/bin/env bash
# The Python training program's model side on CUDA (issue 15), for a machine with a GPU and PyTorch +
# torchvision but no Java and no Kafka: the steps of one SCST update of scstbus_client.train
# (TorchvisionPolicy.rollout, score, scst_loss, backward, clipping, Adam, a checkpoint saved and
# restored) for the LSTM and the transformer decoder, 32 images of 224 x 224 x (5 samples + greedy),
# with the time per step. The rewards are stand-ins (the bus needs Java); what is checked is that the
# --device cuda path runs, stays finite and changes the parameters, and how long the model side takes.
# Run from the repository root; writes $OUT/python-train-cuda.txt. Under 4 minutes.
set -euo pipefail
out=${OUT:-/tmp}/python-train-cuda.txt
# The model-side modules import neither Kafka nor protobuf, but the package's __init__ does (the client);
# that machine has neither, so they are copied into a bare package of their own.
parts=$(mktemp -d)
mkdir "$parts/scst_parts" && touch "$parts/scst_parts/__init__.py"
for m in captioner policies scst_loss vocab data model; do cp "clients/python/scstbus_client/$m.py" "$parts/scst_parts/"; done
PYTHONPATH=$parts python3 - <<'EOF' 2>&1 | tee "$out"
import os, tempfile, time
import torch
from scst_parts.captioner import Captioner
from scst_parts.policies import TorchvisionPolicy
from scst_parts.scst_loss import scst_loss
from scst_parts.vocab import Vocabulary

assert torch.cuda.is_available(), "no CUDA device"
dev = torch.device("cuda")
print("torch", torch.__version__, torch.cuda.get_device_name(0))
words = ("many planes are parked near a building in an airport with some green trees two storage tanks "
         "river bridge road cars houses square pool").split()
vocab = Vocabulary.build([" ".join(words)])
images = torch.randint(0, 256, (32, 3, 224, 224), dtype=torch.uint8)
k = 5
for decoder in ("lstm", "transformer"):
    torch.manual_seed(0)
    policy = TorchvisionPolicy(Captioner(len(vocab), "resnet50", decoder, 512, 1, max_length=20), vocab, dev)
    opt = torch.optim.Adam(policy.parameters(), lr=5e-5)
    before = {n: p.detach().clone() for n, p in policy.model.named_parameters()}
    times = []
    for step in range(1, 7):
        torch.cuda.synchronize(); t0 = time.perf_counter()
        g = torch.Generator(device=dev); g.manual_seed(step)
        r = policy.rollout(images, k, g)
        scored = policy.score(images, r.samples, k)
        adv = torch.randn(32 * k, device=dev)          # stand-in advantages (the workers' need Java)
        include = torch.ones(32 * k, dtype=torch.bool, device=dev)
        terms = scst_loss(scored, adv, include)
        opt.zero_grad(); terms.total.backward()
        norm = torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        opt.step(); torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
        assert torch.isfinite(terms.total) and torch.isfinite(norm), (terms, norm)
        print(f"{decoder} step {step}: loss {float(terms.total):+.4f} V/E {terms.varentropy_over_entropy:.4f} "
              f"grad norm {float(norm):.3f} {times[-1]*1000:.0f} ms; e.g. '{r.sample_texts[0]}'")
    changed = sum(not torch.equal(before[n], p) for n, p in policy.model.named_parameters())
    assert changed > len(before) // 2, changed
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "ck.pt")
        torch.save({"policy": policy.state_dict(), "optimizer": opt.state_dict()}, path)
        state = torch.load(path, map_location="cpu")
        policy.load_state_dict(state["policy"]); opt.load_state_dict(state["optimizer"])
    print(f"{decoder}: {changed}/{len(before)} parameter tensors changed; median step (after the first) "
          f"{sorted(times[1:])[len(times[1:]) // 2] * 1000:.0f} ms for 32 images x (5 + 1); "
          f"peak memory {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB; checkpoint round trip ok")
print("OK")
EOF
