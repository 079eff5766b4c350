#!/usr/bin/env bash
# Alignment quality on the external Text+Berg dev set (German-French, gold
# beads), scored with the shared scorer: strict and lax P/R/F1, and per bead
# type.  Extra arguments go to `tmxalign align` (e.g. --no-anchor cognate).
# Skips politely when the shared evaluation data is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TA_SHARED:-$here/../shared}
cli=${TA_CLI:-$here/build/tmxalign}
dev=$shared/eval/textberg-dev
if [ ! -f "$dev/gold.txt" ] || [ ! -f "$shared/eval/score.py" ]; then
  echo "quality: $dev not found; skipping (set TA_SHARED)"; exit 0
fi
py=/usr/bin/python3; [ -x $py ] || py=python3
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$cli" align "$dev/src.de" "$dev/tgt.fr" -s de -t fr --presplit -f beads \
  -o "$out/pred.beads" "$@"
echo "Text+Berg dev (de-fr, 468/554 sentences), tmxalign $*"
$py "$shared/eval/score.py" "$dev/gold.txt" "$out/pred.beads"
$py "$here/bench/bead_types.py" "$dev/gold.txt" "$out/pred.beads"
