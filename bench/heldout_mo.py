#!/usr/bin/env python3
"""Build a held-out technical test set from the message catalogues Debian
installs (/usr/share/locale/LANG/LC_MESSAGES/*.mo): English program
messages and their translations, in fr, de, ja and zh_CN.

Held out in genre (software messages and help text, not literature) and in
script (Han and kana beside Latin), and never used for tuning.  A catalogue
pairs each English message with its translation, so the gold is known: the
messages are written one after another, one document a catalogue, split by
`tmxalign split` (so the test also covers our splitter), and a message whose
two sides split into n and m sentences is one gold bead when n or m is 1
(1-1, 1-2, 2-1...); messages with several sentences on both sides are left
out, since their inner alignment is unknown.  To have null beads, a fixed
share of translations is dropped (seeded): a 1-0 bead.  No paragraph
breaks are kept ("flat"), the hard case.

usage: heldout_mo.py CLI OUTDIR LANG [--seed N] [--drop P] [--tables]
--tables keeps help texts laid out as tables of options (whose sentence
splitting differs most between the two sides; a harder set).
writes OUTDIR/LANG.src (English), OUTDIR/LANG.tgt, OUTDIR/LANG.gold:
presplit files (one sentence a line) and gold beads in score.py's format;
prints "LANG: N messages, S/T sentences, K catalogues".
"""
import gettext
import json
import os
import random
import re
import subprocess
import sys

# Catalogues present in Debian 12 for all four languages on a machine with
# the project's packages; any that is missing is skipped.
CATALOGUES = ["coreutils", "apt", "dpkg", "findutils", "diffutils", "grep",
              "gnupg2", "glib20", "gettext-tools", "bash", "gettext-runtime",
              "Linux-PAM", "adduser", "PackageKit", "appstream", "binutils"]
PROSE = re.compile(r"[A-Za-z]{3,}(\s+[A-Za-z]{2,}){4,}")  # five words or more


def messages(path, tables):
    with open(path, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    for k, v in cat.items():
        if not isinstance(k, str) or not k or not v or not isinstance(v, str):
            continue  # the header, plural forms
        # prose only: no option tables (aligned with runs of spaces or
        # tabs), no format-heavy one-liners
        if not PROSE.search(k) or k.count("%") > 2:
            continue
        if not tables and re.search(r"  |\t", k):
            continue
        k, v = " ".join(k.split()), " ".join(v.split())
        if len(k) < 30 or len(k) > 400 or k == v:
            continue
        yield k, v


def split(cli, lang, texts):
    """Sentences of each text (paragraphs of one file, so one process)."""
    data = "\n\n".join(t.replace("\n", " ") for t in texts) + "\n"
    out = subprocess.run([cli, "split", "-", "-l", lang, "-f", "jsonl"],
                         input=data.encode(), capture_output=True, check=True)
    paras = [[] for _ in texts]
    for line in out.stdout.decode().splitlines():
        o = json.loads(line)
        paras[o["paragraph"]].append(o["text"])
    return paras


def main():
    args = sys.argv[1:]
    seed, drop, tables = 1, 0.03, False
    if "--tables" in args:
        args.remove("--tables"); tables = True
    if "--seed" in args:
        i = args.index("--seed"); seed = int(args[i + 1]); del args[i:i + 2]
    if "--drop" in args:
        i = args.index("--drop"); drop = float(args[i + 1]); del args[i:i + 2]
    cli, outdir, lang = args
    tag = {"zh_CN": "zh-Hans"}.get(lang, lang)
    rng = random.Random(seed)
    src, tgt, gold, units, used = [], [], [], 0, 0
    for name in CATALOGUES:
        path = f"/usr/share/locale/{lang}/LC_MESSAGES/{name}.mo"
        if not os.path.exists(path):
            continue
        pairs = list(messages(path, tables))
        if not pairs:
            continue
        used += 1
        ss = split(cli, "en", [k for k, _ in pairs])
        ts = split(cli, tag, [v for _, v in pairs])
        for s, t in zip(ss, ts):
            if not s or not t or (len(s) > 1 and len(t) > 1):
                continue
            if rng.random() < drop:
                t = []
            gold.append((list(range(len(src), len(src) + len(s))),
                         list(range(len(tgt), len(tgt) + len(t)))))
            src += s
            tgt += t
            units += 1
    os.makedirs(outdir, exist_ok=True)
    for ext, lines in (("src", src), ("tgt", tgt)):
        with open(os.path.join(outdir, f"{lang}.{ext}"), "w") as f:
            f.write("".join(x + "\n" for x in lines))
    with open(os.path.join(outdir, f"{lang}.gold"), "w") as f:
        for a, b in gold:
            f.write(f"{a}:{b}\n")
    print(f"{lang}: {units} messages, {len(src)}/{len(tgt)} sentences, "
          f"{used} catalogues")


if __name__ == "__main__":
    main()
