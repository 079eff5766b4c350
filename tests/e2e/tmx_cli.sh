#!/usr/bin/env bash
# e2e: tmxalign merge and convert on TMX files from other tools; every TMX
# written is checked by tests/tmx_validate.sh.
# usage: tmx_cli.sh CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
data="$src/tests/data/tmx"
validate="$src/tests/tmx_validate.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

# --help with examples, exit 0
for c in merge convert; do
  "$cli" "$c" --help >"$tmp/help" 2>&1
  check "$c --help exits 0" test $? -eq 0
  check "$c --help has examples" grep -q '^examples:' "$tmp/help"
done

# merge: a memory merged with itself keeps each unit once
p="$data/okapi-pensieveTM.pentm.tmx"
"$cli" merge "$p" "$p" -o "$tmp/merged.tmx" 2>"$tmp/err"
check "merge exits 0" test $? -eq 0
check "merge summary" grep -q 'merged 18 units into 9 (9 duplicates)' "$tmp/err"
check "merged file passes the three consumers" bash "$validate" "$tmp/merged.tmx"
"$cli" convert "$p" >"$tmp/in.tsv"
"$cli" convert "$tmp/merged.tmx" >"$tmp/out.tsv"
check "merged texts = input texts" cmp -s <(sort -u "$tmp/in.tsv") <(sort "$tmp/out.tsv")

# every file from another tool (UTF-16, TMX 1.1, inline codes, Okapi's
# invalid segtype, mixed-case languages) rewritten by tmxalign is valid and
# read alike by translate-toolkit and XML::TMX, and converts to the same TSV
for f in "$data"/omegat-*.tmx "$data"/okapi-*.tmx; do
  b="$(basename "$f")"
  "$cli" merge "$f" -q -o "$tmp/re-$b" 2>/dev/null
  check "rewrite $b" bash "$validate" "$tmp/re-$b"
  check "rewrite $b keeps the texts" cmp -s <("$cli" convert "$f" 2>/dev/null) <("$cli" convert "$tmp/re-$b" 2>/dev/null)
done

# merge: the same file again gives the same bytes (SOURCE_DATE_EPOCH)
"$cli" merge "$p" "$p" -q -o "$tmp/merged2.tmx"
check "merge is reproducible" cmp -s "$tmp/merged.tmx" "$tmp/merged2.tmx"
# merging the merged file with its input changes nothing
"$cli" merge "$tmp/merged.tmx" "$p" -q -o "$tmp/merged3.tmx"
check "merge of merged output is stable" cmp -s "$tmp/merged.tmx" "$tmp/merged3.tmx"

# merge: another language pair is an error naming the file, old file kept
cp "$tmp/merged.tmx" "$tmp/keep.tmx"
"$cli" merge "$p" "$data/omegat-test-save-tmx14.tmx" -o "$tmp/keep.tmx" 2>"$tmp/err"
check "language conflict exits 2" test $? -eq 2
check "conflict names the file" grep -q 'omegat-test-save-tmx14.tmx: .*language' "$tmp/err"
check "conflict keeps the old output" cmp -s "$tmp/merged.tmx" "$tmp/keep.tmx"
"$cli" merge "$p" 2>/dev/null
check "merge without -o exits 2" test $? -eq 2

# convert: UTF-16 input, stdin, jsonl, strip tags, language choice
"$cli" convert "$data/omegat-lisakit-ImportTest2A.tmx" --strip-tags -t fr-ca >"$tmp/2a.tsv" 2>/dev/null
check "convert strips codes" grep -qx $'The big black cat sleeps.\tLe gros chat noir dors.' "$tmp/2a.tsv"
"$cli" convert - --to jsonl <"$data/good.tmx" >"$tmp/good.jsonl"
check "convert reads stdin" test "$(wc -l <"$tmp/good.jsonl")" -eq 3
check "jsonl line" grep -qF '"source":"Click <b>Save</b> now & quit."' "$tmp/good.jsonl"
"$cli" convert "$data/good.tmx" -s fr-FR -t en-US -o "$tmp/rev.tsv"
check "convert -s/-t reverses" grep -qx $'Le chat était assis sur le tapis.\tThe cat sat on the mat.' "$tmp/rev.tsv"

# convert: errors
"$cli" convert "$data/truncated.tmx" >/dev/null 2>"$tmp/err"
check "truncated exits 2" test $? -eq 2
check "error has file and line" grep -q 'truncated.tmx: line 17' "$tmp/err"
"$cli" convert "$data/bad-conversion.tmx" >/dev/null 2>"$tmp/err"
check "bytes the encoding cannot hold exit 2" test $? -eq 2
check "one error line, libxml2 prints nothing" test "$(wc -l <"$tmp/err")" -eq 1
check "the error says why" grep -q 'bad-conversion.tmx: line 1, column 43: input conversion failed' "$tmp/err"
"$cli" convert "$data/xxe-passwd.tmx" >"$tmp/xxe.tsv" 2>"$tmp/err"
check "external entity refused" test $? -eq 2
check "no passwd content" bash -c "! grep -q 'root:' '$tmp/xxe.tsv' '$tmp/err'"
"$cli" convert "$data/good.tmx" -o /dev/full 2>"$tmp/err"
check "disk full exits 2" test $? -eq 2
"$cli" convert "$data/good.tmx" --to csv 2>/dev/null
check "bad --to exits 2" test $? -eq 2

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
