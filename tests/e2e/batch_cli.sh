#!/usr/bin/env bash
# e2e: tmxalign align --batch / --pair-dir on the presplit La Parure pairs
# of tests/data/batch; every TMX written is checked by tests/tmx_validate.sh.
# usage: batch_cli.sh CLI SOURCE_DIR
set -u
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
data="$src/tests/data/batch"
validate="$src/tests/tmx_validate.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=0
fails=0
check() { # check NAME COMMAND...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

mkdir -p "$tmp/docs/more"
cp "$data"/parure-*.txt "$tmp/docs/"
mv "$tmp/docs/parure-3."* "$tmp/docs/more/"
cat >"$tmp/docs/book.tsv" <<'EOF'
# La Parure, in three parts
parure-1.fr.txt	parure-1.en.txt

more/parure-3.fr.txt	more/parure-3.en.txt
parure-2.fr.txt	parure-2.en.txt
EOF

# --help, wherever it is on the line
for args in "--batch --help" "--batch book.tsv --help" "--pair-dir x -h"; do
  # shellcheck disable=SC2086
  "$cli" align $args >"$tmp/help" 2>&1
  check "align $args exits 0" test $? -eq 0
  check "align $args is the batch help" grep -q -- '--pair-dir DIR' "$tmp/help"
done
check "batch help has examples" grep -q '^examples:' "$tmp/help"

# a manifest, from another directory: paths are relative to the manifest
(cd "$tmp" && "$cli" align --batch docs/book.tsv -s fr -t en --presplit \
  -o j1.tmx -j 1 2>"$tmp/err1")
check "--batch exits 0" test $? -eq 0
check "summary on stderr" grep -q '3 pairs: 3 aligned, 0 failed; [0-9]* units' "$tmp/err1"
check "no progress bar when stderr is not a terminal" \
  bash -c "! grep -q 'ETA' '$tmp/err1'"
check "memory passes the three consumers" bash "$validate" "$tmp/j1.tmx"
check "x-document in manifest order" cmp -s \
  <(grep -o 'x-document">[^<]*' "$tmp/j1.tmx" | uniq | cut -d'>' -f2) \
  <(printf 'parure-1.fr.txt\nmore/parure-3.fr.txt\nparure-2.fr.txt\n')
units=$(grep -c '<tu ' "$tmp/j1.tmx")
check "tuids 1..$units, unique" cmp -s \
  <(grep -o 'tuid="[0-9]*"' "$tmp/j1.tmx" | tr -dc '0-9\n') <(seq 1 "$units")
check "summary counts the units" grep -q "; $units units" "$tmp/err1"

# -j 2 and -j 0 give the same bytes
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit \
  -o "$tmp/j2.tmx" -j 2 -q 2>"$tmp/err2"
check "-j 2 = -j 1" cmp -s "$tmp/j1.tmx" "$tmp/j2.tmx"
check "-q prints nothing" test ! -s "$tmp/err2"
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit \
  -o "$tmp/j0.tmx" -j 0 -q
check "-j 0 = -j 1" cmp -s "$tmp/j1.tmx" "$tmp/j0.tmx"

# the manifest on standard input: paths relative to the current directory
(cd "$tmp/docs" && grep -v '^#' book.tsv | "$cli" align --batch - -s fr \
  -t en --presplit -o "$tmp/stdin.tmx" -q)
check "--batch - reads standard input" cmp -s "$tmp/j1.tmx" "$tmp/stdin.tmx"

# each pair's units are those of plain align, in manifest order
for p in parure-1 more/parure-3 parure-2; do
  "$cli" align "$tmp/docs/$p.fr.txt" "$tmp/docs/$p.en.txt" -s fr -t en \
    --presplit -o "$tmp/one.tmx"
  "$cli" convert "$tmp/one.tmx" >>"$tmp/plain.tsv"
done
"$cli" convert "$tmp/j1.tmx" >"$tmp/batch.tsv"
check "texts = plain align of each pair" cmp -s "$tmp/plain.tsv" "$tmp/batch.tsv"

# the bundled corpora, split by the sentence splitter: a manifest that
# points outside its directory, -j 2 = -j 1 = plain align pair by pair
for d in parure/story pentagon/article boule-de-suif/story; do
  printf '%s.fr.txt\t%s.en.txt\n' "$src/corpora/$d" "$src/corpora/$d"
done >"$tmp/corpora.tsv"
"$cli" align --batch "$tmp/corpora.tsv" -s fr -t en -j 2 -q -o "$tmp/c2.tmx"
check "corpora: exit 0" test $? -eq 0
"$cli" align --batch "$tmp/corpora.tsv" -s fr -t en -j 1 -q -o "$tmp/c1.tmx"
check "corpora: -j 2 = -j 1" cmp -s "$tmp/c1.tmx" "$tmp/c2.tmx"
check "corpora memory passes the consumers" bash "$validate" "$tmp/c2.tmx"
: >"$tmp/cplain.tsv"
for d in parure/story pentagon/article boule-de-suif/story; do
  "$cli" align "$src/corpora/$d.fr.txt" "$src/corpora/$d.en.txt" -s fr -t en \
    -o "$tmp/one.tmx"
  "$cli" convert "$tmp/one.tmx" >>"$tmp/cplain.tsv"
done
check "corpora: texts = plain align of each pair" cmp -s "$tmp/cplain.tsv" \
  <("$cli" convert "$tmp/c2.tmx")

# a bad pair is reported and skipped
{ cat "$tmp/docs/book.tsv"; printf 'missing.fr.txt\tmissing.en.txt\n'
  printf 'parure-1.fr.txt\tparure-1.en.txt\n'; } >"$tmp/docs/bad.tsv"
"$cli" align --batch "$tmp/docs/bad.tsv" -s fr -t en --presplit \
  -o "$tmp/bad.tmx" 2>"$tmp/err"
check "a bad pair: exit 0" test $? -eq 0
check "a bad pair is named" grep -q \
  '^tmxalign: pair 4 (missing.fr.txt, missing.en.txt): .*missing.fr.txt' "$tmp/err"
check "summary counts it" grep -q '5 pairs: 4 aligned, 1 failed' "$tmp/err"
check "the others are written" test "$(grep -c '<tu ' "$tmp/bad.tmx")" -gt "$units"
check "memory with a bad pair passes the consumers" bash "$validate" "$tmp/bad.tmx"

# --strict: exit 2, the old file stays
cp "$tmp/j1.tmx" "$tmp/keep.tmx"
"$cli" align --batch "$tmp/docs/bad.tsv" -s fr -t en --presplit --strict \
  -o "$tmp/keep.tmx" 2>"$tmp/err"
check "--strict: exit 2" test $? -eq 2
check "--strict names the pair" grep -q '^tmxalign: pair 4 (missing' "$tmp/err"
check "--strict says why nothing was written" grep -q 'stopped after pair 4' "$tmp/err"
check "--strict keeps the old file" cmp -s "$tmp/j1.tmx" "$tmp/keep.tmx"
check "--strict leaves no temporary file" \
  bash -c "! ls '$tmp' | grep -q 'keep.tmx.tmp'"

# every pair failing: exit 2, old file kept
printf 'a.fr.txt\ta.en.txt\nb.fr.txt\tb.en.txt\n' >"$tmp/none.tsv"
"$cli" align --batch "$tmp/none.tsv" -s fr -t en -o "$tmp/keep.tmx" 2>"$tmp/err"
check "all pairs failed: exit 2" test $? -eq 2
check "all pairs failed: said so" grep -q 'all 2 pairs failed' "$tmp/err"
check "all pairs failed: old file kept" cmp -s "$tmp/j1.tmx" "$tmp/keep.tmx"

# a malformed manifest names its line
printf '# ok\na.fr.txt\ta.en.txt\nb.fr.txt b.en.txt\n' >"$tmp/broken.tsv"
"$cli" align --batch "$tmp/broken.tsv" -s fr -t en -o "$tmp/x.tmx" 2>"$tmp/err"
check "malformed manifest: exit 2" test $? -eq 2
check "malformed manifest: file and line" grep -q \
  "broken.tsv: line 3: expected SOURCE<TAB>TARGET, found no tab" "$tmp/err"
check "malformed manifest: nothing written" test ! -e "$tmp/x.tmx"
"$cli" align --batch "$tmp/nope.tsv" -s fr -t en -o "$tmp/x.tmx" 2>"$tmp/err"
check "missing manifest: exit 2" test $? -eq 2

# --pair-dir: pairs by name, notes for the unpaired, no recursion
cp "$tmp/docs/parure-1.fr.txt" "$tmp/docs/lonely.fr.txt"
"$cli" align --pair-dir "$tmp/docs" -s fr -t en --presplit -j 2 \
  -o "$tmp/dir.tmx" 2>"$tmp/err"
check "--pair-dir: exit 0" test $? -eq 0
check "--pair-dir: unpaired file noted" grep -q \
  "^tmxalign: note: $tmp/docs: lonely.fr.txt has no lonely.en.txt" "$tmp/err"
check "--pair-dir: two pairs" grep -q '2 pairs: 2 aligned' "$tmp/err"
check "--pair-dir: sorted by name" cmp -s \
  <(grep -o 'x-document">[^<]*' "$tmp/dir.tmx" | uniq | cut -d'>' -f2) \
  <(printf 'parure-1.fr.txt\nparure-2.fr.txt\n')
check "--pair-dir memory passes the consumers" bash "$validate" "$tmp/dir.tmx"

# TSV and JSON Lines: one row a bead, pair after pair
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit -f jsonl \
  -o "$tmp/b.jsonl" -q
check "jsonl rows start with pair and document" test \
  "$(grep -c '^{"pair":[123],"document":"[a-z/-]*parure-[123].fr.txt","type":' "$tmp/b.jsonl")" \
  -eq "$(wc -l <"$tmp/b.jsonl")"
check "jsonl is JSON" /usr/bin/python3 -c \
  'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/b.jsonl"
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit -f tsv \
  -o "$tmp/b.tsv" -q
check "tsv: as many rows as jsonl" test "$(wc -l <"$tmp/b.tsv")" -eq "$(wc -l <"$tmp/b.jsonl")"

# a dictionary is loaded once and shared by the threads; -v shows the
# aligner's notes, one set a pair, in manifest order
printf 'robe\tgown\nbijou\tjewel\nmari\thusband\nenveloppe\tenvelope\n' >"$tmp/dict.tsv"
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit -j 2 \
  --dict "$tmp/dict.tsv" -v -o "$tmp/dict2.tmx" 2>"$tmp/err"
check "--dict: exit 0" test $? -eq 0
check "--dict: entries counted" grep -q 'dict.tsv: 4 entries' "$tmp/err"
check "-v: one lexicon note a pair" test "$(grep -c 'note: lexicon:' "$tmp/err")" -eq 3
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --presplit -j 1 \
  --dict "$tmp/dict.tsv" -q -o "$tmp/dict1.tmx"
check "--dict: -j 2 = -j 1" cmp -s "$tmp/dict1.tmx" "$tmp/dict2.tmx"
check "--dict memory passes the consumers" bash "$validate" "$tmp/dict2.tmx"
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en --lexicon-save x.tsv 2>/dev/null
check "--lexicon-save refused: exit 2" test $? -eq 2

# usage errors
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -o "$tmp/x.tmx" 2>/dev/null
check "no -t: exit 2" test $? -eq 2
"$cli" align --batch "$tmp/docs/book.tsv" --pair-dir "$tmp/docs" -s fr -t en 2>/dev/null
check "--batch with --pair-dir: exit 2" test $? -eq 2
"$cli" align --batch "$tmp/docs/book.tsv" -s fr -t en -j x 2>/dev/null
check "-j x: exit 2" test $? -eq 2

echo "$fails failed"
[ "$fails" -eq 0 ]
