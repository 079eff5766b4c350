#!/usr/bin/env bash
# The aligner against the hand-made gold of the bundled corpora: prints
# strict precision, recall and F1 (the standard definitions, as in
# bench/quality.sh) and fails below a floor.  Floors: the news article is
# all 1-1 but one 1-2, so every bead must be right; La Parure scores 0.989
# today, and the floor 0.97 leaves room for about four beads of change in the
# model, not for a regression that loses the story's dialogue (0.954 before
# speech turns were told apart from other paragraph breaks).
set -euo pipefail
cli=$1; top=$2
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
py=/usr/bin/python3; [ -x $py ] || py=python3

score() { # gold pred floor name
  $py - "$1" "$2" "$3" "$4" <<'PY'
import re, sys
def beads(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]", line)
        if m:
            side = lambda t: tuple(int(x) for x in t.replace(",", " ").split())
            out.add((side(m.group(1)), side(m.group(2))))
    return out
gold, pred = beads(sys.argv[1]), beads(sys.argv[2])
floor, name = float(sys.argv[3]), sys.argv[4]
both = lambda bs: {b for b in bs if b[0] and b[1]}
p = len(pred & gold) / len(pred) if pred else 0.0
r = len(both(pred) & both(gold)) / len(both(gold)) if gold else 0.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
print(f"{name}: strict precision {p:.3f} recall {r:.3f} F1 {f1:.3f} (floor {floor})")
sys.exit(0 if f1 >= floor else 1)
PY
}

"$cli" align "$top/corpora/pentagon/article.fr.txt" "$top/corpora/pentagon/article.en.txt" \
  -s fr -t en -f beads -o "$out/pentagon.beads"
score "$top/corpora/pentagon/gold.beads" "$out/pentagon.beads" 1.0 pentagon

"$cli" align "$top/corpora/parure/story.fr.txt" "$top/corpora/parure/story.en.txt" \
  -s fr -t en -f beads -o "$out/parure.beads"
score "$top/corpora/parure/gold.beads" "$out/parure.beads" 0.97 parure

# Every sentence of both sides in exactly one bead, in order.
n_fr=$("$cli" split "$top/corpora/parure/story.fr.txt" -l fr | grep -vc '^$')
n_en=$("$cli" split "$top/corpora/parure/story.en.txt" -l en | grep -vc '^$')
$py - "$out/parure.beads" "$n_fr" "$n_en" <<'PY'
import re, sys
i = j = 0
for line in open(sys.argv[1]):
    m = re.match(r"\[([\d,\s]*)\]:\[([\d,\s]*)\]", line)
    a = [int(x) for x in m.group(1).replace(",", " ").split()]
    b = [int(x) for x in m.group(2).replace(",", " ").split()]
    assert a == list(range(i, i + len(a))) and b == list(range(j, j + len(b))), line
    i += len(a); j += len(b)
assert (i, j) == (int(sys.argv[2]), int(sys.argv[3])), (i, j)
print(f"parure: {i} + {j} sentences, each in exactly one bead")
PY

# jsonl explains every bead; TSV has three columns.
"$cli" align "$top/corpora/pentagon/article.fr.txt" "$top/corpora/pentagon/article.en.txt" \
  -s fr -t en -f jsonl -o "$out/p.jsonl"
$py - "$out/p.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 18, len(rows)
for r in rows:
    assert set(r["cost"]) >= {"total", "length", "number", "identical", "cognate",
                              "punct", "prior", "paragraph"}, r["cost"]
    assert 0 <= r["score"] <= 1
    assert r["source"]["end"] > r["source"]["offset"]
peskov = [r for r in rows if "Peskov" in r["source"]["text"]]
assert peskov and "Peskov" in peskov[0]["target"]["text"], peskov
print("pentagon: jsonl rows carry offsets, scores and cost components")
PY
"$cli" align "$top/corpora/pentagon/article.fr.txt" "$top/corpora/pentagon/article.en.txt" \
  -s fr -t en | awk -F'\t' 'NF != 3 { bad = 1 } END { exit bad }'

# Errors: one language missing, an unknown option, a missing file.
if "$cli" align "$top/corpora/pentagon/article.fr.txt" x -s fr 2>"$out/err"; then exit 1; fi
grep -q "both languages" "$out/err"
if "$cli" align a b -s fr -t en --bogus 2>"$out/err"; then exit 1; fi
grep -q "align: unknown option '--bogus'" "$out/err"
set +e
"$cli" align "$out/none.txt" "$top/corpora/pentagon/article.en.txt" -s fr -t en 2>"$out/err"
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "none.txt" "$out/err"
echo "align: errors reported with exit 2"

# '-' reads one side from standard input: same beads as from the file.
"$cli" align - "$top/corpora/pentagon/article.en.txt" -s fr -t en -f beads \
  < "$top/corpora/pentagon/article.fr.txt" > "$out/stdin.beads"
cmp "$out/stdin.beads" "$out/pentagon.beads"
echo "align: standard input gives the same alignment"

# A full disk: exit 2 with the file named (tests/e2e/tmx_cli.sh shows that a
# failed write leaves an existing output as it was).
set +e
"$cli" align "$top/corpora/pentagon/article.fr.txt" "$top/corpora/pentagon/article.en.txt" \
  -s fr -t en -o /dev/full 2>"$out/err"
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "/dev/full: write error" "$out/err"
echo "align: a full disk is reported with the file's name"
