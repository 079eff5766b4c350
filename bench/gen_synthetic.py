#!/usr/bin/env python3
"""Make a synthetic aligned pair of about N sentences a side, for timing.

usage: gen_synthetic.py SRC TGT GOLD N OUTDIR [SEED]

Takes a real aligned pair (SRC/TGT one sentence a line, GOLD its beads),
and draws its beads at random (with a fixed seed) until N source sentences
are reached; then, so that the path is not the diagonal, drops 1% of the
beads' target side (omissions), 1% of their source side (additions) and
merges 2% of neighbouring target sentences into one.  Writes
OUTDIR/src.txt, OUTDIR/tgt.txt (one sentence a line) and OUTDIR/gold.txt.
"""
import random
import re
import sys

BEAD = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]")


def main(src, tgt, gold, n, outdir, seed=1):
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
    while len(out_s) < n:
        a, b = rnd.choice(beads)
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
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5],
         int(sys.argv[6]) if len(sys.argv) > 6 else 1)
