#!/usr/bin/env bash
# Omission and number benchmark of `tmxalign check` (see bench/omission.py):
# faults injected with a fixed seed into the bundled story (tests/data/check,
# pre-split) and the Text+Berg German/French dev set (TA_SHARED), recall and
# precision of the findings against what was injected.
# usage: bench/omission.sh [CLI]   (CLI defaults to build/tmxalign)
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
shared="${TA_SHARED:-$here/../shared}"
py=/usr/bin/python3
d="$here/tests/data/check"
"$py" "$here/bench/omission.py" "$cli" "$d/story.fr.txt" "$d/story.en.txt" \
  fr en --name "story (fr-en, La Parure)" --trials 40 --k 5
tb="$shared/eval/textberg-dev"
if [ -r "$tb/gold.txt" ]; then
  "$py" "$here/bench/omission.py" "$cli" "$tb/src.de" "$tb/tgt.fr" de fr \
    --gold "$tb/gold.txt" --name "Text+Berg dev (de-fr)" --trials 40 --k 5
else
  echo "Text+Berg dev set not found under $shared (set TA_SHARED): skipped"
fi
