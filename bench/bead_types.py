#!/usr/bin/env python3
"""Precision and recall per bead type (strict: the very same bead).

usage: bead_types.py GOLD PRED
Tells where alignment errors come from: which bead types are over- or
under-predicted."""
import re
import sys
from collections import Counter

BEAD = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]")


def read(path):
    beads = set()
    for line in open(path, encoding="utf-8"):
        m = BEAD.match(line)
        if m:
            side = lambda t: tuple(int(x) for x in t.replace(",", " ").split())
            beads.add((side(m.group(1)), side(m.group(2))))
    return beads


def kind(b):
    return f"{len(b[0])}-{len(b[1])}"


gold, pred = read(sys.argv[1]), read(sys.argv[2])
g, p, hit = Counter(), Counter(), Counter()
for b in gold:
    g[kind(b)] += 1
for b in pred:
    p[kind(b)] += 1
    if b in gold:
        hit[kind(b)] += 1
print(f"{'type':5} {'gold':>5} {'pred':>5} {'hit':>5} {'prec':>6} {'rec':>6}")
for k in sorted(set(g) | set(p), key=lambda k: (-g[k], k)):
    prec = hit[k] / p[k] if p[k] else 0.0
    rec = hit[k] / g[k] if g[k] else 0.0
    print(f"{k:5} {g[k]:5} {p[k]:5} {hit[k]:5} {prec:6.3f} {rec:6.3f}")
