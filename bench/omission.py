#!/usr/bin/python3
"""Omission and number benchmark for `tmxalign check`.

Faults are injected into the target of a clean pair with a fixed seed:
  sentence   delete k target sentences per trial (at least 3 apart)
  paragraph  delete one whole target paragraph per trial
  number     change one digit in each of k target sentences with digits
and `tmxalign check --format json` is run on the damaged pair.  A deleted
target sentence is expected to be reported as an omission (kinds omission or
partial-omission, severity warning or error) overlapping the source
sentences of its reference bead; a changed number as a number finding on
that target sentence.  A second figure also counts `length` findings of a
target too short for its source (what a lost piece of a 1-2 bead leaves).

Reference beads: the gold file when given, else the aligner's own output on
the clean pair.  Findings already present on the clean pair (same kind and
source sentences; numbers: same message) are the translation's own and are
not counted, so precision is over new findings; their number is printed.

usage: omission.py CLI SRC TGT SLANG TLANG [--gold GOLD] [--trials N] [--k K]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

OMISSION = ("omission", "partial-omission")
EXTRA = []
# (probability, right) of every new omission finding of the sentence
# trials, hints included: the reliability table
RELIABILITY = []
# the same with the finding's sentences and the trial's deletions, and the
# deletions of every trial: recall and precision at any threshold
SWEEP = []
SWEEP_TRIALS = []
BINS = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9),
        (0.9, 1.01)]


def read_presplit(path):
    """Lines -> (sentences, paragraph index per sentence)."""
    sents, paras, p, pending = [], [], 0, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
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


def run_check(cli, src, tgt, sl, tl):
    r = subprocess.run([cli, "check", src, tgt, "-s", sl, "-t", tl,
                        "--presplit", "-f", "json", "-q"] + EXTRA,
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit("check failed: " + r.stderr)
    return json.loads(r.stdout)


def reference(cli, src, tgt, sl, tl, gold):
    """Map target sentence -> (source sentences of its bead, bead's n)."""
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


def omissions(report, base, hints=False, with_p=False):
    """New omission findings: (source sentence set) per finding, or
    (set, probability) pairs with with_p (probability None when the report
    gives none)."""
    out = []
    for f in report["findings"]:
        if f["kind"] not in OMISSION or (not hints and f["severity"] == "info"):
            continue
        if (f["kind"], tuple(f["source"]["sentences"])) in base:
            continue
        sp = set(f["source"]["sentences"])
        out.append((sp, f.get("probability")) if with_p else sp)
    return out


def truncations(report, base):
    """New 'target shorter' length findings: a bead's translation too short
    for its source, what a reviewer sees when part of a sentence is lost
    (a deleted piece of a 1-2 bead leaves a short 1-1)."""
    return [set(f["source"]["sentences"]) for f in report["findings"]
            if f["kind"] == "length" and "shorter" in f["message"]
            and f["severity"] != "info"
            and (f["kind"], tuple(f["source"]["sentences"])) not in base]


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


def near(sp, exp):
    return any(abs(x - y) <= 1 for x in sp for y in exp)


def ratio(a, b, empty=0.0):
    return a / b if b else empty


def bench_sentences(a, ctx, rng):
    tsents, tparas, ref, base = ctx
    cands = [j for j in range(len(tsents)) if j in ref and ref[j][0]]
    st = dict.fromkeys(["tot", "hit", "near", "hint", "tot11", "hit11",
                        "found", "false", "far", "hfound", "hfalse",
                        "thit", "tfound", "tfalse"], 0)
    bylen, missed = {}, []
    dmg = os.path.join(ctx_tmp, "tgt.txt")
    for _ in range(a.trials):
        dels = pick_apart(rng, cands, a.k, 3)
        keep = [j for j in range(len(tsents)) if j not in dels]
        write_presplit(dmg, [tsents[j] for j in keep], [tparas[j] for j in keep])
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        spans = omissions(rep, base)
        hspans = omissions(rep, base, hints=True)
        for sp, p in omissions(rep, base, hints=True, with_p=True):
            if p is not None:
                RELIABILITY.append((p, any(sp & ref[j][0] for j in dels)))
                SWEEP.append((p, sp, len(SWEEP_TRIALS)))
        SWEEP_TRIALS.append([ref[j][0] for j in dels])
        tspans = spans + truncations(rep, base)
        for j in dels:
            exp = ref[j][0]
            ok = any(sp & exp for sp in spans)
            st["tot"] += 1
            st["hit"] += ok
            st["near"] += any(near(sp, exp) for sp in spans)
            st["hint"] += any(sp & exp for sp in hspans)
            st["thit"] += any(sp & exp for sp in tspans)
            if ref[j][1] == 1 and len(exp) == 1:
                st["tot11"] += 1
                st["hit11"] += ok
            n = len(tsents[j])
            b = bylen.setdefault("short (<40 chars)" if n < 40 else
                                 "medium (40-99)" if n < 100 else
                                 "long (>=100)", [0, 0])
            b[0] += ok
            b[1] += 1
            if not ok:
                missed.append((j, sorted(exp), ref[j][1], tsents[j][:70]))
        st["found"] += len(spans)
        st["hfound"] += len(hspans)
        for sp in spans:
            st["false"] += not any(sp & ref[j][0] for j in dels)
            st["far"] += not any(near(sp, ref[j][0]) for j in dels)
        for sp in hspans:
            st["hfalse"] += not any(sp & ref[j][0] for j in dels)
        st["tfound"] += len(tspans)
        for sp in tspans:
            st["tfalse"] += not any(sp & ref[j][0] for j in dels)
    if a.verbose:
        for m in missed:
            print("missed", m, file=sys.stderr)
    return {"deleted": st["tot"], "recall": ratio(st["hit"], st["tot"]),
            "precision": ratio(st["found"] - st["false"], st["found"], 1),
            "findings": st["found"],
            "translated_1_1": st["tot11"],
            "recall_1_1": ratio(st["hit11"], st["tot11"]),
            "recall_within_1": ratio(st["near"], st["tot"]),
            "precision_within_1": ratio(st["found"] - st["far"], st["found"], 1),
            "recall_with_hints": ratio(st["hint"], st["tot"]),
            "precision_with_hints":
                ratio(st["hfound"] - st["hfalse"], st["hfound"], 1),
            "recall_with_truncations": ratio(st["thit"], st["tot"]),
            "precision_with_truncations":
                ratio(st["tfound"] - st["tfalse"], st["tfound"], 1),
            "recall_by_length": {k: v for k, v in sorted(bylen.items())}}


def bench_paragraphs(a, ctx, rng):
    tsents, tparas, ref, base = ctx
    np_ = max(tparas) + 1 if tparas else 0
    tot = hit = found = false = covered = expected = 0
    dmg = os.path.join(ctx_tmp, "tgt.txt")
    for _ in range(a.trials if np_ >= 3 else 0):
        p = rng.randrange(np_)
        exp = set()
        for j in range(len(tsents)):
            if tparas[j] == p and j in ref:
                exp |= ref[j][0]
        if not exp:
            continue
        keep = [j for j in range(len(tsents)) if tparas[j] != p]
        write_presplit(dmg, [tsents[j] for j in keep], [tparas[j] for j in keep])
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        flagged = set()
        for sp in omissions(rep, base):
            found += 1
            if sp & exp:
                flagged |= sp
            else:
                false += 1
        tot += 1
        hit += bool(flagged & exp)
        covered += len(flagged & exp)
        expected += len(exp)
    return {"deleted": tot, "recall": ratio(hit, tot),
            "precision": ratio(found - false, found, 1),
            "sentences_flagged": ratio(covered, expected)}


def bench_numbers(a, ctx, rng, base_num):
    tsents, tparas, ref, _ = ctx
    cands = [j for j in range(len(tsents))
             if any(ch.isdigit() for ch in tsents[j]) and j in ref and ref[j][0]]
    tot = hit = found = false = 0
    dmg = os.path.join(ctx_tmp, "tgt.txt")
    for _ in range(a.trials if cands else 0):
        chg = pick_apart(rng, cands, a.k, 2)
        ts = tsents[:]
        for j in chg:
            ts[j] = change_digit(rng, ts[j])
        write_presplit(dmg, ts, tparas)
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        spans = [set(f["target"]["sentences"]) for f in rep["findings"]
                 if f["kind"] == "number" and
                 (tuple(f["target"]["sentences"]), f["message"]) not in base_num]
        found += len(spans)
        for j in chg:
            ok = any(j in sp for sp in spans)
            hit += ok
            tot += 1
            if not ok and a.verbose:
                print("missed number", j, ts[j][:80], file=sys.stderr)
        false += sum(1 for sp in spans if not any(j in sp for j in chg))
    return {"changed": tot, "recall": ratio(hit, tot),
            "precision": ratio(found - false, found, 1),
            "sentences_with_digits": len(cands)}


NUMBER_WORDS = {
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
           "hundred", "thousand"],
    "fr": ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
           "dix", "onze", "douze", "vingt", "trente", "quarante", "cinquante",
           "cent", "mille"],
    "de": ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
           "zehn", "elf", "zwölf", "zwanzig", "dreißig", "vierzig", "fünfzig",
           "hundert", "tausend"],
}


