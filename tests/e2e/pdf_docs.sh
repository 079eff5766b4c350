#!/bin/bash
# PDF input (issue #15): the bundled story made into PDF by LibreOffice,
# once from its text and once as a small book (running header, page
# numbers in the footer, a word hyphenated at a line end), aligns to the
# same rows as its text version: at least 85% of the TSV rows equal
# (no-break spaces, which the PDF's text layer gives as spaces, folded on
# both sides).  Then the traps: headers and page numbers gone, the
# hyphen undone, pages as locations, and an encrypted PDF refused.
# Skips (77) without LibreOffice or in a build without PDF support.
# usage: pdf_docs.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
story=$src/corpora/parure

$py "$src/tests/data/pdf/make_pdf.py" "$tmp/probe.pdf" "Un." || exit 1
if "$cli" split -l fr "$tmp/probe.pdf" 2>&1 | grep -q 'built without PDF support'; then
  echo "SKIP: this tmxalign was built without poppler (libpoppler-glib-dev)"
  exit 77
fi
so=$(command -v soffice || command -v libreoffice)
[ -n "$so" ] || { echo "SKIP: LibreOffice (libreoffice-writer-nogui) not installed"; exit 77; }
# LibreOffice's own profile in the temporary folder: no user's settings,
# no clash with a LibreOffice already running.
lo() { "$so" -env:UserInstallation=file://$tmp/lo --headless "$@" > "$tmp/lo.log" 2>&1; }

fold() { cut -f1,2 "$1" | sed 's/\xc2\xa0/ /g' | sort; }
"$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en -o "$tmp/txt.tsv" ||
  fail "align the .txt"
fold "$tmp/txt.tsv" > "$tmp/txt.rows"
rows=$(wc -l < "$tmp/txt.tsv")

# same ONE TWO WHAT: the PDF pair's TSV against the text's
same() {
  "$cli" align "$1" "$2" -s fr -t en -o "$tmp/pdf.tsv" || { fail "$3: align"; return; }
  local eq
  eq=$(comm -12 "$tmp/txt.rows" <(fold "$tmp/pdf.tsv") | wc -l)
  echo "$3: $eq of $rows TSV rows equal to the text version's" \
    "($(awk -v a=$eq -v b=$rows 'BEGIN { printf "%.1f%%", 100 * a / b }'))"
  [ $((100 * eq)) -ge $((85 * rows)) ] || fail "$3: fewer than 85% of the rows equal"
}

mkdir -p "$tmp/txt" "$tmp/book"
cp "$story/story.fr.txt" "$story/story.en.txt" "$tmp/txt/"
lo --convert-to pdf --outdir "$tmp/txt" "$tmp/txt/story.fr.txt" "$tmp/txt/story.en.txt" ||
  fail "soffice: text to PDF"
same "$tmp/txt/story.fr.pdf" "$tmp/txt/story.en.pdf" "PDF from the text"

$py "$src/tests/data/pdf/make_fodt.py" "$story/story.fr.txt" "$tmp/book/book.fr.fodt" --hyphen &&
  $py "$src/tests/data/pdf/make_fodt.py" "$story/story.en.txt" "$tmp/book/book.en.fodt" ||
  fail "make_fodt.py"
lo --convert-to pdf --outdir "$tmp/book" "$tmp/book/book.fr.fodt" "$tmp/book/book.en.fodt" ||
  fail "soffice: book to PDF"
same "$tmp/book/book.fr.pdf" "$tmp/book/book.en.pdf" "PDF book (header, page numbers)"

"$cli" split -l fr -f jsonl "$tmp/book/book.fr.pdf" > "$tmp/book.jsonl" || fail "split the book"
! grep -q 'Contes du jour' "$tmp/book.jsonl" || fail "the running header is in the text"
! grep -qE '"text":"[0-9]+"' "$tmp/book.jsonl" || fail "a page number is a sentence"
grep -q '"text":"Une phrase sur la translation des mots."' "$tmp/book.jsonl" ||
  fail "the hyphen at the line end is not undone"
grep -q 'pot-au-feu' "$tmp/book.jsonl" || fail "a hyphen inside a line was lost"
# Pages as locations: from 1, in order, up to the last page.
$py - "$tmp/book.jsonl" << 'PY' || fail "pages as locations"
import json, sys
pages = [json.loads(l)["line"] for l in open(sys.argv[1])]
assert pages[0] == 1 and pages == sorted(pages) and pages[-1] >= 5, pages[-5:]
PY

# Encrypted with a password to open: refused, saying so.
enc='pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
mkdir -p "$tmp/enc"
lo --convert-to "$enc" --outdir "$tmp/enc" "$tmp/txt/story.fr.txt" || fail "soffice: encrypted PDF"
if grep -aq '/Encrypt' "$tmp/enc/story.fr.pdf" 2> /dev/null; then
  out=$("$cli" split -l fr "$tmp/enc/story.fr.pdf" 2>&1 > /dev/null)
  [ $? -eq 2 ] && [[ $out == *"a PDF document encrypted with a password"* ]] ||
    fail "encrypted PDF: $out"
else
  fail "LibreOffice wrote no encrypted PDF"
fi

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "pdf_docs: ok"
