#!/usr/bin/env python3
"""Rebuilds the sample of the theme gold set (which comments, which split), not the labels.

Usage: python3 corpora/themes-gold/sample.py ../shared/data OUT_DIR

Writes OUT_DIR/womens-sample.tsv and OUT_DIR/uci-sample.tsv as
source<TAB>id<TAB>split<TAB><TAB>text in sample order (the labels column empty), the order the
comments were labelled in: any prefix of it is itself a seeded random sample.

- women's reviews: a simple random sample (random.Random(SEED)) of WOMENS_N rows over all ratings
  among the rows whose Title + Review Text is not empty; id = the CSV's first column.
- UCI sentences: a simple random sample of UCI_N lines from each of amazon_cells and yelp (a
  separate random.Random(SEED) per file); id = the 1-based line number.
- split: dev or heldout from the first byte of sha256("SEED:source:id"), even -> dev. It depends
  on the id alone, so it was fixed before any label was written and never moves.
"""
import csv
import hashlib
import random
import sys
from pathlib import Path

SEED = 20261201
WOMENS_N = 700
UCI_N = 200


def split_of(source, ident):
    digest = hashlib.sha256(f"{SEED}:{source}:{ident}".encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "heldout"


def clean(text):
    return " ".join(text.replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


def womens(data_dir):
    rows = []
    with open(data_dir / "womens-clothing-reviews.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            title, review = row[3].strip(), row[4].strip()
            text = clean(f"{title}. {review}" if title and review else title or review)
            if text:
                rows.append((int(row[0]), text))
    picked = random.Random(SEED).sample(rows, WOMENS_N)
    return [("womens", ident, split_of("womens", ident), text) for ident, text in picked]


def uci(data_dir):
    out = []
    for source, name in (("amazon", "amazon_cells_labelled.txt"), ("yelp", "yelp_labelled.txt")):
        lines = (data_dir / "sentiment-labelled-sentences" / name).read_text("utf-8").splitlines()
        numbered = [(n, line.rsplit("\t", 1)[0]) for n, line in enumerate(lines, start=1)]
        for ident, text in random.Random(SEED).sample(numbered, UCI_N):
            out.append((source, ident, split_of(source, ident), clean(text)))
    return out


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("source\tid\tsplit\tlabels\ttext\n")
        for source, ident, split, text in rows:
            f.write(f"{source}\t{ident}\t{split}\t\t{text}\n")


if __name__ == "__main__":
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    write(out_dir / "womens-sample.tsv", womens(data_dir))
    write(out_dir / "uci-sample.tsv", uci(data_dir))
