#!/bin/bash
# Reviewed pairs back to a memory (issue #15): 'tmxalign convert
# reviewed.tsv|reviewed.xlsx -s fr -t en -o memory.tmx' on La Parure.
#  - the TSV of align, edited as a reviewer would (a target corrected, a
#    row emptied), becomes a TMX valid under tests/tmx_validate.sh whose
#    units are the kept rows, edits included, the emptied row skipped with
#    a note that counts it;
#  - the XLSX of 'align -f xlsx' gives the same units; so does an XLSX that
#    LibreOffice wrote from the edited TSV (its own shared strings);
#  - bad tables are errors naming the line or row: no tab, invalid UTF-8,
#    a bad score, an XLSX without the columns, a truncated XLSX.
# LibreOffice is optional: without it that part is not run and the test
# ends with 77 when nothing failed.
# usage: table_convert.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0 missing=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
story=$src/corpora/parure
L=(-s fr -t en)

"$cli" align "$story/story.fr.txt" "$story/story.en.txt" "${L[@]}" \
  -o "$tmp/a.tsv" || fail "align -o a.tsv"
xlsx=yes
if ! "$cli" align "$story/story.fr.txt" "$story/story.en.txt" "${L[@]}" \
  -o "$tmp/a.xlsx" 2> "$tmp/err"; then
  if grep -q "built without XLSX support" "$tmp/err"; then
    xlsx=no missing="$missing libxlsxwriter-dev"
  else
    fail "align -o a.xlsx: $(cat "$tmp/err")"
  fi
fi
# the reviewer's edits: row 5's target corrected, row 7's target emptied
$py - "$tmp" << 'PY'
import sys
tmp = sys.argv[1]
rows = open(tmp + "/a.tsv", encoding="utf-8").read().split("\n")
c = rows[4].split("\t"); c[1] = "Corrected by the reviewer."; rows[4] = "\t".join(c)
c = rows[6].split("\t"); c[1] = ""; rows[6] = "\t".join(c)
open(tmp + "/r.tsv", "w", encoding="utf-8").write("\n".join(rows))
PY
"$cli" convert "$tmp/r.tsv" "${L[@]}" -o "$tmp/r.tmx" 2> "$tmp/err" ||
  fail "convert r.tsv: $(cat "$tmp/err")"
grep -q "1 of 219 rows skipped" "$tmp/err" ||
  fail "no note counting the emptied row: $(cat "$tmp/err")"
bash "$src/tests/tmx_validate.sh" "$tmp/r.tmx" > "$tmp/v" 2>&1 ||
  fail "r.tmx does not validate: $(cat "$tmp/v")"
# the units, read back with convert, are the kept rows
"$cli" convert "$tmp/r.tmx" -f tsv -o "$tmp/back.tsv" || fail "convert back"
awk -F'\t' '$1 != "" && $2 != "" { print $1 "\t" $2 }' "$tmp/r.tsv" > "$tmp/want"
cmp -s "$tmp/want" "$tmp/back.tsv" || fail "the TMX's units are not the kept rows"
grep -q "Corrected by the reviewer." "$tmp/back.tsv" || fail "the edit was lost"
"$cli" convert "$tmp/r.tmx" -f jsonl | head -1 | grep -q '"score":0.933' ||
  fail "the score column is not the units' x-score"

# the XLSX of align gives the units of its TSV
[ $xlsx = yes ] && {
"$cli" convert "$tmp/a.xlsx" "${L[@]}" -o "$tmp/x.tmx" 2> "$tmp/err" ||
  fail "convert a.xlsx: $(cat "$tmp/err")"
"$cli" convert "$tmp/a.tsv" "${L[@]}" -o "$tmp/t.tmx" 2> /dev/null || fail "convert a.tsv"
"$cli" convert "$tmp/x.tmx" -f jsonl | sed 's/"tuid":"[0-9]*",//' > "$tmp/x.jsonl"
"$cli" convert "$tmp/t.tmx" -f jsonl | sed 's/"tuid":"[0-9]*",//' > "$tmp/t.jsonl"
[ -s "$tmp/x.jsonl" ] && cmp -s "$tmp/x.jsonl" "$tmp/t.jsonl" ||
  fail "the XLSX's units differ from the TSV's"
bash "$src/tests/tmx_validate.sh" "$tmp/x.tmx" > "$tmp/v" 2>&1 ||
  fail "x.tmx does not validate: $(cat "$tmp/v")"
}

