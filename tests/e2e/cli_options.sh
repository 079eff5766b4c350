#!/usr/bin/env bash
# e2e: the option table behind every command (src/cli/options.c): unknown
# options and missing values are named, numbers are parsed strictly, the
# output format follows -o's extension (or is refused), and --help lists
# exactly the options the command takes.
# usage: cli_options.sh CLI SOURCE_DIR
set -u
cli="$1"
src="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
fr="$src/corpora/pentagon/article.fr.txt"
en="$src/corpora/pentagon/article.en.txt"
tmx="$src/tests/data/tmx/good.tmx"
printf '%s\t%s\n' "$fr" "$en" >"$tmp/pairs.tsv"

# refused NAME MESSAGE ARGS...: exit 2 and MESSAGE (a fixed string) on
# stderr, in one line.
refused() {
  local name="$1" msg="$2"; shift 2
  "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  local st=$?
  check "$name: exit 2" test $st -eq 2
  check "$name: says [$msg]" grep -qF -- "$msg" "$tmp/err"
  check "$name: one line" test "$(wc -l <"$tmp/err")" -eq 1
}

# The commands, as typed, with the arguments that make a valid call.
declare -A ok=(
  [split]="split $fr -l fr"
  [align]="align $fr $en -s fr -t en"
  [align --batch]="align --batch $tmp/pairs.tsv -s fr -t en -q"
  [check]="check $fr $en -s fr -t en -q"
  [merge]="merge $tmx -q -o $tmp/merged.tmx"
  [convert]="convert $tmx"
)
# An option of each command that takes a value.
declare -A valued=([split]=--lang [align]=--band [align --batch]=--jobs
  [check]=--min-coverage [merge]=--output [convert]=--to)

for c in "${!ok[@]}"; do
  # shellcheck disable=SC2086
  set -- ${ok[$c]}
  name=${c% *}
  refused "$c: unknown option" \
    "$name: unknown option '--frobnicate' (try 'tmxalign $c --help')" \
    "$@" --frobnicate
  refused "$c: unknown short option" "unknown option '-Z'" "$@" -Z
  refused "$c: missing value" "option '${valued[$c]}' needs a value" \
    "$@" "${valued[$c]}"
  "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  check "$c: the valid call exits 0" test $? -eq 0
done

# Strict numbers: each refused with the option named, the good values
# around them accepted.
A=(align "$fr" "$en" -s fr -t en)
C=(check "$fr" "$en" -s fr -t en -q)
refused "--min-coverage ''" "option '--min-coverage' wants a number in 0..1, not ''" "${C[@]}" --min-coverage ''
refused "--min-coverage nan" "not 'nan'" "${C[@]}" --min-coverage nan
refused "--min-coverage inf" "not 'inf'" "${C[@]}" --min-coverage inf
refused "--min-coverage 1.5" "not '1.5'" "${C[@]}" --min-coverage 1.5
refused "--min-coverage 0.5x" "not '0.5x'" "${C[@]}" --min-coverage 0.5x
refused "--min-coverage ' 0.5'" "not ' 0.5'" "${C[@]}" --min-coverage ' 0.5'
refused "--min-coverage 1e999" "not '1e999'" "${C[@]}" --min-coverage 1e999
refused "--length-z 0" "option '--length-z' wants a number > 0" "${C[@]}" --length-z 0
refused "--partial-threshold nan" "option '--partial-threshold' wants a number" "${C[@]}" --partial-threshold nan
refused "--band -1" "option '--band' wants a whole number >= 1, not '-1'" "${A[@]}" --band -1
refused "--band 0" "not '0'" "${A[@]}" --band 0
refused "--band overflow" "not '99999999999999999999999'" "${A[@]}" --band 99999999999999999999999
refused "--max-bead 4294967298" "option '--max-bead' wants a whole number in 2..9, not '4294967298'" "${A[@]}" --max-bead 4294967298
refused "--max-bead 1.5" "not '1.5'" "${A[@]}" --max-bead 1.5
refused "--weight number=nan" "option '--weight' wants a number >= 0, not 'nan'" "${A[@]}" --weight number=nan
refused "--weight number=" "not ''" "${A[@]}" --weight number=
refused "--weight bogus=1" "wants an anchor kind" "${A[@]}" --weight bogus=1
refused "--min-score -0.1" "option '--min-score' wants a number in 0..1" "${A[@]}" --min-score -0.1
refused "-j 257" "option '--jobs' wants a whole number in 0..256, not '257'" align --batch "$tmp/pairs.tsv" -s fr -t en -j 257
refused "--max-input 0x10" "option '--max-input' wants a whole number >= 1" split "$fr" -l fr --max-input 0x10
refused "--only ''" "option '--only' wants kinds (all, none, omission" "${C[@]}" --only ''
refused "--only omission," "not 'omission,'" "${C[@]}" --only omission,
refused "--fail-on bogus" "option '--fail-on' wants kinds" "${C[@]}" --fail-on bogus
refused "--color sometimes" "option '--color' wants auto, always or never" "${C[@]}" --color sometimes
for good in "--max-bead 9" "--band 1" "--weight number=2.5" "--min-score 1" "--min-score 0"; do
  # shellcheck disable=SC2086
  "$cli" "${A[@]}" $good >/dev/null 2>"$tmp/err"
  check "$good accepted" test $? -eq 0
