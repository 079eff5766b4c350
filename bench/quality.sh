#!/usr/bin/env bash
# Alignment quality in one table: the Text+Berg dev set (German-French),
# MAC-Dev (Chinese-English literary, six chapters scored pooled), and the
# bundled gold of La Parure and the news article (French-English, split
# from plain text), scored with the shared eval/score.py: strict and lax
# P/R/F1 and, for the two dev sets, the strict F1 of two folds (MAC:
# chapters 1-3 and 4-6; Text+Berg: its gold beads up to the middle of the
# source side and after it).  Extra arguments go to `tmxalign align` (e.g.
# --no-anchor cognate).  The shared sets are skipped politely when
# ../shared (TA_SHARED) is absent; nothing is scored without its scorer.
#   usage: bench/quality.sh [ALIGN OPTIONS...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TA_SHARED:-$here/../shared}
cli=${TA_CLI:-$here/build/tmxalign}
score=$shared/eval/score.py
if [ ! -f "$score" ]; then
  echo "quality: $score not found; skipping (set TA_SHARED)"; exit 0
fi
py=/usr/bin/python3; [ -x $py ] || py=python3
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
sets=()

tb=$shared/eval/textberg-dev
if [ -f "$tb/gold.txt" ]; then
  "$cli" align "$tb/src.de" "$tb/tgt.fr" -s de -t fr --presplit -f beads \
    -o "$out/tb.beads" "$@"
  sets+=("Text+Berg de-fr=halves:$tb/gold.txt,$out/tb.beads")
else
  echo "quality: $tb not found; Text+Berg skipped"
fi

mac=$shared/eval/mac-dev
if [ -f "$mac/001.gold" ]; then
  pairs=""
  for g in "$mac"/00[1-6].gold; do
    n=$(basename "$g" .gold)
    "$cli" align "$mac/$n.zh" "$mac/$n.en" -s zh -t en --presplit -f beads \
      -o "$out/mac$n.beads" "$@"
    pairs+="${pairs:+;}$g,$out/mac$n.beads"
  done
  sets+=("MAC-Dev zh-en=docs3:$pairs")
else
  echo "quality: $mac not found; MAC-Dev skipped"
fi

"$cli" align "$here/corpora/parure/story.fr.txt" "$here/corpora/parure/story.en.txt" \
  -s fr -t en -f beads -o "$out/parure.beads" "$@"
sets+=("La Parure fr-en=-:$here/corpora/parure/gold.beads,$out/parure.beads")
"$cli" align "$here/corpora/pentagon/article.fr.txt" \
  "$here/corpora/pentagon/article.en.txt" -s fr -t en -f beads \
  -o "$out/pentagon.beads" "$@"
sets+=("article fr-en=-:$here/corpora/pentagon/gold.beads,$out/pentagon.beads")

echo "tmxalign align $*"
$py "$here/bench/quality_table.py" "$score" "${sets[@]}"
