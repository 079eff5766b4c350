#!/usr/bin/env bash
# Lexical anchors: quality on the Text+Berg dev set (de-fr, gold beads)
# with and without lexical evidence, and the slowdown on a large synthetic
# pair (bench/gen_synthetic.py) against length + anchors alone.
# usage: bench/lexicon.sh [N]   (N: synthetic source sentences, default 20000)
# Needs the shared data (TA_SHARED, default ../shared) and, for the
# dictionary rows, Debian's dict-freedict-deu-fra (/usr/share/dictd, or
# TMXALIGN_DICT_DIR); skips what is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TA_SHARED:-$here/../shared}
cli=${TA_CLI:-$here/build/tmxalign}
dev=$shared/eval/textberg-dev
n=${1:-20000}
if [ ! -f "$dev/gold.txt" ] || [ ! -f "$shared/eval/score.py" ]; then
  echo "lexicon: $dev not found; skipping (set TA_SHARED)"; exit 0
fi
py=/usr/bin/python3; [ -x $py ] || py=python3
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir "$out/nodict"
have_dict=no
"$cli" align "$dev/src.de" "$dev/tgt.fr" -s de -t fr --presplit -f beads \
  -o /dev/null --dict auto -v 2>"$out/probe" || true
grep -q 'dictionary ' "$out/probe" && have_dict=yes

# run NAME ARGS...: one row of the quality table
run() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" -f beads -o "$out/pred.beads" 2>/dev/null
  t1=$(date +%s.%N)
  $py "$shared/eval/score.py" "$dev/gold.txt" "$out/pred.beads" |
    awk -v name="$name" -v s="$(echo "$t1 - $t0" | bc)" '
      /^precision/ {sp=$2; lp=$3} /^recall/ {sr=$2; lr=$3} /^F1/ {sf=$2; lf=$3}
      END {printf "| %-44s | %s | %s | %s | %s | %.2f s |\n", name, sp, sr, sf, lf, s}'
}
a=("$cli" align "$dev/src.de" "$dev/tgt.fr" -s de -t fr --presplit)
echo "Text+Berg dev (de-fr, 468/554 sentences, 422 gold beads)"
echo
echo "| configuration | strict P | strict R | strict F1 | lax F1 | time |"
echo "|---|---|---|---|---|---|"
run "length + anchors (--no-lexicon)" "${a[@]}" --no-lexicon
run "+ self-trained lexicon (default)" "${a[@]}"
run "--dict auto, no dictionary installed" env TMXALIGN_DICT_DIR="$out/nodict" "${a[@]}" --dict auto
if [ $have_dict = yes ]; then
  run "+ FreeDict deu-fra only (--no-self-train)" "${a[@]}" --dict auto --no-self-train
  run "+ FreeDict deu-fra + self-trained (--dict auto)" "${a[@]}" --dict auto
else
  echo "(no FreeDict deu-fra installed: apt-get install dict-freedict-deu-fra)"
fi
# A ceiling for lexical evidence: the table learned from the gold beads
# themselves (each bead joined into one line, so nearly every training
# pair is a true 1-1), then used on the real pair.  Not a configuration a
# user has; it shows how much a perfect in-domain lexicon could add.
$py - "$dev" "$out" <<'PY'
import json, sys
dev, out = sys.argv[1], sys.argv[2]
src = open(dev + "/src.de", encoding="utf-8").read().split("\n")
tgt = open(dev + "/tgt.fr", encoding="utf-8").read().split("\n")
with open(out + "/gold.de", "w", encoding="utf-8") as a, \
     open(out + "/gold.fr", "w", encoding="utf-8") as b:
    for line in open(dev + "/gold.txt"):
        s, t = (json.loads(x) for x in line.strip().split(":")[:2])
        if s and t:
            a.write(" ".join(src[i] for i in s) + "\n")
            b.write(" ".join(tgt[j] for j in t) + "\n")
PY
"$cli" align "$out/gold.de" "$out/gold.fr" -s de -t fr --presplit -f beads \
  -o /dev/null --lexicon-save "$out/oracle.lex" 2>/dev/null
run "ceiling: table learned from the gold beads" "${a[@]}" --no-self-train \
  --lexicon-load "$out/oracle.lex"
run "ceiling: the same + self-trained" "${a[@]}" --lexicon-load "$out/oracle.lex"

# French-English: the bundled story against its hand-made gold (FreeDict
# fra-eng for the dictionary row, when installed).
echo
echo "La Parure (fr-en, corpora/parure, hand-made gold)"
echo
echo "| configuration | strict F1 | lax F1 |"
echo "|---|---|---|"
story() {
  local name="$1"; shift
  "$cli" align "$here/corpora/parure/story.fr.txt" "$here/corpora/parure/story.en.txt" \
    -s fr -t en -f beads -o "$out/story.beads" "$@" 2>/dev/null
  read -r fs fl < <($py "$shared/eval/score.py" --f1 "$here/corpora/parure/gold.beads" "$out/story.beads")
  printf "| %-40s | %s | %s |\n" "$name" "$fs" "$fl"
}
story "length + anchors (--no-lexicon)" --no-lexicon
story "+ self-trained lexicon (default)"
story "+ FreeDict fra-eng (--dict auto)" --dict auto

# Speed: a large synthetic pair drawn from the dev set's beads.
$py "$here/bench/gen_synthetic.py" "$dev/src.de" "$dev/tgt.fr" "$dev/gold.txt" \
  "$n" "$out" >/dev/null
echo
echo "Synthetic pair: $(wc -l <"$out/src.txt") / $(wc -l <"$out/tgt.txt") sentences"
echo
echo "| configuration | time (best of 3) | peak RSS | strict F1 |"
echo "|---|---|---|---|"
# the fastest of three runs: the machine may be shared
speed() {
  local name="$1"; shift
  local secs=999999 kb=0 s k
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time" "$cli" align "$out/src.txt" \
      "$out/tgt.txt" -s de -t fr --presplit -f beads -o "$out/syn.beads" \
      "$@" 2>/dev/null
    read -r s k <"$out/time"
    if [ "$(echo "$s < $secs" | bc)" = 1 ]; then secs=$s; fi
    kb=$k
  done
  f1=$($py "$shared/eval/score.py" "$out/gold.txt" "$out/syn.beads" | awk '/^F1/ {print $2}')
  printf "| %-40s | %s s | %d MB | %s |\n" "$name" "$secs" $((kb / 1024)) "$f1"
}
speed "length + anchors (--no-lexicon)" --no-lexicon
speed "+ self-trained lexicon (default)"
[ $have_dict = yes ] && speed "+ FreeDict deu-fra + self-trained" --dict auto
exit 0