done
for good in "--min-coverage 0" "--length-z 0.5" "--partial-threshold -2" "--only omission,number" "--fail-on none"; do
  # shellcheck disable=SC2086
  "$cli" "${C[@]}" $good >/dev/null 2>"$tmp/err"
  check "$good accepted" test $? -le 1
done

# The output format follows -o's extension; -f wins; no extension keeps
# the default.  first NAME FILE PATTERN: FILE's first line matches.
first() { check "$1" grep -qE -- "$3" <(head -n 1 "$2"); }
for f in tsv jsonl beads tmx; do
  "$cli" "${A[@]}" -o "$tmp/a.$f" 2>/dev/null
  "$cli" "${A[@]}" -f $f >"$tmp/a.$f.want" 2>/dev/null
done
check "align -o .tsv" cmp -s "$tmp/a.tsv" "$tmp/a.tsv.want"
check "align -o .jsonl" cmp -s "$tmp/a.jsonl" "$tmp/a.jsonl.want"
check "align -o .beads" cmp -s "$tmp/a.beads" "$tmp/a.beads.want"
first "align -o .tmx" "$tmp/a.tmx" '^<\?xml'
"$cli" "${A[@]}" -f jsonl -o "$tmp/f.tmx" 2>/dev/null
check "align: -f wins over the extension" cmp -s "$tmp/f.tmx" "$tmp/a.jsonl.want"
"$cli" "${A[@]}" -o "$tmp/r.html" 2>/dev/null
"$cli" "${A[@]}" -f html > "$tmp/r.html.want" 2>/dev/null
check "align -o .html is the reader page" cmp -s "$tmp/r.html" "$tmp/r.html.want"
first "align -o .html is HTML" "$tmp/r.html" '^<!DOCTYPE html>'
"$cli" "${A[@]}" -o "$tmp/r.epub" 2>/dev/null
check "align -o .epub is a zip" grep -q '^PK' <(head -c 2 "$tmp/r.epub")
"$cli" "${A[@]}" -o "$tmp/noext" 2>/dev/null
check "align: no extension is tsv" cmp -s "$tmp/noext" "$tmp/a.tsv.want"
"$cli" "${A[@]}" -o "$tmp/UPPER.JSONL" 2>/dev/null
check "align: extensions ignore case" cmp -s "$tmp/UPPER.JSONL" "$tmp/a.jsonl.want"
for f in txt json html; do "$cli" "${C[@]}" -o "$tmp/c.$f"; done
first "check -o .txt" "$tmp/c.txt" '^# tmxalign check'
first "check -o .json" "$tmp/c.json" '^\{'
check "check -o .html" grep -qi '<html' "$tmp/c.html"
"$cli" "${C[@]}" -o "$tmp/c.htm"
check "check -o .htm" grep -qi '<html' "$tmp/c.htm"
for f in tsv jsonl; do "$cli" convert "$tmx" -o "$tmp/v.$f"; done
check "convert -o .tsv" cmp -s "$tmp/v.tsv" <("$cli" convert "$tmx" --to tsv)
check "convert -o .jsonl" cmp -s "$tmp/v.jsonl" <("$cli" convert "$tmx" -f jsonl)
first "convert -o .jsonl is json" "$tmp/v.jsonl" '^\{'
for f in txt jsonl json; do "$cli" split "$fr" -l fr -o "$tmp/s.$f"; done
check "split -o .txt" cmp -s "$tmp/s.txt" <("$cli" split "$fr" -l fr)
check "split -o .jsonl" cmp -s "$tmp/s.jsonl" <("$cli" split "$fr" -l fr -f jsonl)
check "split -o .json" cmp -s "$tmp/s.json" <("$cli" split "$fr" -l fr --format json)
first "split -o .json is an array" "$tmp/s.json" '^\['
"$cli" align --batch "$tmp/pairs.tsv" -s fr -t en -q -o "$tmp/b.tsv"
check "align --batch -o .tsv" cmp -s "$tmp/b.tsv" "$tmp/a.tsv.want"

