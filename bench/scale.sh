#!/usr/bin/env bash
# Scale benchmark: pairs of N sentences a side (default 10k, 100k, 1M)
# made by bench/gen_synthetic.py from a real aligned pair repeated as
# numbered chapters, with 1% omissions, 1% additions and 2% merges (so the
# path is not the diagonal).  The pair: the Text+Berg dev document (de-fr,
# yearbook prose, many distinct words) when ../shared/eval/textberg-dev is
# there, else the bundled La Parure (fr-en); TA_SCALE_POOL=parure forces
# the latter.  Prints, for each size, the seconds and peak RSS of
# splitting the source side as plain text, of aligning the pre-split pair
# with -j 1 and with -j 2 (run back to back), the ratio of the two times,
# whether the two outputs are the same bytes, and strict/lax F1 against
# the repeated gold when the shared scorer is there.
#   usage: bench/scale.sh [SIZES...]      e.g. bench/scale.sh 10000 100000
# TA_ALIGN_OPTS: more align options; TA_SCALE_JOBS: the second -j (2).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${TA_CLI:-$here/build/tmxalign}
shared=${TA_SHARED:-$here/../shared}
py=/usr/bin/python3; [ -x $py ] || py=python3
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
jobs=${TA_SCALE_JOBS:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The pool: one sentence a line and its gold.
tb=$shared/eval/textberg-dev
if [ "${TA_SCALE_POOL:-real}" != parure ] && [ -f "$tb/gold.txt" ]; then
  pool="textberg-dev de-fr"; sl=de; tl=fr; heads=(Kapitel Chapitre)
  cp "$tb/src.de" "$work/pool.src"; cp "$tb/tgt.fr" "$work/pool.tgt"
  cp "$tb/gold.txt" "$work/pool.gold"
else
  pool="La Parure fr-en"; sl=fr; tl=en; heads=(Chapitre Chapter)
  "$cli" split "$here/corpora/parure/story.fr.txt" -l fr | grep -v '^$' > "$work/pool.src"
  "$cli" split "$here/corpora/parure/story.en.txt" -l en | grep -v '^$' > "$work/pool.tgt"
  cp "$here/corpora/parure/gold.beads" "$work/pool.gold"
fi

measure() { # prints "seconds peak_kb" of a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

echo "pool: $pool, repeated; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ);" \
  "tmxalign $("$cli" --version | awk '{print $2; exit}')"
printf '%-9s %8s %8s %8s %8s %8s %8s %6s %5s %7s %7s %s\n' sentences split_s \
  split_MB j1_s j1_MB "j${jobs}_s" "j${jobs}_MB" ratio same strict lax \
  "(options: ${TA_ALIGN_OPTS:-default})"
for n in "${sizes[@]}"; do
  d="$work/$n"; mkdir -p "$d"
  $py "$here/bench/gen_synthetic.py" "$work/pool.src" "$work/pool.tgt" \
    "$work/pool.gold" "$n" "$d" 1 "${heads[@]}"
  # the same source text as paragraphs of plain text, for the splitter
  awk 'NR % 5 == 0 { print; print ""; next } { printf "%s ", $0 }' "$d/src.txt" > "$d/src.text"
  read -r st sm < <(measure "$cli" split "$d/src.text" -l $sl)
  # shellcheck disable=SC2086
  read -r at am < <(measure "$cli" align "$d/src.txt" "$d/tgt.txt" -s $sl -t $tl \
    --presplit -f beads -o "$d/pred" -j 1 ${TA_ALIGN_OPTS:-})
  # shellcheck disable=SC2086
  read -r bt bm < <(measure "$cli" align "$d/src.txt" "$d/tgt.txt" -s $sl -t $tl \
    --presplit -f beads -o "$d/pred2" -j "$jobs" ${TA_ALIGN_OPTS:-})
  same=no; cmp -s "$d/pred" "$d/pred2" && same=yes
  f1="- -"
  if [ -f "$shared/eval/score.py" ]; then
    f1=$($py "$shared/eval/score.py" --f1 "$d/gold.txt" "$d/pred")
  fi
  read -r fs fl <<< "$f1"
  ratio=$(awk -v a="$at" -v b="$bt" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
  printf '%-9s %8s %8d %8s %8d %8s %8d %6s %5s %7s %7s\n' "$n" "$st" \
    $((sm / 1024)) "$at" $((am / 1024)) "$bt" $((bm / 1024)) "$ratio" "$same" \
    "$fs" "$fl"
  rm -rf "$d"
done