def word_positions(s, words):
    import re
    out = []
    for m in re.finditer(r"\w+", s):
        w = m.group(0)
        if w.lower() in words:
            out.append((m.start(), m.end(), w))
    return out


def bench_number_words(a, ctx, rng):
    """Change one number written in words in each of k target sentences
    (three -> four, trente -> quarante): expected as a number finding."""
    tsents, tparas, ref, _ = ctx
    words = NUMBER_WORDS.get(a.tlang.split("-")[0])
    if not words:
        return {"changed": 0, "recall": 0.0, "precision": 1.0,
                "sentences_with_words": 0}
    cands = [j for j in range(len(tsents))
             if word_positions(tsents[j], words) and j in ref and ref[j][0]]
    clean = run_check(a.cli, a.src, a.tgt, a.slang, a.tlang)
    base_num = {(tuple(f["target"]["sentences"]), f["message"])
                for f in clean["findings"] if f["kind"] == "number"}
    tot = hit = found = false = 0
    dmg = os.path.join(ctx_tmp, "tgt.txt")
    for _ in range(a.trials if cands else 0):
        chg = pick_apart(rng, cands, a.k, 2)
        ts = tsents[:]
        for j in chg:
            b, e, w = rng.choice(word_positions(ts[j], words))
            new = rng.choice([x for x in words if x != w.lower()])
            if w[:1].isupper():
                new = new.capitalize()
            ts[j] = ts[j][:b] + new + ts[j][e:]
        write_presplit(dmg, ts, tparas)
        rep = run_check(a.cli, a.src, dmg, a.slang, a.tlang)
        spans = [set(f["target"]["sentences"]) for f in rep["findings"]
                 if f["kind"] == "number" and
                 (tuple(f["target"]["sentences"]), f["message"]) not in base_num]
        found += len(spans)
        for j in chg:
            hit += any(j in sp for sp in spans)
            tot += 1
        false += sum(1 for sp in spans if not any(j in sp for j in chg))
    return {"changed": tot, "recall": ratio(hit, tot),
            "precision": ratio(found - false, found, 1),
            "sentences_with_words": len(cands)}


