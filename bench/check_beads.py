#!/usr/bin/python3
"""Validate, describe and re-index sentence-alignment bead files.

A bead file has one bead per line, `[0, 1]:[0]`: 0-based source indices, then target
indices; `[]:[5]` is a target sentence with no source. A valid file puts every sentence
of both sides in exactly one bead, in order, with no empty bead. A trailing `:score` on a
line is accepted and ignored, so aligner output can be checked with the same tool.

Sentence files have one sentence per line, as printed by `tmxalign split`; blank lines
(paragraph breaks) are skipped, so index k is the k-th non-blank line. A gold.tsv
holds the text of each bead: source sentences joined by a space, a TAB, then the target
sentences. With it, a gold alignment can be carried over to a new sentence split:
`reindex` maps each new sentence onto the gold beads by character position (whitespace
ignored). Beads that a new sentence straddles are merged, and each merge is reported.
The script does not align anything by itself.

Usage:
  check_beads.py check BEADS SRC TGT     SRC/TGT: sentence file or a sentence count
  check_beads.py stats BEADS             bead types, e.g. "1-1 120"
  check_beads.py tsv BEADS SRC TGT       print gold.tsv for BEADS over sentence files
  check_beads.py reindex TSV SRC TGT     print beads for the new sentence files

Exit status: 0 ok, 1 the beads are invalid, 2 usage or input error.
"""

import collections
import os
import re
import sys

BEAD_RE = re.compile(r"^\[([0-9, ]*)\]:\[([0-9, ]*)\](?::[-+0-9.eE]+)?$")


class BeadError(Exception):
    pass


def parse_indices(text, where):
    text = text.strip()
    if not text:
        return []
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit():
            raise BeadError(f"{where}: expected an index, got {part!r}")
        out.append(int(part))
    return out


def read_beads(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            m = BEAD_RE.match(line.strip())
            if not m:
                raise BeadError(f"{path}: line {n}: expected [i, ...]:[j, ...], got {line!r}")
            where = f"{path}: line {n}"
            beads.append((parse_indices(m.group(1), where), parse_indices(m.group(2), where), n))
    return beads


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def count_of(arg):
    """A side is given either as a number or as a sentence file."""
    if arg.isdigit() and not os.path.exists(arg):
        return int(arg)
    return len(read_sentences(arg))


def check(beads, nsrc, ntgt):
    """Return a list of problems; empty when the beads are a valid alignment."""
    problems = []
    next_idx = [0, 0]
    limit = [nsrc, ntgt]
    for src, tgt, line in beads:
        if not src and not tgt:
            problems.append(f"line {line}: empty bead")
        for side, idxs in ((0, src), (1, tgt)):
            name = ("source", "target")[side]
            for i in idxs:
                if i != next_idx[side]:
                    problems.append(f"line {line}: {name} index {i}, expected {next_idx[side]}")
                    next_idx[side] = i
                if i >= limit[side]:
                    problems.append(f"line {line}: {name} index {i} is past the last sentence "
                                    f"({limit[side] - 1})")
                next_idx[side] += 1
    for side in (0, 1):
        if next_idx[side] < limit[side]:
            name = ("source", "target")[side]
            problems.append(f"end: {name} sentences {next_idx[side]}..{limit[side] - 1} "
                            f"are in no bead")
    return problems


def bead_types(beads):
    return collections.Counter(f"{len(s)}-{len(t)}" for s, t, _ in beads)


def format_bead(src, tgt):
    return "[" + ", ".join(map(str, src)) + "]:[" + ", ".join(map(str, tgt)) + "]"


def compact(text):
    return re.sub(r"\s+", "", text)


def spans(pieces):
    """Start and end of each piece in the whitespace-free concatenation of all pieces."""
    out, pos = [], 0
    for p in pieces:
        n = len(compact(p))
        out.append((pos, pos + n))
        pos += n
    return out, pos


def reindex(tsv_rows, src_sents, tgt_sents, report):
    """Carry gold beads (texts) over to new sentence lists; return index beads."""
    nbeads = len(tsv_rows)
    parent = list(range(nbeads))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owners = []
    for side, sents in ((0, src_sents), (1, tgt_sents)):
        bead_spans, total = spans([row[side] for row in tsv_rows])
        sent_spans, total_new = spans(sents)
        name = ("source", "target")[side]
        if total != total_new or compact("".join(r[side] for r in tsv_rows)) != \
                compact("".join(sents)):
            raise BeadError(f"{name} text differs between the gold tsv and the sentence file")
        owner = []
        b = 0
        for k, (a, e) in enumerate(sent_spans):
            # Skip beads that end before this sentence starts (including empty sides).
            while b < nbeads and (bead_spans[b][1] <= a and not (a == e == bead_spans[b][0])):
                b += 1
            first = b
            last = b
            while last + 1 < nbeads and bead_spans[last + 1][0] < e:
                last += 1
            if last > first:
                report(f"{name} sentence {k} straddles gold beads {first}..{last}: merged: "
                       f"{sents[k][:60]!r}")
                for j in range(first + 1, last + 1):
                    parent[find(j)] = find(first)
            owner.append(first)
        owners.append(owner)
    groups = collections.OrderedDict()
    for b in range(nbeads):
        groups.setdefault(find(b), ([], []))
    for side in (0, 1):
        for k, b in enumerate(owners[side]):
            groups[find(b)][side].append(k)
    return [(s, t) for s, t in groups.values() if s or t]


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.count("\t") != 1:
                raise BeadError(f"{path}: line {n}: expected exactly one TAB")
            rows.append(tuple(line.split("\t")))
    return rows


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "stats", "tsv", "reindex"):
        sys.stderr.write(__doc__)
        return 2
    cmd = argv[1]
    try:
        if cmd == "stats" and len(argv) == 3:
            beads = read_beads(argv[2])
            for kind, n in sorted(bead_types(beads).items(), key=lambda kv: -kv[1]):
                print(f"{kind} {n}")
            print(f"total {len(beads)}")
            return 0
        if len(argv) != 5:
            sys.stderr.write(__doc__)
            return 2
        if cmd == "check":
            beads = read_beads(argv[2])
            problems = check(beads, count_of(argv[3]), count_of(argv[4]))
            for p in problems:
                print(f"{argv[2]}: {p}", file=sys.stderr)
            return 1 if problems else 0
        if cmd == "tsv":
            beads = read_beads(argv[2])
            src, tgt = read_sentences(argv[3]), read_sentences(argv[4])
            problems = check(beads, len(src), len(tgt))
            if problems:
                for p in problems:
                    print(f"{argv[2]}: {p}", file=sys.stderr)
                return 1
            for s, t, _ in beads:
                for text in (" ".join(src[i] for i in s), " ".join(tgt[i] for i in t)):
                    if "\t" in text:
                        raise BeadError("a sentence contains a TAB; tsv cannot hold it")
                print(" ".join(src[i] for i in s) + "\t" + " ".join(tgt[i] for i in t))
            return 0
        rows = read_tsv(argv[2])
        src, tgt = read_sentences(argv[3]), read_sentences(argv[4])
        for s, t in reindex(rows, src, tgt, lambda m: print(m, file=sys.stderr)):
            print(format_bead(s, t))
        return 0
    except (BeadError, OSError) as e:
        print(f"check_beads: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
