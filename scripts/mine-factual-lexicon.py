#!/usr/bin/env python3
"""Mines the rules parser's compound-noun lexicon from FACTUAL's *training* split (never dev).

For every pair of adjacent caption words (w1 w2) that the gold graph either keeps together as one
entity ("traffic lights") or splits into head + attribute ("( wall , is , brick )"), count both
readings. Writes the pairs read as one entity more often than split (compounds.txt) and those split
more often (modifiers.txt), one lemma pair a line, with w2 lemmatised by sgeval's noun lemmatiser.

    python3 scripts/mine-factual-lexicon.py testdata/factual/train.csv \
        reward-workers/src/main/resources/io/scstbus/rewards/graph/rules
"""
import collections
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgeval  # noqa: E402

FACT = re.compile(r'\( ([^(),]+?) , ([^(),]+?) , ([^(),]+?) \)')


def main(train, out_dir):
    together = collections.Counter()
    split = collections.Counter()
    for row in csv.DictReader(open(train, encoding='utf-8')):
        words = re.findall(r"[a-z][a-z'-]*", row['caption'].lower())
        pairs = set(zip(words, words[1:]))
        graph = row['scene_graph'].lower()
        facts = FACT.findall(graph)
        entities = {f[0] for f in facts} | {f[2] for f in facts if f[1] != 'is'}
        entities |= {m.strip() for m in re.findall(r'\( ([^(),]+?) \)', graph)}
        attrs = {(f[0], f[2]) for f in facts if f[1] == 'is'}
        for w1, w2 in pairs:
            key = (w1, sgeval.lemma_noun(w2))
            if f'{w1} {w2}' in entities:
                together[key] += 1
            elif (w2, w1) in attrs:
                split[key] += 1
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, 'compounds.txt'), 'w', encoding='utf-8') as f:
        f.write('# mined from FACTUAL train.csv by scripts/mine-factual-lexicon.py: read as one entity\n')
        for (w1, w2), n in sorted(together.items()):
            if n >= 2 and n > split[(w1, w2)]:
                f.write(f'{w1} {w2}\n')
    with open(os.path.join(out_dir, 'modifiers.txt'), 'w', encoding='utf-8') as f:
        f.write('# mined from FACTUAL train.csv by scripts/mine-factual-lexicon.py: head + attribute\n')
        for (w1, w2), n in sorted(split.items()):
            if n >= 1 and n >= together[(w1, w2)]:
                f.write(f'{w1} {w2}\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
