#!/usr/bin/env python3
"""One table of alignment quality over named sets of (gold, pred) pairs,
scored with the shared score.py (imported, so its definitions are the
ones used): strict and lax P/R/F1, pooled over the pairs of a set, and a
two-fold figure (strict F1 of each fold) where the set has folds.

usage: quality_table.py SCORE_PY SET [SET ...]
  SET: NAME=FOLDS:GOLD,PRED[;GOLD,PRED...]
  FOLDS: "docsK" (fold 1 = the first K pairs, fold 2 = the others),
         "halves" (one pair; fold 1 = the gold beads up to the middle of
         the source side, fold 2 = the rest; a predicted bead goes to the
         fold of its first sentence) or "-" (no folds).
"""
import importlib.util
import sys


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def first(bead):
    """(source, target) index the bead starts at; None for an empty side."""
    return (bead[0][0] if bead[0] else None, bead[1][0] if bead[1] else None)


def halves(gold, pred):
    """Split gold at the bead boundary nearest the middle of the source
    side, and pred at the same (source, target) point."""
    nsrc = sum(len(b[0]) for b in gold)
    s = t = 0
    cut_s, cut_t = nsrc, sum(len(b[1]) for b in gold)
    for b in gold:
        if s >= nsrc // 2:
            cut_s, cut_t = s, t
            break
        s += len(b[0])
        t += len(b[1])

    def side(b):
        fs, ft = first(b)
        return 0 if (fs < cut_s if fs is not None else ft < cut_t) else 1

    out = [([], []), ([], [])]
    for b in gold:
        out[side(b)][0].append(b)
    for b in pred:
        out[side(b)][1].append(b)
    return [[out[0]], [out[1]]]


def main(argv):
    sc = load_scorer(argv[0])
    rows = []
    for spec in argv[1:]:
        name, rest = spec.split("=", 1)
        folds, files = rest.split(":", 1)
        pairs = [tuple(p.split(",")) for p in files.split(";")]
        data = [(sc.read_beads(g), sc.read_beads(p)) for g, p in pairs]
        r = sc.score(data)
        fold_f1 = []
        if folds.startswith("docs"):
            k = int(folds[4:])
            fold_f1 = [sc.score(data[:k])["f1_strict"], sc.score(data[k:])["f1_strict"]]
        elif folds == "halves":
            fold_f1 = [sc.score(f)["f1_strict"] for f in halves(*data[0])]
        rows.append((name, r, fold_f1))
    print(f"{'set':<18} {'gold':>5} | {'strict P':>8} {'R':>5} {'F1':>5} | "
          f"{'lax P':>5} {'R':>5} {'F1':>5} | {'fold1':>5} {'fold2':>5}")
    for name, r, ff in rows:
        folds = " ".join(f"{x:5.3f}" for x in ff) if ff else f"{'-':>5} {'-':>5}"
        print(f"{name:<18} {r['gold_beads']:>5} | {r['precision_strict']:8.3f} "
              f"{r['recall_strict']:5.3f} {r['f1_strict']:5.3f} | "
              f"{r['precision_lax']:5.3f} {r['recall_lax']:5.3f} {r['f1_lax']:5.3f} | {folds}")


if __name__ == "__main__":
    main(sys.argv[1:])
