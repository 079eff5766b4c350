#!/bin/bash
# Chinese and Japanese through the CLI (issue #13): an opening bracket or
# quote after a full stop begins the next sentence, and the sentences of a
# bead are joined without a space in every output (TSV, JSON lines, TMX,
# the check's JSON and HTML).  usage: cjk_cli.sh CLI SOURCE_DIR
set -u
cli=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
has() { grep -qF -- "$2" "$1" || fail "$1 lacks [$2]: $(head -c 600 "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has [$2]"; }

# Two paragraphs a side; the English renders the second one as one sentence.
printf '%s\n\n%s\n' '駅はとても混んでいた。「おはようございます」と駅員が言った。' \
  '山頂から景色を眺めた。富士山が大きく見えた。' > "$tmp/ja.txt"
printf '%s\n\n%s\n' 'The station was very crowded. "Good morning," said the attendant.' \
  'From the summit we looked at the view, and Mount Fuji seemed very large.' \
  > "$tmp/en.txt"
"$cli" split "$tmp/ja.txt" -l ja > "$tmp/ja.split" || fail "split ja"
has "$tmp/ja.split" '駅はとても混んでいた。'
has "$tmp/ja.split" '「おはようございます」と駅員が言った。'
lacks "$tmp/ja.split" '混んでいた。「'

printf '%s\n' '门开了，进来的是王芳。“你怎么回来了？”他说：“好。”然后就走了。' \
  > "$tmp/zh.txt"
"$cli" split "$tmp/zh.txt" -l zh > "$tmp/zh.split" || fail "split zh"
has "$tmp/zh.split" '“你怎么回来了？”'
has "$tmp/zh.split" '他说：“好。”'
lacks "$tmp/zh.split" '王芳。“'

joined='山頂から景色を眺めた。富士山が大きく見えた。'
# The beads given (the join is under test here, not the aligner): 1-1,
# 1-1, 2-1.
printf '%s\n' '{"src":[0],"tgt":[0]}' '{"src":[1],"tgt":[1]}' \
  '{"src":[2,3],"tgt":[2]}' > "$tmp/given.jsonl"
given=(--alignment "$tmp/given.jsonl")
"$cli" align "$tmp/ja.txt" "$tmp/en.txt" -s ja -t en "${given[@]}" -f tsv \
  -o "$tmp/a.tsv" ||
  fail "align tsv"
has "$tmp/a.tsv" "$joined"
"$cli" align "$tmp/ja.txt" "$tmp/en.txt" -s ja -t en "${given[@]}" -f jsonl \
  -o "$tmp/a.jsonl" || fail "align jsonl"
has "$tmp/a.jsonl" "\"text\":\"$joined\""
"$cli" align "$tmp/ja.txt" "$tmp/en.txt" -s ja -t en "${given[@]}" \
  -o "$tmp/a.tmx" ||
  fail "align tmx"
has "$tmp/a.tmx" "<seg>$joined</seg>"
# check exits 1 when it finds something: only its output matters here
"$cli" check "$tmp/ja.txt" "$tmp/en.txt" -s ja -t en -f json \
  -o "$tmp/c.json" 2> /dev/null
[ -s "$tmp/c.json" ] || fail "check json: no output"
"$cli" check "$tmp/ja.txt" "$tmp/en.txt" -s ja -t en -f html \
  -o "$tmp/c.html" 2> /dev/null
[ -s "$tmp/c.html" ] || fail "check html: no output"
# the HTML page puts each sentence in its own span: no space between them
lacks "$tmp/c.html" '眺めた。</span> <span'
has "$tmp/c.html" '眺めた。</span><span'
for f in "$tmp"/a.tsv "$tmp"/a.jsonl "$tmp"/a.tmx; do
  lacks "$f" '眺めた。 富士山'
done

[ $fails -eq 0 ] && echo "cjk_cli: all passed"
exit $((fails > 0))
