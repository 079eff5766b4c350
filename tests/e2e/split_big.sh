#!/bin/bash
# A 200 MB single-line file: tmxalign split must either work with bounded
# memory or fail cleanly (TA_ETOOBIG) when a limit is set below the size.
# The file is generated in a temporary directory and deleted afterwards.
# Also a 5 MB run without any sentence break, cut at --max-sentence.
# usage: split_big.sh CLI SOURCE_DIR
set -u
cli=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

size=200000000
sentence=$(for i in $(seq 0 999); do printf 'mot%d ' $((i % 97)); done)
sentence="${sentence% }. Fin"
# yes repeats the sentence, newlines become spaces: one 200 MB line.
yes "$sentence" | head -c $size | tr '\n' ' ' > "$tmp/big.txt"
[ "$(wc -l < "$tmp/big.txt")" -eq 0 ] || fail "generator made newlines"

# 1. A limit below the size: clean TA_ETOOBIG before reading the file.
"$cli" split "$tmp/big.txt" -l fr --max-input 100000000 > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] || fail "limit: exit status"
grep -qF "big.txt: 200000000 bytes exceeds the limit of 100000000 (max_input_bytes)" "$tmp/err" ||
  fail "limit: $(cat "$tmp/err")"

# 2. Default limits: it works.  Peak memory is the input plus the sentence
#    texts plus the splitter's window (a few MB): about 2x the input
#    (403 MB), 3.4x under ASan.  Printed, and bounded at 4x.
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%M" -o "$tmp/rss")
"${timer[@]}" "$cli" split "$tmp/big.txt" -l fr > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] || fail "200 MB: exit status: $(head -c 300 "$tmp/err")"
want=$((size / (${#sentence} + 1) + 1))
got=$(wc -l < "$tmp/out")
[ "$got" -eq "$want" ] || fail "200 MB: $got sentences, expected $want"
[ "$(head -c 10 "$tmp/out")" = "mot0 mot1 " ] || fail "200 MB: first sentence"
[ "$(sed -n 2p "$tmp/out" | awk '{print $1, $NF}')" = "Fin mot29." ] ||
  fail "200 MB: second sentence: $(sed -n 2p "$tmp/out" | cut -c1-60)"
if [ -s "$tmp/rss" ]; then
  rss=$(tail -1 "$tmp/rss")
  echo "split_big: 200 MB single line: peak RSS ${rss} KB"
  [ "$rss" -lt $((4 * size / 1024)) ] || fail "200 MB: peak RSS ${rss} KB"
fi
rm -f "$tmp/big.txt" "$tmp/out"

# 3. No break at all: cut into pieces of at most --max-sentence bytes, one
#    note per cut, nothing lost.
head -c 5000000 /dev/zero | tr '\0' 'a' | fold -w 9 | tr '\n' ' ' > "$tmp/run.txt"
"$cli" split "$tmp/run.txt" -l en --max-sentence 100000 > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] || fail "run: exit status"
awk 'length($0) > 100000 { bad = 1 } END { exit bad }' "$tmp/out" || fail "run: piece over the limit"
[ "$(tr -d ' \n' < "$tmp/out" | wc -c)" -eq 5000000 ] || fail "run: letters lost"
grep -q "sentence longer than 100000 bytes cut (max_sentence_bytes)" "$tmp/err" || fail "run: no note"

[ $fails -eq 0 ] && echo "split_big: all checks passed"
exit $((fails > 0))
