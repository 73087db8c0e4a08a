#!/usr/bin/env python3
"""Draws the RSICD counting sample (testdata/rsicd/counting-sample.tsv) before it is labelled by hand.

Distinct RSICD captions (testdata/rsicd/rsicd_5caps.json, all splits, text as published), then with
random.Random(16): 200 drawn uniformly ("random" stratum) and 100 drawn from the remaining captions that
state a number word or digits ("counted" stratum; 'a'/'an' do not count), so that counts are well
represented (about 1 distinct caption in 5 states one: 3,882 of 18,190). Writes sentid, image, stratum, caption and an empty
objects column; the objects column is then filled by hand (see testdata/rsicd/COUNTING.md).
Usage: python3 scripts/rsicd-counting-sample.py testdata/rsicd/rsicd_5caps.json > draft.tsv
"""
import json
import random
import re
import sys

NUMBER = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozen|\d+)\b")


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    seen = {}
    for image in data["images"]:
        for sentence in image["sentences"]:
            raw = sentence["raw"].strip()
            if raw and raw not in seen:
                seen[raw] = (sentence["sentid"], image["filename"])
    captions = sorted(seen)
    rng = random.Random(16)
    uniform = rng.sample(captions, 200)
    chosen = set(uniform)
    counted_pool = [c for c in captions if c not in chosen and NUMBER.search(c)]
    counted = rng.sample(counted_pool, 100)
    print("sentid\timage\tstratum\tcaption\tobjects")
    for stratum, group in (("random", uniform), ("counted", counted)):
        for caption in group:
            sentid, image = seen[caption]
            print(f"{sentid}\t{image}\t{stratum}\t{caption}\t")


if __name__ == "__main__":
    main(sys.argv[1])
