"""The Python client's own cost per SCST step, against workers already running (BENCHMARKS.md,
"Python client"). The twin of trainer/src/test/java/io/scstbus/trainer/bus/BusOverheadBench.java: the
same workload, 32 images x (5 samples + greedy) of RSICD train images, 7 signals.

Per step: publish; a settle pause long enough for the workers to finish; collect. Reported per step:
the client process's CPU time from publish to the end of collect (its own work, whatever thread does it:
serialising, producing, fetching, decoding, joining; the workers run in other processes) and the wall
time of publish and of collect once the results are on the topic.

    python3 clients/python/bench/bus_overhead.py --bootstrap localhost:9092 [--steps 30] [--warmup 5]
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid

from scstbus_client import Caption, References, RewardClient, Rollout

HERE = os.path.dirname(os.path.abspath(__file__))
SIGNALS = ["cider_d", "length", "sde", "count_abs", "count_coverage", "oversight", "hallucination"]
DATASET = "bench-rsicd"


def workload(path, images):
    """The first ``images`` train images of a Karpathy file: (image id, captions)."""
    with open(path, encoding="utf-8") as f:
        entries = [e for e in json.load(f)["images"] if e["split"] == "train"][:images]
    return [(os.path.splitext(e["filename"])[0], [s["raw"] for s in e["sentences"]]) for e in entries]


def step_rollouts(work, step, k):
    """Image i's samples are the first references of images i .. i+k-1 (a different caption per step),
    its greedy caption its own first reference."""
    n = len(work)
    return [Rollout(image, DATASET, [Caption(work[(i + j + step) % n][1][0], 0) for j in range(k)], Caption(refs[0], 0))
            for i, (image, refs) in enumerate(work)]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--dataset-json", default=os.path.join(HERE, "..", "..", "..", "testdata", "rsicd", "rsicd_5caps.json"))
    p.add_argument("--images", type=int, default=32)
    p.add_argument("--samples", type=int, default=5)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--settle", type=float, default=2.0, help="seconds between publish and collect")
    a = p.parse_args()
    work = workload(a.dataset_json, a.images)
    with RewardClient(a.bootstrap, f"bench-py-{uuid.uuid4().hex[:6]}", SIGNALS, deadline_s=60) as bus:
        bus.load_references([References(DATASET, image, refs, {}, "train") for image, refs in work])
        cpu, publish, collect = [], [], []
        for step in range(1, a.warmup + a.steps + 1):
            rollouts = step_rollouts(work, step, a.samples)
            c0, t0 = time.process_time(), time.perf_counter()
            bus.publish(step, rollouts)
            t1 = time.perf_counter()
            time.sleep(a.settle)
            t2 = time.perf_counter()
            r = bus.collect(step)
            t3, c1 = time.perf_counter(), time.process_time()
            if len(r.complete) != len(rollouts) or r.stats.groups_rerequested:
                sys.exit(f"step {step}: {len(r.complete)} of {len(rollouts)} groups complete, "
                         f"{r.stats.groups_rerequested} re-requested: the workers did not keep up; raise --settle")
            if step > a.warmup:
                cpu.append(1000 * (c1 - c0))
                publish.append(1000 * (t1 - t0))
                collect.append(1000 * (t3 - t2))
    report("python (confluent-kafka)", cpu, publish, collect)


def report(name, cpu, publish, collect):
    def q(v, f):
        v = sorted(v)
        return v[min(len(v) - 1, int(f * len(v)))]
    print(f"{name}: {len(cpu)} steps; ms per step, median (p90): client CPU {statistics.median(cpu):.1f} "
          f"({q(cpu, 0.9):.1f}), publish {statistics.median(publish):.1f} ({q(publish, 0.9):.1f}), "
          f"collect after settle {statistics.median(collect):.1f} ({q(collect, 0.9):.1f})")


if __name__ == "__main__":
    main()
