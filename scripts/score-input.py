#!/usr/bin/env python3
"""Writes the input of the 'reward-worker score' rate measurement (BENCHMARKS.md, issue 17): N items
{"id", "candidate", "references"} from a Karpathy dataset.json, pre-tokenised for --tokenize none
(lower-cased, pycocoevalcap's punctuation tokens dropped, single spaces). Each item is an image's
five references and, as candidate, a caption of the same image or of a random one (half each), so the
candidates score as a captioner's samples do, from near 0 to well above 1. Also writes the training
split's captions, tokenised the same way, as a dataset.json for --df-from. Deterministic per --seed.

Usage: scripts/score-input.py DATASET_JSON OUT_JSONL OUT_DF_DATASET_JSON [--items 50000] [--seed 7]
"""
import argparse
import json
import random
import re

# pycocoevalcap's PUNCTUATIONS (tokenizer/ptbtokenizer.py)
PUNCTUATION = {"''", "'", "``", "`", ".", "?", "!", ",", ":", "-", "--", "...", ";"}


def tokens(text):
    spaced = re.sub(r"([,.;:!?])", r" \1 ", text.lower())
    return " ".join(t for t in spaced.split() if t not in PUNCTUATION)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("out_jsonl")
    parser.add_argument("out_df_dataset")
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with open(args.dataset, encoding="utf-8") as f:
        dataset = json.load(f)
    train = [im for im in dataset["images"] if im.get("split") in ("train", "restval")]
    if not train:
        raise SystemExit(f"{args.dataset}: no image of split train or restval")
    captions = [[tokens(s["raw"]) for s in im["sentences"]] for im in train]
    rng = random.Random(args.seed)
    with open(args.out_jsonl, "w", encoding="utf-8") as out:
        for i in range(args.items):
            image = rng.randrange(len(captions))
            source = image if rng.random() < 0.5 else rng.randrange(len(captions))
            item = {"id": i, "candidate": rng.choice(captions[source]), "references": captions[image]}
            out.write(json.dumps(item, separators=(",", ":")) + "\n")
    df = {"dataset": dataset.get("dataset", "unknown"), "images": [
        {"imgid": n, "split": "train", "sentences": [{"raw": c} for c in caps]} for n, caps in enumerate(captions)]}
    with open(args.out_df_dataset, "w", encoding="utf-8") as out:
        json.dump(df, out)


if __name__ == "__main__":
    main()
