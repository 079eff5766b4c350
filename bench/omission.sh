#!/usr/bin/env bash
# Omission and number benchmark of `tmxalign check` (see bench/omission.py):
# faults injected with a fixed seed into the bundled story and article
# (corpora/, split by `tmxalign split`, gold beads as reference) and the
# Text+Berg German/French dev set and MAC-Dev chapters (TA_SHARED); recall
# and precision of the findings against what was injected, and how often
# a finding of each probability is right (reliability).
# usage: bench/omission.sh [CLI] [CHECK OPTION...]
#   CLI defaults to build/tmxalign; options go to every `tmxalign check`,
#   e.g. bench/omission.sh build/tmxalign --dict auto
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
[ $# -gt 0 ] && shift
extra=()
for a in "$@"; do extra+=("--check-arg=$a"); done
shared="${TA_SHARED:-$here/../shared}"
py=/usr/bin/python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run NAME DIR SRC TGT SLANG TLANG TRIALS K: split with the library's
# splitter when the corpus has gold beads, else use the pre-split copy
run() {
  local name="$1" dir="$2" s="$3" t="$4" sl="$5" tl="$6" trials="$7" k="$8"
  if [ -r "$dir/gold.beads" ] && "$cli" split "$dir/$s" -l "$sl" >"$tmp/s" 2>/dev/null &&
     "$cli" split "$dir/$t" -l "$tl" >"$tmp/t" 2>/dev/null; then
    "$py" "$here/bench/omission.py" "$cli" "$tmp/s" "$tmp/t" "$sl" "$tl" \
      --gold "$dir/gold.beads" --name "$name" --trials "$trials" --k "$k" \
      ${extra[@]+"${extra[@]}"}
    return
  fi
  echo "$name: no gold beads or no splitter, reference = the aligner's own beads"
  "$py" "$here/bench/omission.py" "$cli" "$here/tests/data/check/$s" \
    "$here/tests/data/check/$t" "$sl" "$tl" --name "$name" \
    --trials "$trials" --k "$k" ${extra[@]+"${extra[@]}"}
}

run "story (fr-en, La Parure)" "$here/corpora/parure" story.fr.txt story.en.txt \
  fr en 40 5
if [ -r "$here/corpora/pentagon/article.fr.txt" ]; then
  run "article (fr-en, pentagon)" "$here/corpora/pentagon" article.fr.txt \
    article.en.txt fr en 40 1
fi
tb="$shared/eval/textberg-dev"
if [ -r "$tb/gold.txt" ]; then
  "$py" "$here/bench/omission.py" "$cli" "$tb/src.de" "$tb/tgt.fr" de fr \
    --gold "$tb/gold.txt" --name "Text+Berg dev (de-fr)" --trials 40 --k 5 \
    ${extra[@]+"${extra[@]}"}
else
  echo "Text+Berg dev set not found under $shared (set TA_SHARED): skipped"
fi
# MAC-Dev (Chinese-English novels, evaluation only: read in place, never
# copied): three of its six chapters, fewer trials each (short chapters)
mac="$shared/eval/mac-dev"
if [ -r "$mac/001.gold" ]; then
  for n in 001 002 003; do
    "$py" "$here/bench/omission.py" "$cli" "$mac/$n.zh" "$mac/$n.en" zh en \
      --gold "$mac/$n.gold" --name "MAC-Dev $n (zh-en)" --trials 12 --k 4 \
      ${extra[@]+"${extra[@]}"}
  done
else
  echo "MAC-Dev not found under $shared (set TA_SHARED): skipped"
fi
