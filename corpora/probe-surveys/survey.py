# What every gen_*.py shares: a feeling said beside a comment's issue, the two read in either order,
# and the export written as a CSV of score and comment to standard output. Each call draws from the
# script's own seeded random.Random in the order the scripts drew before this was shared, so the
# CSVs beside them stay byte for byte the same.
import csv, sys


def add_feeling(r, parts, score, feel_neg, feel_pos, p):
    """A negative feeling after a score of 6 or less, a positive one above, each with chance p."""
    if score <= 6 and r.random() < p:
        parts.append(r.choice(feel_neg))
    elif score > 6 and r.random() < p:
        parts.append(r.choice(feel_pos))


def either_order(r, parts):
    """The comment's sentences, reversed half the time."""
    if r.random() < 0.5:
        parts.reverse()
    return " ".join(parts)


def write(rows):
    w = csv.writer(sys.stdout)
    w.writerow(["score", "comment"])
    for s, c in rows:
        w.writerow([s, c])
