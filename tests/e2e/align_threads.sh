#!/usr/bin/env bash
# e2e: align -j N gives the same bytes as -j 1, in every output format:
# on the bundled stories (too short to start threads: the option itself),
# and on a pair of 12,000 sentences a side made from La Parure by
# bench/gen_synthetic.py (omissions, additions, merges), long enough for
# every threaded part (features, the pipelined search at each level).
# The TSan build runs it too (README's test command: -R '...|threads').
# usage: align_threads.sh CLI SOURCE_DIR
set -u
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
py=/usr/bin/python3; [ -x $py ] || py=python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=0
fails=0
check() { # check NAME COMMAND...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

# same NAME SRC TGT ARGS...: -j 2, 4 and 0 write what -j 1 writes
same() {
  local name="$1" s="$2" t="$3"; shift 3
  "$cli" align "$s" "$t" "$@" -j 1 -o "$tmp/$name.j1" 2>"$tmp/err" ||
    { cat "$tmp/err"; return 1; }
  [ -s "$tmp/$name.j1" ] || return 1
  for j in 2 4 0; do
    "$cli" align "$s" "$t" "$@" -j $j -o "$tmp/$name.j$j" 2>"$tmp/err" ||
      { cat "$tmp/err"; return 1; }
    cmp "$tmp/$name.j1" "$tmp/$name.j$j" || return 1
  done
}

for f in tsv tmx jsonl; do
  check "parure -f $f" same "parure.$f" "$src/corpora/parure/story.fr.txt" \
    "$src/corpora/parure/story.en.txt" -s fr -t en -f $f
done
check "pentagon -f tmx" same pentagon.tmx "$src/corpora/pentagon/article.fr.txt" \
  "$src/corpora/pentagon/article.en.txt" -s fr -t en -f tmx

# the long pair
"$cli" split "$src/corpora/parure/story.fr.txt" -l fr | grep -v '^$' >"$tmp/pool.fr"
"$cli" split "$src/corpora/parure/story.en.txt" -l en | grep -v '^$' >"$tmp/pool.en"
mkdir "$tmp/big"
$py "$src/bench/gen_synthetic.py" "$tmp/pool.fr" "$tmp/pool.en" \
  "$src/corpora/parure/gold.beads" 12000 "$tmp/big" 1 Chapitre Chapter
check "synthetic has 12,000 sentences" test "$(wc -l <"$tmp/big/src.txt")" -ge 12000
for f in beads jsonl tmx; do
  check "12k presplit -f $f" same "big.$f" "$tmp/big/src.txt" "$tmp/big/tgt.txt" \
    -s fr -t en --presplit -f $f
done
# as paragraphs of plain text: the splitter's sentences and paragraphs
awk 'NR % 5 == 0 { print; print ""; next } { printf "%s ", $0 }' \
  "$tmp/big/src.txt" >"$tmp/big/src.text"
awk 'NR % 5 == 0 { print; print ""; next } { printf "%s ", $0 }' \
  "$tmp/big/tgt.txt" >"$tmp/big/tgt.text"
check "12k plain text -f tsv" same big.tsv "$tmp/big/src.text" \
  "$tmp/big/tgt.text" -s fr -t en -f tsv
# the threaded alignment is a good one, not only a stable one: most beads
# of the gold are found (the synthetic gold, one bead a line)
found=$(grep -cxFf <(sed 's/:[0-9.]*$//' "$tmp/big.beads.j1") \
  <(sed 's/:[0-9.]*$//' "$tmp/big/gold.txt"))
total=$(wc -l <"$tmp/big/gold.txt")
check "12k: $found of $total gold beads found" test $((found * 100)) -ge $((total * 95))

# bad values are refused like every number option
check "-j -1 refused" bash -c '! "$0" align "$1" "$1" -s fr -t en -j -1 \
  2>/dev/null' "$cli" "$src/corpora/parure/story.fr.txt"
check "-j 300 refused" bash -c '! "$0" align "$1" "$1" -s fr -t en -j 300 \
  2>/dev/null' "$cli" "$src/corpora/parure/story.fr.txt"

[ $fails -eq 0 ] && echo "all ok" || { echo "$fails failed"; exit 1; }
