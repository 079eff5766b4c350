#!/usr/bin/env python3
"""Make a synthetic aligned pair of about N sentences a side, for timing.

usage: gen_synthetic.py SRC TGT GOLD N OUTDIR [SEED] [HEAD_SRC HEAD_TGT]

HEAD_SRC/HEAD_TGT are the heading words (default "Kapitel" "Chapitre").
The gold may be one bead a line with or without a trailing ":score".

Takes a real aligned pair (SRC/TGT one sentence a line, GOLD its beads),
and repeats its beads in their order until N source sentences are reached
(random draws would make every neighbourhood look alike, which real text
never does).  Each pass over the pair starts with a numbered heading on both
sides, like the chapters of a long book: without it the text would be
periodic, and a path shifted by whole periods as good as the true one.  So
that the path is not the diagonal, it drops (fixed seed)
the target side of 1% of the beads (omissions), the source side of 1%
(additions), and merges two target sentences into one in 2%.  Writes
OUTDIR/src.txt, OUTDIR/tgt.txt (one sentence a line) and OUTDIR/gold.txt.
"""
import random
import re
import sys

BEAD = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]")


def main(src, tgt, gold, n, outdir, seed=1, heads=("Kapitel", "Chapitre")):
    rnd = random.Random(seed)
    S = [l.rstrip("\n") for l in open(src, encoding="utf-8")]
    T = [l.rstrip("\n") for l in open(tgt, encoding="utf-8")]
    beads = []
    for line in open(gold, encoding="utf-8"):
        m = BEAD.match(line)
        if not m:
            continue
        a = [int(x) for x in m.group(1).replace(",", " ").split()]
        b = [int(x) for x in m.group(2).replace(",", " ").split()]
        if a and b:
            beads.append(([S[i] for i in a], [T[j] for j in b]))
    out_s, out_t, out_g = [], [], []
    k = 0
    while len(out_s) < n:
        if k % len(beads) == 0:
            chapter = k // len(beads) + 1
            a, b = [f"{heads[0]} {chapter}"], [f"{heads[1]} {chapter}"]
        else:
            a, b = beads[k % len(beads)]
        k += 1
        a, b = list(a), list(b)
        r = rnd.random()
        if r < 0.01:
            b = []
        elif r < 0.02:
            a = []
        elif r < 0.04 and len(b) >= 2:
            b = [b[0] + " " + b[1]] + b[2:]
        si = list(range(len(out_s), len(out_s) + len(a)))
        ti = list(range(len(out_t), len(out_t) + len(b)))
        out_s += a
        out_t += b
        out_g.append(f"{si}:{ti}")
    with open(f"{outdir}/src.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out_s) + "\n")
    with open(f"{outdir}/tgt.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out_t) + "\n")
    with open(f"{outdir}/gold.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out_g) + "\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], args[2], int(args[3]), args[4],
         int(args[5]) if len(args) > 5 else 1,
         tuple(args[6:8]) if len(args) > 7 else ("Kapitel", "Chapitre"))
