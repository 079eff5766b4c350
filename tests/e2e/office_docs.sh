#!/bin/bash
# Documents as people have them (issue #15): the bundled story as DOCX, ODT
# and EPUB aligns to the same beads as its .txt, and splits to the same
# sentences.  The documents are made here by tests/data/office/
# make_office.py (Python's zipfile, always there) and, when pandoc is
# installed, by pandoc too (from an HTML page of the text, so that no
# markdown reading changes a paragraph).  The checked-in pandoc fixtures
# (tests/data/office/notes.*) split to notes.expected; formats not read
# are refused with one line and a non-zero exit.
# usage: office_docs.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

story=$src/corpora/parure
make=$src/tests/data/office/make_office.py
"$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en \
  -f beads -o "$tmp/txt.beads" || fail "align the .txt"
for l in fr en; do
  "$cli" split -l $l "$story/story.$l.txt" > "$tmp/txt.$l" || fail "split $l"
done

# same_as_txt TAG: $tmp/TAG.fr.EXT and $tmp/TAG.en.EXT (EXT in the name)
same_as_txt() {
  local fr=$1 en=$2 what=$3
  "$cli" align "$fr" "$en" -s fr -t en -f beads -o "$tmp/b" ||
    { fail "$what: align"; return; }
  cmp -s "$tmp/txt.beads" "$tmp/b" || fail "$what: beads differ from the .txt"
  "$cli" split -l fr "$fr" > "$tmp/s" || fail "$what: split"
  cmp -s "$tmp/txt.fr" "$tmp/s" || fail "$what: sentences differ from the .txt"
}

for k in docx odt epub; do
  for l in fr en; do
    $py "$make" $k "$story/story.$l.txt" "$tmp/py.$l.$k" || fail "make $k"
  done
  same_as_txt "$tmp/py.fr.$k" "$tmp/py.en.$k" "make_office.py $k"
  # By content: a name that says nothing.
  cp "$tmp/py.fr.$k" "$tmp/story-fr.bin"
  "$cli" split -l fr "$tmp/story-fr.bin" > "$tmp/s" && cmp -s "$tmp/txt.fr" "$tmp/s" ||
    fail "$k without its extension"
done

if command -v pandoc > /dev/null; then
  for l in fr en; do
    awk 'BEGIN { print "<html><body>" }
         /^[[:space:]]*$/ { if (p) print "</p>"; p = 0; next }
         { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;")
           printf "%s%s", p ? " " : "<p>", $0; p = 1 }
         END { if (p) print "</p>"; print "</body></html>" }' \
      "$story/story.$l.txt" > "$tmp/story.$l.html"
    for k in docx odt epub; do
      pandoc -f html "$tmp/story.$l.html" -o "$tmp/pd.$l.$k" 2> /dev/null ||
        fail "pandoc $k"
    done
  done
  for k in docx odt epub; do
    same_as_txt "$tmp/pd.fr.$k" "$tmp/pd.en.$k" "pandoc $k"
  done
else
  echo "pandoc not installed: the pandoc-made documents are not tried"
fi

# The checked-in fixtures (headings, lists, a table, a footnote).
for k in docx odt epub; do
  "$cli" split -l en "$src/tests/data/office/notes.$k" > "$tmp/n" ||
    fail "split notes.$k"
  diff -u "$src/tests/data/office/notes.expected" "$tmp/n" ||
    fail "notes.$k differs from notes.expected"
done

# Refused: one line naming the format, exit 1, nothing on stdout.
refused() { # NAME CONTENT WANT
  printf '%b' "$2" > "$tmp/$1"
  "$cli" split -l en "$tmp/$1" > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  [ $rc -ne 0 ] || fail "$1: exit 0"
  [ ! -s "$tmp/out" ] || fail "$1: wrote sentences"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "$1: not one line: $(cat "$tmp/err")"
  grep -qF -- "$3" "$tmp/err" || fail "$1: got: $(cat "$tmp/err")"
}
refused a.rtf '{\\rtf1\\ansi Hello.}' \
  "a.rtf: an RTF document; tmxalign reads plain text, HTML, Markdown, DOCX, ODT, EPUB, PDF, XLIFF, PO, SRT and WebVTT: save it as DOCX or text"
refused a.pdf '%PDF-1.7\n1 0 obj\n' "a.pdf: a PDF document"
# XLIFF, PO and subtitles are read (bilingual.sh); a bilingual one as a
# document is refused, pointing at convert and check.
refused a.po 'msgid ""\nmsgstr ""\n\nmsgid "Hi"\nmsgstr "Salut"\n' \
  "a.po: a bilingual PO file (1 of 1 units translated) is already aligned: use 'tmxalign convert "
head -c 2000 "$tmp/py.fr.docx" > "$tmp/cut.docx"
"$cli" split -l fr "$tmp/cut.docx" 2> "$tmp/err" > /dev/null
grep -qF "cut.docx: a damaged or truncated zip archive" "$tmp/err" ||
  fail "truncated docx: $(cat "$tmp/err")"

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed"
[ $fails -eq 0 ]
