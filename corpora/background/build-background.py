#!/usr/bin/env python3
"""Builds english-background.tsv, the background word frequencies theme discovery compares a
data set with, from the four text collections the project may use (../shared/data):
women's clothing reviews, and the Amazon phone, Yelp restaurant and IMDb movie sentences.

A word's frequency is taken per collection (per million words) and averaged over the four, so the
large review file weighs no more than each small one; only words seen in at least two of the four
collections are kept, which leaves out what belongs to one domain or one product ("dress",
"verizon") and keeps the general vocabulary ("slow", "price", "charge", "waited").

Run: python3 corpora/background/build-background.py ../shared/data > corpora/background/english-background.tsv
"""
import csv, re, sys, os
from collections import Counter

root = sys.argv[1]
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

def words(text):
    return WORD.findall(text.lower())

collections = {}
c = Counter()
with open(os.path.join(root, "womens-clothing-reviews.csv"), encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        c.update(words((row.get("Title") or "") + " " + (row.get("Review Text") or "")))
collections["womens-clothing-reviews"] = c
for name in ("amazon_cells", "yelp", "imdb"):
    c = Counter()
    with open(os.path.join(root, "sentiment-labelled-sentences", name + "_labelled.txt"), encoding="utf-8") as f:
        for line in f:
            c.update(words(line.rsplit("\t", 1)[0]))
    collections[name] = c

vocab = set()
for c in collections.values():
    vocab.update(c)
rows = []
for w in vocab:
    seen = sum(1 for c in collections.values() if c[w] > 0)
    if seen < 2:
        continue
    per_million = sum(c[w] * 1e6 / sum(c.values()) for c in collections.values()) / len(collections)
    rows.append((w, seen, per_million))
rows.sort(key=lambda r: (-r[2], r[0]))
print("# word\tcollections (of 4) it occurs in\taverage frequency per million words")
for w, seen, pm in rows:
    print(f"{w}\t{seen}\t{pm:.1f}")
