#!/usr/bin/python3
"""How well the bead confidence (`score`) tells right beads from wrong ones.

Aligns a pair with `tmxalign align -f jsonl`, marks each predicted bead
right when the gold has exactly that bead (strict), and prints:
  - the calibration table: beads per score band and the share right;
  - the AUC of the score (the chance that a right bead scores above a
    wrong one), and the AUC of the bead's cost per sentence alone, the
    ranking the score replaced.

usage: confidence.py CLI SRC TGT SLANG TLANG GOLD [ALIGN OPTION...]
"""
import json
import subprocess
import sys


def read_gold(path):
    beads = set()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            s, t = line.split(":")[:2]
            beads.add((tuple(json.loads(s)), tuple(json.loads(t))))
    return beads


def auc(pairs):
    """pairs: (value, right); higher values should mean right."""
    pos = [v for v, ok in pairs if ok]
    neg = [v for v, ok in pairs if not ok]
    if not pos or not neg:
        return float("nan")
    ranked = sorted(pairs, key=lambda p: p[0])
    # average ranks of ties, then the Mann-Whitney statistic
    ranks, i = {}, 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    rsum = sum(ranks[k] for k, (_, ok) in enumerate(ranked) if ok)
    n1, n0 = len(pos), len(neg)
    return (rsum - n1 * (n1 + 1) / 2) / (n1 * n0)


def main(argv):
    if len(argv) < 7:
        sys.exit(__doc__)
    cli, src, tgt, sl, tl, gold = argv[1:7]
    r = subprocess.run([cli, "align", src, tgt, "-s", sl, "-t", tl, "-f",
                        "jsonl"] + argv[7:], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("align failed: " + r.stderr)
    want = read_gold(gold)
    scored = []
    for line in r.stdout.splitlines():
        b = json.loads(line)
        key = (tuple(b["source"]["sentences"]), tuple(b["target"]["sentences"]))
        n = max(1, len(key[0]) + len(key[1]))
        scored.append((b["score"], -b["cost"]["total"] / n, key in want))
    bands = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]
    print("score band   beads  right")
    for lo, hi in bands:
        inside = [ok for s, _, ok in scored if lo <= s < hi]
        share = sum(inside) / len(inside) if inside else float("nan")
        print("%.2f-%.2f  %6d  %5.2f" % (lo, min(hi, 1.0), len(inside), share))
    right = sum(ok for _, _, ok in scored)
    print("beads %d, right %d (%.3f)" % (len(scored), right,
                                         right / max(1, len(scored))))
    print("AUC of the score: %.3f; of the cost per sentence alone: %.3f" %
          (auc([(s, ok) for s, _, ok in scored]),
           auc([(c, ok) for _, c, ok in scored])))


if __name__ == "__main__":
    main(sys.argv)