def reliability_table():
    rows = []
    for lo, hi in BINS:
        xs = [r for p, r in RELIABILITY if lo <= p < hi]
        rows.append((lo, min(hi, 1.0), len(xs), ratio(sum(xs), len(xs))))
    return rows


def sweep(thresholds):
    """Recall and precision of the sentence trials at each threshold."""
    out = {}
    for t in thresholds:
        found = [(sp, k) for p, sp, k in SWEEP if p >= t]
        right = sum(any(sp & x for x in SWEEP_TRIALS[k]) for sp, k in found)
        tot = sum(len(tr) for tr in SWEEP_TRIALS)
        hit = sum(any(sp & x for sp, k2 in found if k2 == k)
                  for k, tr in enumerate(SWEEP_TRIALS) for x in tr)
        out["%.2f" % t] = (ratio(hit, tot), ratio(right, len(found), 1))
    return out


ctx_tmp = tempfile.mkdtemp()


def main():
    ap = argparse.ArgumentParser()
    for name in ("cli", "src", "tgt", "slang", "tlang"):
        ap.add_argument(name)
    ap.add_argument("--gold")
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--name", default="")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check-arg", action="append", default=[],
                    help="extra argument for tmxalign check (repeatable)")
    a = ap.parse_args()
    EXTRA.extend(a.check_arg)
    tsents, tparas = read_presplit(a.tgt)
    ref = reference(a.cli, a.src, a.tgt, a.slang, a.tlang, a.gold)
    clean = run_check(a.cli, a.src, a.tgt, a.slang, a.tlang)
    base = {(f["kind"], tuple(f["source"]["sentences"]))
            for f in clean["findings"] if f["kind"] in OMISSION + ("length",)}
    base_num = {(tuple(f["target"]["sentences"]), f["message"])
                for f in clean["findings"] if f["kind"] == "number"}
    ctx = (tsents, tparas, ref, base)
    rng = random.Random(a.seed)
    out = {"name": a.name,
           "baseline": {k: clean["summary"]["by_kind"][k] for k in
                        ("omission", "partial-omission", "number")},
           "baseline_severity": clean["summary"]["by_severity"],
           "sentence": bench_sentences(a, ctx, rng),
           "paragraph": bench_paragraphs(a, ctx, rng),
           "number": bench_numbers(a, ctx, rng, base_num),
           "number_words": bench_number_words(a, ctx, rng),
           "reliability": reliability_table(),
           "sweep": sweep([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])}
    if a.json:
        print(json.dumps(out))
        return
    se, pa, nu = out["sentence"], out["paragraph"], out["number"]
    print("%s: unmodified pair: %s; by severity %s" %
          (a.name, ", ".join("%d %s" % (v, k) for k, v in out["baseline"].items()),
           ", ".join("%d %s" % (v, k) for k, v in out["baseline_severity"].items())))
    print("  sentences deleted: %3d  recall %.2f  precision %.2f  "
          "(translated 1-1: %d, recall %.2f)" %
          (se["deleted"], se["recall"], se["precision"], se["translated_1_1"],
           se["recall_1_1"]))
    print("    within one sentence: recall %.2f, precision %.2f; with info "
          "hints: recall %.2f, precision %.2f" %
          (se["recall_within_1"], se["precision_within_1"],
           se["recall_with_hints"], se["precision_with_hints"]))
    print("    with 'target shorter' length findings: recall %.2f, precision %.2f"
          % (se["recall_with_truncations"], se["precision_with_truncations"]))
    print("    recall by length: " + ", ".join(
        "%s %d/%d" % (k, v[0], v[1]) for k, v in se["recall_by_length"].items()))
    if pa["deleted"]:
        print("  paragraphs deleted: %2d  recall %.2f  precision %.2f  "
              "(share of their sentences named %.2f)" %
              (pa["deleted"], pa["recall"], pa["precision"],
               pa["sentences_flagged"]))
    else:
        print("  paragraphs: none (the text is one paragraph)")
    print("  numbers changed:   %3d  recall %.2f  precision %.2f  "
          "(%d target sentences with digits)" %
          (nu["changed"], nu["recall"], nu["precision"],
           nu["sentences_with_digits"]))
    nw = out["number_words"]
    print("  number words changed: %3d  recall %.2f  precision %.2f  "
          "(%d target sentences with number words)" %
          (nw["changed"], nw["recall"], nw["precision"],
           nw["sentences_with_words"]))
    print("  reliability of omission findings (hints included), "
          "probability: findings, share right")
    print("    " + "; ".join("%.1f-%.1f: %d, %.2f" % (lo, hi, n, r)
                             for lo, hi, n, r in out["reliability"]))
    print("  sentence trials at threshold t (recall/precision): " +
          ", ".join("%s %.2f/%.2f" % (t, r, p)
                    for t, (r, p) in out["sweep"].items()))


if __name__ == "__main__":
    main()
