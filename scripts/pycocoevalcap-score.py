#!/usr/bin/env python3
"""The 'reward-worker score' rate comparison's other side (BENCHMARKS.md, issue 17): pycocoevalcap's scorers
over the same JSON lines {"id", "candidate", "references"} (as scripts/score-input.py writes them, already
tokenised), end to end like the command: interpreter start, reading the lines, scoring, one JSON line per
item on stdout. pycocoevalcap is not part of this repository: `pip install pycocoevalcap`, or put its
sources on PYTHONPATH.

Usage: scripts/pycocoevalcap-score.py --metrics bleu,rouge_l < score50k.jsonl > out.jsonl
       scripts/pycocoevalcap-score.py --metrics cider < score50k.jsonl > out.jsonl
"""
import argparse
import contextlib
import json
import sys

try:
    from pycocoevalcap.bleu.bleu import Bleu
    from pycocoevalcap.cider.cider import Cider
    from pycocoevalcap.rouge.rouge import Rouge
except ImportError as e:
    raise SystemExit(f"pycocoevalcap-score: pycocoevalcap is not importable ({e}); pip install pycocoevalcap")

SCORERS = {"bleu": Bleu, "rouge_l": Rouge, "cider": Cider}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--metrics", default="bleu,rouge_l",
                        help="comma-separated among bleu, rouge_l, cider (default: bleu,rouge_l)")
    args = parser.parse_args()
    metrics = [m.strip() for m in args.metrics.split(",")]
    unknown = [m for m in metrics if m not in SCORERS]
    if unknown:
        raise SystemExit(f"pycocoevalcap-score: unknown metrics {unknown}; expected among {sorted(SCORERS)}")
    gts, res, ids = {}, {}, []
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        item = json.loads(line)
        key = len(ids)  # pycocoevalcap keys by image id; items are numbered so repeated ids stay apart
        ids.append(item["id"])
        res[key] = [item["candidate"]]
        gts[key] = list(item["references"])
    values = {}
    for metric in metrics:
        with contextlib.redirect_stdout(sys.stderr):  # Bleu prints its totals
            _, per_item = SCORERS[metric]().compute_score(gts, res)
        if metric == "bleu":
            for k, scores in enumerate(per_item):
                values[f"bleu_{k + 1}"] = scores
        else:
            values[metric] = per_item
    out = sys.stdout
    for i, item_id in enumerate(ids):
        out.write(json.dumps({"id": item_id, **{k: float(v[i]) for k, v in values.items()}}) + "\n")


if __name__ == "__main__":
    main()