# An extension no format has is refused, and nothing is written.
refused "align -o .pdf" "-o $tmp/x.pdf: align writes tsv, jsonl, beads, tmx, html, xlsx or epub; name one with -f" "${A[@]}" -o "$tmp/x.pdf"
refused "align -o .txt" "align writes tsv, jsonl, beads, tmx, html, xlsx or epub" "${A[@]}" -o "$tmp/x.txt"
refused "align --batch -o .beads" "align writes tmx, tsv or jsonl" align --batch "$tmp/pairs.tsv" -s fr -t en -o "$tmp/x.beads"
refused "check -o .pdf" "check writes text, json or html; name one with -f" "${C[@]}" -o "$tmp/x.pdf"
refused "convert TMX -o .tmx" "good.tmx: TMX output is made from a table of pairs" convert "$tmx" -o "$tmp/x.tmx"
refused "convert -o .xlsx" "convert writes tsv, jsonl or tmx" convert "$tmx" -o "$tmp/x.xlsx"
refused "split -o .csv" "split writes lines, jsonl or json" split "$fr" -l fr -o "$tmp/x.csv"
check "refused: nothing written" test -z "$(ls "$tmp" | grep '^x\.')"
"$cli" "${A[@]}" -f tsv -o "$tmp/y.html" 2>/dev/null
check "-f names the format of any name" cmp -s "$tmp/y.html" "$tmp/a.tsv.want"

# --help: exit 0, examples, and exactly the options of the table (the
# hidden --list-options); each is accepted, and those of the other
# commands are not (unless an abbreviation of one of this command's).
helped() { # the long options of --help's option list
  sed -n '/^options:/,/^$/p' "$1" | grep -oE '^  (-[a-zA-Z], |    )--[a-z-]+' |
    grep -oE -- '--[a-z-]+' | sort
}
for c in "${!ok[@]}"; do
  # shellcheck disable=SC2086
  "$cli" $c --help >"$tmp/help" 2>&1
  check "$c --help exits 0" test $? -eq 0
  check "$c --help has examples" grep -q '^examples:' "$tmp/help"
  check "$c --help fits in 80 columns" test -z "$(awk 'length > 79' "$tmp/help")"
  # shellcheck disable=SC2086
  "$cli" $c --list-options | sort >"$tmp/$c.opts"
  check "$c: --list-options lists some" test "$(wc -l <"$tmp/$c.opts")" -ge 3
  check "$c --help lists the table's options" diff <(helped "$tmp/help") "$tmp/$c.opts"
done
sort -u "$tmp"/*.opts >"$tmp/all.opts"
for c in "${!ok[@]}"; do
  # shellcheck disable=SC2086
  set -- ${ok[$c]}
  bad=0
  while read -r o; do
    "$cli" "$@" "$o" </dev/null >/dev/null 2>"$tmp/err"
    mine=$(grep -cxF -- "$o" "$tmp/$c.opts")
    prefix=$(grep -c -- "^$o." "$tmp/$c.opts")
    if [ "$mine" = 1 ] && grep -q "unknown option" "$tmp/err"; then
      echo "  $c refuses its own $o"; bad=1
    elif [ "$mine" = 0 ] && [ "$prefix" = 0 ] && ! grep -q "unknown option '$o'" "$tmp/err"; then
      echo "  $c takes $o, not in its --help"; bad=1
    fi
  done <"$tmp/all.opts"
  check "$c: takes exactly the options of its --help" test $bad = 0
done

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
