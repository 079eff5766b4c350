#!/usr/bin/python3
"""Omission and number benchmark for `tmxalign check`.

Faults are injected into the target of a clean pair with a fixed seed:
  sentence   delete k target sentences (at least 3 apart)
  paragraph  delete one whole target paragraph
  number     change one digit in each of k target sentences with digits
and `tmxalign check --format json` is run on the damaged pair.  A deleted
target sentence is expected to be reported as an omission (kinds omission or
partial-omission) overlapping the source sentences of its reference bead;
a changed number as a number finding on that target sentence.

Reference beads: the gold file when given, else the aligner's own output
on the clean pair.  Findings already present on the clean pair are not
counted (they are the translation's own), so precision is over new findings.

usage: omission.py CLI SRC TGT SLANG TLANG [--gold GOLD] [--trials N] [--k K]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile


def read_presplit(path):
    """Lines -> (sentences, paragraph index per sentence)."""
    sents, paras, p, pending = [], [], 0, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").strip()
            if not line:
                pending = bool(sents)
                continue
            if pending:
                p += 1
                pending = False
            sents.append(line)
            paras.append(p)
    return sents, paras


def write_presplit(path, sents, paras):
    with open(path, "w", encoding="utf-8") as f:
        prev = None
        for s, p in zip(sents, paras):
            if prev is not None and p != prev:
                f.write("\n")
            f.write(s + "\n")
            prev = p


EXTRA = []


def run_check(cli, src, tgt, sl, tl):
    r = subprocess.run([cli, "check", src, tgt, "-s", sl, "-t", tl,
                        "--presplit", "-f", "json", "-q"] + EXTRA,
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit("check failed: " + r.stderr)
    return json.loads(r.stdout)


def reference(cli, src, tgt, sl, tl, gold):
    """Map target sentence -> set of source sentences of its bead."""
    beads = []
    if gold:
        with open(gold) as f:
            for line in f:
                s, t = line.strip().split(":")[:2]
                beads.append((json.loads(s), json.loads(t)))
    else:
        r = subprocess.run([cli, "align", src, tgt, "-s", sl, "-t", tl,
                            "--presplit", "-f", "jsonl"],
                           capture_output=True, text=True, check=True)
        for line in r.stdout.splitlines():
            b = json.loads(line)
            beads.append((b["source"]["sentences"], b["target"]["sentences"]))
    ref = {}
    for s, t in beads:
        for j in t:
            ref[j] = (set(s), len(t))
    return ref


OMISSION = ("omission", "partial-omission")


def keyset(report, kinds, side):
    return {tuple(f[side]["sentences"]) for f in report["findings"]
            if f["kind"] in kinds}


def new_findings(report, base, kinds, side, all_=False):
    return [f for f in report["findings"] if f["kind"] in kinds and
            (all_ or tuple(f[side]["sentences"]) not in base)]


def base_values(report):
    """source span -> strongest evidence of an omission there (inf: 1-0)"""
    v = {}
    for f in report["findings"]:
        if f["kind"] in OMISSION:
            key = tuple(f["source"]["sentences"])
            x = float("inf") if f["kind"] == "omission" else f["value"]
            v[key] = max(v.get(key, -1e9), x)
    return v


def pick_apart(rng, cands, k, gap):
    chosen = []
    pool = cands[:]
    rng.shuffle(pool)
    for c in pool:
        if all(abs(c - x) >= gap for x in chosen):
            chosen.append(c)
        if len(chosen) == k:
            break
    return sorted(chosen)


def change_digit(rng, s):
    pos = [i for i, ch in enumerate(s) if ch.isdigit()]
    i = rng.choice(pos)
    d = rng.choice([c for c in "0123456789" if c != s[i]])
    return s[:i] + d + s[i + 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("src")
    ap.add_argument("tgt")
    ap.add_argument("slang")
    ap.add_argument("tlang")
    ap.add_argument("--gold")
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--name", default="")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--sweep", action="store_true",
                    help="partial omissions at every threshold")
    a = ap.parse_args()
    if a.sweep:
        EXTRA.extend(["--partial-threshold", "-50"])
    sweep = []
    tsents, tparas = read_presplit(a.tgt)
    ref = reference(a.cli, a.src, a.tgt, a.slang, a.tlang, a.gold)
    base = run_check(a.cli, a.src, a.tgt, a.slang, a.tlang)
    base_om = keyset(base, OMISSION, "source")
    base_val = base_values(base)
    base_num = keyset(base, ("number",), "target")
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp()
    dmg = os.path.join(tmp, "tgt.txt")
    out = {"name": a.name, "baseline_omissions": len(base_om),
           "baseline_numbers": len(base_num)}

    # ---- single sentences
    cands = [j for j in range(len(tsents)) if j in ref and ref[j][0]]
    hit = tot = fp = found = 0
    hit11 = tot11 = 0
    missed = []
    for _ in range(a.trials):
        dels = pick_apart(rng, cands, a.k, 3)
        keep = [j for j in range(len(tsents)) if j not in dels]
        write_presplit(dmg, [tsents[j] for j in keep], [tparas[j] for j in keep])
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        for f in new_findings(rep, base_om, OMISSION, "source", True):
            sp = set(f["source"]["sentences"])
            true = tuple(j for j in dels if sp & ref[j][0])
            sweep.append((f["kind"], f["value"], true,
                          base_val.get(tuple(sorted(sp)), None), f))
        fs = new_findings(rep, base_om, OMISSION, "source")
        found += len(fs)
        spans = [set(f["source"]["sentences"]) for f in fs]
        for j in dels:
            ok = any(sp & ref[j][0] for sp in spans)
            hit += ok
            tot += 1
            if ref[j][1] == 1 and len(ref[j][0]) == 1:
                hit11 += ok
                tot11 += 1
            if not ok:
                missed.append((j, sorted(ref[j][0]), ref[j][1], tsents[j][:70]))
        for sp in spans:
            if not any(sp & ref[j][0] for j in dels):
                fp += 1
    if a.sweep:
        for th in [x / 2 for x in range(-4, 13)]:
            kept = [(v, t) for k, v, t, b, f in sweep
                    if (k == "omission" or v > th) and not (b is not None and b > th)]
            tp = sum(1 for _, t in kept if t)
            det = len({(i, j) for i, (_, t) in enumerate(kept) for j in t})
            print("threshold %.1f: findings %d, true %d, precision %.3f" %
                  (th, len(kept), tp, tp / len(kept) if kept else 1),
                  file=sys.stderr)
        if a.verbose:
            for k, v, t, b, f in sweep:
                if not t and (k == "omission" or v > 0):
                    print("false", k, round(v, 2), f["source"]["sentences"],
                          f["source"]["text"][:60], "|", f["target"]["text"][:60],
                          file=sys.stderr)
    out["sentence"] = {"deleted": tot, "recall": hit / tot if tot else 0,
                       "precision": (found - fp) / found if found else 1,
                       "findings": found, "false": fp,
                       "deleted_1_1": tot11,
                       "recall_1_1": hit11 / tot11 if tot11 else 0}
    if a.verbose:
        for m in missed:
            print("missed", m, file=sys.stderr)

    # ---- whole paragraphs
    np_ = max(tparas) + 1 if tparas else 0
    hit = tot = fp = found = 0
    covered = expected = 0
    for _ in range(a.trials):
        p = rng.randrange(np_)
        gone = [j for j in range(len(tsents)) if tparas[j] == p]
        exp = set()
        for j in gone:
            if j in ref:
                exp |= ref[j][0]
        if not exp:
            continue
        keep = [j for j in range(len(tsents)) if tparas[j] != p]
        write_presplit(dmg, [tsents[j] for j in keep], [tparas[j] for j in keep])
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        fs = new_findings(rep, base_om, OMISSION, "source")
        found += len(fs)
        flagged = set()
        for f in fs:
            sp = set(f["source"]["sentences"])
            if sp & exp:
                flagged |= sp
            else:
                fp += 1
        tot += 1
        hit += bool(flagged & exp)
        covered += len(flagged & exp)
        expected += len(exp)
    out["paragraph"] = {"deleted": tot, "recall": hit / tot if tot else 0,
                        "precision": (found - fp) / found if found else 1,
                        "sentences_flagged": covered / expected if expected else 0}

    # ---- numbers
    cands = [j for j in range(len(tsents))
             if any(ch.isdigit() for ch in tsents[j]) and j in ref and ref[j][0]]
    hit = tot = fp = found = 0
    for _ in range(a.trials):
        if not cands:
            break
        chg = pick_apart(rng, cands, a.k, 2)
        ts = tsents[:]
        for j in chg:
            ts[j] = change_digit(rng, ts[j])
        write_presplit(dmg, ts, tparas)
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        fs = new_findings(rep, base_num, ("number",), "target")
        found += len(fs)
        spans = [set(f["target"]["sentences"]) for f in fs]
        for j in chg:
            ok = any(j in sp for sp in spans)
            hit += ok
            tot += 1
            if not ok and a.verbose:
                print("missed number", j, ts[j][:80], file=sys.stderr)
        for sp in spans:
            if not any(j in sp for j in chg):
                fp += 1
    out["number"] = {"changed": tot, "recall": hit / tot if tot else 0,
                     "precision": (found - fp) / found if found else 1}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