# an XLSX that LibreOffice wrote (header row added to the edited TSV)
if command -v soffice > /dev/null; then
  { printf 'source\ttarget\tscore\n'; cat "$tmp/r.tsv"; } > "$tmp/lo.tsv"
  mv "$tmp/lo.tsv" "$tmp/lo.csv"
  soffice --headless "-env:UserInstallation=file://$tmp/lo" \
    --infilter='CSV:9,34,76,1' --convert-to xlsx --outdir "$tmp/out" \
    "$tmp/lo.csv" > "$tmp/soffice.log" 2>&1 ||
    fail "soffice --convert-to xlsx: $(cat "$tmp/soffice.log")"
  "$cli" convert "$tmp/out/lo.xlsx" "${L[@]}" -o "$tmp/lo.tmx" 2> "$tmp/err" ||
    fail "convert LibreOffice's xlsx: $(cat "$tmp/err")"
  "$cli" convert "$tmp/lo.tmx" -f tsv -o "$tmp/lo.back" || fail "convert lo.tmx"
  cmp -s "$tmp/want" "$tmp/lo.back" ||
    fail "LibreOffice's XLSX does not give the kept rows"
else
  missing="$missing soffice"
fi

# ---- bad tables
bad() { # NAME WANT(regex) FILE
  "$cli" convert "$3" "${L[@]}" -o "$tmp/bad.tmx" 2> "$tmp/err" &&
    fail "$1: accepted"
  grep -Eq "$2" "$tmp/err" || fail "$1: message: $(cat "$tmp/err")"
  [ -e "$tmp/bad.tmx" ] && fail "$1: a TMX was written"
}
printf 'a\tb\t0.5\nno tab on this line\n' > "$tmp/notab.tsv"
bad "no tab" "notab.tsv: line 2: no tab" "$tmp/notab.tsv"
printf 'a\tb\nc\t\xe9t\xe9\n' > "$tmp/latin1.tsv"
bad "invalid UTF-8" "latin1.tsv: line 2: invalid UTF-8" "$tmp/latin1.tsv"
printf 'a\tb\t0.5\nc\td\thigh\n' > "$tmp/score.tsv"
bad "bad score" "score.tsv: line 2: score 'high'" "$tmp/score.tsv"
$py - "$tmp/nocols.xlsx" << 'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("[Content_Types].xml", "<Types/>")
z.writestr("xl/worksheets/sheet1.xml",
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
           'French</t></is></c><c r="B1" t="inlineStr"><is><t>English</t></is>'
           '</c></row></sheetData></worksheet>')
z.close()
PY
bad "xlsx without the columns" 'nocols.xlsx: row 1: no "source" and "target" columns' "$tmp/nocols.xlsx"
head -c 300 "$tmp/nocols.xlsx" > "$tmp/cut.xlsx"
bad "truncated xlsx" "cut.xlsx: a zip archive that cannot be read" "$tmp/cut.xlsx"
"$cli" convert "$tmp/a.tsv" -o "$tmp/bad.tmx" 2> "$tmp/err" && fail "no languages: accepted"
grep -q -- "-s LANG -t LANG" "$tmp/err" || fail "no languages: $(cat "$tmp/err")"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
if [ -n "$missing" ]; then
  echo "SKIP: not installed:$missing (apt-get install libreoffice-calc-nogui libxlsxwriter-dev)"
  exit 77
fi
echo "ok"
