#!/usr/bin/env bash
# Scale benchmark: synthetic pairs of N sentences a side (default 10k, 100k,
# 1M), made from the bundled La Parure gold by bench/gen_synthetic.py (the
# story repeated as numbered chapters, with 1% omissions, 1% additions and
# 2% merges, so the path is not the diagonal).  Prints, for each size, the
# seconds and peak RSS of splitting the French side as plain text and of
# aligning the pre-split pair (one thread), and strict/lax F1 against the
# synthetic gold when the shared scorer is there.
#   usage: bench/scale.sh [SIZES...]      e.g. bench/scale.sh 10000 100000
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${TA_CLI:-$here/build/tmxalign}
shared=${TA_SHARED:-$here/../shared}
py=/usr/bin/python3; [ -x $py ] || py=python3
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The pool: the story's sentences as the splitter gives them, and its gold.
"$cli" split "$here/corpora/parure/story.fr.txt" -l fr | grep -v '^$' > "$work/pool.fr"
"$cli" split "$here/corpora/parure/story.en.txt" -l en | grep -v '^$' > "$work/pool.en"

measure() { # prints "seconds peak_kb" of a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

printf '%-9s %10s %10s %10s %10s %8s %8s %s\n' sentences split_s split_MB \
  align_s align_MB strict lax "(options: ${TA_ALIGN_OPTS:-default})"
for n in "${sizes[@]}"; do
  d="$work/$n"; mkdir -p "$d"
  $py "$here/bench/gen_synthetic.py" "$work/pool.fr" "$work/pool.en" \
    "$here/corpora/parure/gold.beads" "$n" "$d" 1 Chapitre Chapter
  # the same French text as paragraphs of plain text, for the splitter
  awk 'NR % 5 == 0 { print; print ""; next } { printf "%s ", $0 }' "$d/src.txt" > "$d/src.text"
  read -r st sm < <(measure "$cli" split "$d/src.text" -l fr)
  # shellcheck disable=SC2086
  read -r at am < <(measure "$cli" align "$d/src.txt" "$d/tgt.txt" -s fr -t en \
    --presplit -f beads -o "$d/pred" ${TA_ALIGN_OPTS:-})
  f1="- -"
  if [ -f "$shared/eval/score.py" ]; then
    f1=$($py "$shared/eval/score.py" --f1 "$d/gold.txt" "$d/pred")
  fi
  read -r fs fl <<< "$f1"
  printf '%-9s %10s %10d %10s %10d %8s %8s\n' "$n" "$st" $((sm / 1024)) "$at" \
    $((am / 1024)) "$fs" "$fl"
  rm -rf "$d"
done
