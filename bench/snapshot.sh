#!/usr/bin/env bash
# Records what every command prints on the bundled corpora (and on the
# Text+Berg dev set when ../shared is present), so that a change meant to
# be behaviour-neutral can be proved so:
#   bench/snapshot.sh build/tmxalign /tmp/before     # before the change
#   bench/snapshot.sh build/tmxalign /tmp/after      # after it
#   diff -r /tmp/before /tmp/after                    # nothing: unchanged
# Each run leaves NAME.out (stdout or the -o file), NAME.err and NAME.rc.
# TMX dates come from SOURCE_DATE_EPOCH, so the files are reproducible.
set -uo pipefail
cli=${1:?usage: snapshot.sh TMXALIGN OUTDIR}
out=${2:?usage: snapshot.sh TMXALIGN OUTDIR}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TA_SHARED:-$here/../shared}
export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# run NAME CMD...: stdout to NAME.out, stderr to NAME.err, status to NAME.rc.
# Paths are printed relative to the project, so two checkouts compare.
run() {
  local name=$1; shift
  (cd "$here" && "$@") >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.rc"
  # Timings and rates differ from run to run: masked.
  sed -i -E "s#$work#WORK#g; s#$here#ROOT#g; s/in [0-9.]+ s \([^)]*\)/in T s (RATE)/" \
    "$out/$name.err" "$out/$name.out"
}
# grab NAME FILE: an output file written with -o.
grab() { cp "$1" "$out/$2"; sed -i "s#$work#WORK#g; s#$here#ROOT#g" "$out/$2"; }

P=corpora/parure; B=corpora/boule-de-suif; A=corpora/pentagon
for pair in "parure $P/story.fr.txt $P/story.en.txt" \
            "boule $B/story.fr.txt $B/story.en.txt" \
            "pentagon $A/article.fr.txt $A/article.en.txt"; do
  set -- $pair; n=$1 s=$2 t=$3
  for f in tsv jsonl beads; do
    run "align-$n-$f" "$cli" align "$s" "$t" -s fr -t en -f $f -v
  done
  run "align-$n-tmx" "$cli" align "$s" "$t" -s fr -t en -o "$work/$n.tmx"
  grab "$work/$n.tmx" "align-$n.tmx"
  run "align-$n-nolex" "$cli" align "$s" "$t" -s fr -t en -f beads --no-lexicon
  for f in text json html; do
    run "check-$n-$f" "$cli" check "$s" "$t" -s fr -t en -f $f --color never
  done
  run "split-$n-fr" "$cli" split "$s" -l fr --format jsonl
  run "split-$n-en" "$cli" split "$t" -l en
  run "convert-$n-tsv" "$cli" convert "$work/$n.tmx" --to tsv
  run "convert-$n-jsonl" "$cli" convert "$work/$n.tmx" --to jsonl
done
# A half-deleted translation, so check has findings to report.
awk 'NR % 7 != 3' $P/story.en.txt >"$work/parure-cut.en.txt"
for f in text json html; do
  run "check-parure-cut-$f" "$cli" check $P/story.fr.txt "$work/parure-cut.en.txt" \
    -s fr -t en -f $f --color never
done
run split-html "$cli" split tests/data/split/page.html -l en --format json
run merge "$cli" merge "$work/parure.tmx" "$work/boule.tmx" "$work/pentagon.tmx" \
  -o "$work/merged.tmx"
grab "$work/merged.tmx" merged.tmx
run align-multi "$cli" align $P/story.fr.txt $P/story.en.txt $P/story.en.txt \
  -s fr -t en,en-GB -o "$work/multi.tmx"
grab "$work/multi.tmx" align-multi.tmx
run align-dict "$cli" align tests/data/lexicon/story.de.txt tests/data/lexicon/story.fr.txt \
  -s de -t fr --dict tests/data/lexicon/de-fr.tsv -f jsonl
# Batch: one memory from a manifest, and one report per pair.
for i in 1 2 3; do
  printf 'parure-%s.fr.txt\tparure-%s.en.txt\n' $i $i
done >"$work/pairs.tsv"
cp tests/data/batch/parure-*.txt "$work/"
run batch-align "$cli" align --batch "$work/pairs.tsv" -s fr -t en -o "$work/batch.tmx"
grab "$work/batch.tmx" batch.tmx
run batch-check "$cli" check --batch "$work/pairs.tsv" -s fr -t en -f json -o "$work/reports"
for f in "$work"/reports/*; do grab "$f" "batch-report-$(basename "$f")"; done

dev=$shared/eval/textberg-dev
if [ -f "$dev/gold.txt" ]; then
  for f in beads jsonl; do
    run "textberg-$f" "$cli" align "$dev/src.de" "$dev/tgt.fr" -s de -t fr --presplit -f $f -v
  done
  run textberg-check "$cli" check "$dev/src.de" "$dev/tgt.fr" -s de -t fr --presplit -f json
else
  echo "snapshot: $dev not found; Text+Berg left out" >&2
fi
echo "snapshot: $(ls "$out" | wc -l) files in $out"
