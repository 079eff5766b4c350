#!/usr/bin/env bash
# e2e: tmxalign review and align --alignment without a browser: the page
# is self-contained (no URL: it opens with no network), a given alignment
# gives back what it was computed as, and a bad one is refused naming the
# line.  (tests/e2e/review_browser.py drives the page in Chromium.)
# usage: review_cli.sh CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
fr="$src/corpora/parure/story.fr.txt"
en="$src/corpora/parure/story.en.txt"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
fails=0
passes=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; passes=$((passes + 1))
  else echo "FAIL $name"; fails=$((fails + 1)); fi
}

"$cli" review --help >"$tmp/help" 2>&1
check "review --help exits 0" test $? -eq 0
check "review --help has examples" grep -q '^examples:' "$tmp/help"
check "review --help lists --alignment" grep -q -- '--alignment FILE' "$tmp/help"
check "align --help lists --alignment" \
  sh -c "'$cli' align --help | grep -q -- '--alignment FILE'"
check "tmxalign --help lists review" sh -c "'$cli' --help | grep -q '^  review '"

"$cli" review "$fr" "$en" -s fr -t en -o "$tmp/review.html" 2>"$tmp/err"
check "review writes the page" test $? -eq 0 -a -s "$tmp/review.html"
# no network: nothing the page could load
check "no http(s) URL in the page" \
  sh -c "! grep -Eq 'https?://' '$tmp/review.html'"
check "no src= or href= attribute" \
  sh -c "! grep -Eq '(src|href)=' '$tmp/review.html'"
check "a content security policy that loads nothing" \
  grep -q "default-src 'none'" "$tmp/review.html"
check "the documents' digests are in it" \
  grep -Eq '"digest":\{"src":"[0-9a-f]{16}","tgt":"[0-9a-f]{16}"\}' \
  "$tmp/review.html"
check "no raw '<' from the texts inside the data" \
  sh -c "sed -n '/id=\"ta-data\"/,/<\/script>/p' '$tmp/review.html' |
         sed 's/<script type=\"application\/json\" id=\"ta-data\">//;s/<\/script>//' |
         grep -q '<' && exit 1 || exit 0"
"$cli" review "$fr" "$en" -s fr -t en >"$tmp/stdout.html"
check "review to standard output" cmp -s "$tmp/review.html" "$tmp/stdout.html"
"$cli" review "$fr" -s fr -t en -o "$tmp/x.html" 2>"$tmp/err"
check "review wants two files" grep -q 'expected two files' "$tmp/err"
"$cli" review "$fr" "$en" -s fr -t en -o "$tmp/x.txt" 2>"$tmp/err"
check "review refuses a non-HTML output name" test $? -eq 2

# a computed alignment given back: the same output
"$cli" align "$fr" "$en" -s fr -t en -f jsonl -o "$tmp/a.jsonl"
for f in tsv beads tmx; do
  "$cli" align "$fr" "$en" -s fr -t en -f $f -o "$tmp/computed.$f"
  "$cli" align "$fr" "$en" -s fr -t en --alignment "$tmp/a.jsonl" -f $f \
    -o "$tmp/given.$f" 2>"$tmp/err"
  check "align --alignment (its own jsonl) -f $f: same output" \
    cmp -s "$tmp/computed.$f" "$tmp/given.$f"
done
"$cli" review "$fr" "$en" -s fr -t en --alignment "$tmp/a.jsonl" \
  -o "$tmp/again.html"
check "review --alignment" test $? -eq 0 -a -s "$tmp/again.html"

# review's own JSON lines, with a confirmation and an edit
printf '%s\n' '{"src":[0],"tgt":[0],"confirmed":true,"edits":{"tgt":{"0":"The <Necklace> & co"}}}' \
  >"$tmp/r.jsonl"
tail -n +2 "$tmp/a.jsonl" >>"$tmp/r.jsonl"
"$cli" align "$fr" "$en" -s fr -t en --alignment "$tmp/r.jsonl" \
  -o "$tmp/r.tmx"
check "an edit reaches the TMX" \
  grep -q '<seg>The &lt;Necklace&gt; &amp; co</seg>' "$tmp/r.tmx"
check "the TMX is valid TMX 1.4b" \
  sh -c "xmllint --noout --nonet --dtdvalid '$src/tests/data/tmx/tmx14.dtd' '$tmp/r.tmx' 2>/dev/null"
"$cli" review "$fr" "$en" -s fr -t en --alignment "$tmp/r.jsonl" \
  -o "$tmp/r.html"
check "review --alignment keeps the edit and the original" \
  grep -q '\["The Diamond Necklace",0,"The \\u003cNecklace\\u003e \\u0026 co"\]' \
  "$tmp/r.html"

# bad alignments: exit 2 and the line named
bad() { # bad NAME MESSAGE: $tmp/bad.jsonl refused with MESSAGE
  "$cli" align "$fr" "$en" -s fr -t en --alignment "$tmp/bad.jsonl" \
    -o "$tmp/bad.tmx" 2>"$tmp/err"
  local rc=$?
  check "$1: exit 2" test $rc -eq 2
  check "$1: '$2'" grep -qF "$2" "$tmp/err"
  check "$1: no output" test ! -e "$tmp/bad.tmx"
}
sed '5d' "$tmp/a.jsonl" >"$tmp/bad.jsonl"
bad "a bead left out" "bad.jsonl: line 5: source sentence 4 is in no bead (this bead starts at 5)"
sed '5p' "$tmp/a.jsonl" >"$tmp/bad.jsonl"
bad "a bead twice" "bad.jsonl: line 6: source sentence 4 is already in an earlier bead"
head -n 100 "$tmp/a.jsonl" >"$tmp/bad.jsonl"
bad "the end missing" "bad.jsonl: line 100 (the end): source sentences 106..231 are in no bead"
{ head -n 2 "$tmp/a.jsonl"; echo '{"src":[2,'; } >"$tmp/bad.jsonl"
bad "broken JSON" "bad.jsonl: line 3: a number expected"
"$cli" align "$fr" "$en" -s fr -t en --alignment "$tmp/none.jsonl" 2>"$tmp/err"
check "a missing file: exit 2" test $? -eq 2
check "a missing file: named" grep -q 'none.jsonl' "$tmp/err"
"$cli" align "$fr" "$en" "$en" -s fr -t en,de --alignment "$tmp/a.jsonl" \
  -o "$tmp/m.tmx" 2>"$tmp/err"
check "--alignment takes one translation" \
  grep -q -- '--alignment takes one translation' "$tmp/err"

echo "review_cli: $passes passed, $fails failed"
test $fails -eq 0
