#!/bin/bash
# The reader's and reviewer's outputs of align (issue #15) on La Parure:
#  - -f html / -o book.html: every sentence of both sides in order in its
#    column, a row per source paragraph, lang= on each column, the weak
#    beads (score < 0.5 in the JSON lines) and only they marked;
#  - -f xlsx / -o review.xlsx: opened by LibreOffice (soffice --convert-to
#    csv), its cells equal the TSV output's, the bead types and locations
#    those of the JSON lines;
#  - -f epub / -o book.epub: mimetype first and stored, valid under
#    epubcheck, a chapter at each source heading; two EPUBs in, one book.
# LibreOffice and epubcheck are optional: without them their parts are not
# run and the test ends with 77 (skipped) when nothing failed.
# usage: outputs_cli.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0 missing=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
story=$src/corpora/parure
L=(-s fr -t en)

# A translation with a fault: one English sentence deleted.
sed -e '/^Instead of being delighted, as her husband had hoped/d' \
  "$story/story.en.txt" > "$tmp/en.txt"
cp "$story/story.fr.txt" "$tmp/fr.txt"
"$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -f jsonl -o "$tmp/a0.jsonl" ||
  fail "align -f jsonl"
# Today's scores put no bead of this pair below 0.5, so three beads are
# given low scores through --alignment: the page must mark exactly those.
$py - "$tmp" << 'EOF'
import json, sys
tmp = sys.argv[1]
with open(tmp + "/a.jsonl", "w", encoding="utf-8") as out:
    for k, l in enumerate(open(tmp + "/a0.jsonl", encoding="utf-8")):
        b = json.loads(l)
        if k in (3, 15, 120):
            b["score"] = 0.25
        out.write(json.dumps(b, ensure_ascii=False) + "\n")
EOF
L=(-s fr -t en --alignment "$tmp/a.jsonl")
"$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -o "$tmp/a.tsv" ||
  fail "align -o a.tsv"
"$cli" split -l fr "$tmp/fr.txt" > "$tmp/fr.lines" || fail "split fr"
"$cli" split -l en "$tmp/en.txt" > "$tmp/en.lines" || fail "split en"

# ---- HTML
"$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -o "$tmp/book.html" ||
  fail "align -o book.html"
"$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -f html -o "$tmp/book.out" ||
  fail "align -f html"
cmp -s "$tmp/book.html" "$tmp/book.out" || fail "-o book.html is not -f html"
$py - "$tmp" << 'EOF' || fail "the reader page"
import html.parser, json, sys
tmp = sys.argv[1]
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.stack, self.cur, self.weak = [], [], None, set()
        self.lang, self.heads, self.span = None, 0, False
        self.text = {"src": [], "tgt": []}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        cls = (a.get("class") or "").split()
        if tag == "div" and "row" in cls and "langs" not in cls:
            self.rows.append({"src": 0, "tgt": 0})
        if tag == "div" and ("src" in cls or "tgt" in cls):
            side = "src" if "src" in cls else "tgt"
            assert a.get("lang") == ("fr" if side == "src" else "en"), a
            self.cur = side
        if tag == "span" and self.cur:
            self.span = True
            self.rows[-1][self.cur] += 1
            self.text[self.cur].append("")
            if "weak" in cls:
                self.weak.add(int(a["data-bead"]))
        if tag == "h2":
            self.heads += 1
    def handle_endtag(self, tag):
        if tag == "span":
            self.span = False
        if tag == "div" and self.cur:
            self.cur = None
    def handle_data(self, d):
        if self.cur and self.span:
            self.text[self.cur][-1] += d
p = P()
p.feed(open(tmp + "/book.html", encoding="utf-8").read())
beads = [json.loads(l) for l in open(tmp + "/a.jsonl", encoding="utf-8")]
for side, lang in (("src", "fr"), ("tgt", "en")):
    want = [l for l in open(f"{tmp}/{lang}.lines", encoding="utf-8").read()
            .split("\n") if l]
    assert p.text[side] == want, (side, len(p.text[side]), len(want))
weak = {k for k, b in enumerate(beads) if b["score"] < 0.5}
assert weak == {3, 15, 120} and p.weak == weak, (sorted(p.weak), sorted(weak))
# a row a source paragraph in which a bead begins (a bead over two
# paragraphs keeps them in one row)
paras = len({b["source"]["paragraph"] for b in beads if b["source"]["sentences"]})
assert len(p.rows) == paras, (len(p.rows), paras)
assert p.lang == "fr" and p.heads >= 2, (p.lang, p.heads)
title = open(tmp + "/book.html", encoding="utf-8").read()
assert "<title>La Parure</title>" in title
print(f"html: {len(p.rows)} rows, {len(p.text['src'])} + "
      f"{len(p.text['tgt'])} sentences, {len(weak)} weak beads marked")
EOF

# ---- XLSX, through LibreOffice
xlsx=yes
if ! "$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -o "$tmp/review.xlsx" \
  2> "$tmp/err"; then
  if grep -q "built without XLSX support; install libxlsxwriter-dev and rebuild" \
    "$tmp/err"; then
    xlsx=no missing="$missing libxlsxwriter-dev"
  else
    fail "align -o review.xlsx: $(cat "$tmp/err")"
  fi
fi
if [ $xlsx = no ]; then
  :
elif command -v soffice > /dev/null; then
  # 9 = tab separated, 34 = '"' quotes, 76 = UTF-8
  soffice --headless "-env:UserInstallation=file://$tmp/lo" \
    --convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1' \
    --outdir "$tmp/csv" "$tmp/review.xlsx" > "$tmp/soffice.log" 2>&1 ||
    fail "soffice --convert-to csv: $(cat "$tmp/soffice.log")"
  $py - "$tmp" << 'EOF' || fail "the spreadsheet's cells"
import csv, json, sys
tmp = sys.argv[1]
rows = list(csv.reader(open(tmp + "/csv/review.csv", encoding="utf-8",
                            newline=""), delimiter="\t"))
tsv = [l.split("\t") for l in open(tmp + "/a.tsv", encoding="utf-8")
       .read().split("\n") if l]
beads = [json.loads(l) for l in open(tmp + "/a.jsonl", encoding="utf-8")]
assert rows[0] == ["source", "target", "score", "bead", "location"], rows[0]
assert len(rows) == len(tsv) + 1, (len(rows), len(tsv))
for k, (r, t, b) in enumerate(zip(rows[1:], tsv, beads)):
    assert r[0] == t[0] and r[1] == t[1], (k, r[:2], t[:2])
    assert abs(float(r[2]) - float(t[2])) < 1e-9, (k, r[2], t[2])
    assert r[3] == b["type"], (k, r[3], b["type"])
    line = lambda s: str(s["line"]) if s["sentences"] else "-"
    assert r[4] == line(b["source"]) + " / " + line(b["target"]), (k, r[4])
print(f"xlsx: {len(rows) - 1} rows equal to the TSV's")
EOF
else
  missing="$missing soffice"
fi

# ---- EPUB: a heading in the middle of both texts makes a second chapter
$py - "$tmp" << 'EOF'
import sys
tmp = sys.argv[1]
for lang, head in (("fr", "Deuxième partie"), ("en", "Part two")):
    ps = open(f"{tmp}/{lang}.txt", encoding="utf-8").read().strip().split("\n\n")
    ps.insert(len(ps) // 2, head)
    open(f"{tmp}/ch.{lang}.txt", "w", encoding="utf-8").write("\n\n".join(ps) + "\n")
EOF
"$cli" align "$tmp/ch.fr.txt" "$tmp/ch.en.txt" -s fr -t en -o "$tmp/book.epub" ||
  fail "align -o book.epub"
$py "$src/tests/data/office/make_office.py" epub "$story/story.fr.txt" \
  "$tmp/in.fr.epub" && $py "$src/tests/data/office/make_office.py" epub \
  "$story/story.en.txt" "$tmp/in.en.epub" || fail "make the input EPUBs"
"$cli" align "$tmp/in.fr.epub" "$tmp/in.en.epub" -s fr -t en -f epub \
  -o "$tmp/two.epub" || fail "align two EPUBs -f epub"
$py - "$tmp" << 'EOF' || fail "the EPUB's structure"
import re, sys, zipfile
tmp = sys.argv[1]
z = zipfile.ZipFile(tmp + "/book.epub")
first = z.infolist()[0]
assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
assert z.read("mimetype") == b"application/epub+zip" and not first.extra
nav = z.read("EPUB/nav.xhtml").decode()
titles = re.findall(r'<li><a href="chapter-\d+.xhtml">([^<]*)</a>', nav)
assert titles == ["La Parure", "Deuxième partie"], titles
body = "".join(z.read(n).decode() for n in z.namelist() if "chapter-" in n)
assert body.count('lang="en"') >= 100 and "Part two" in body
print(f"epub: chapters {titles}")
# two EPUBs in: the source's two spine pages are the book's two chapters,
# the second beginning where the source's second page does
z = zipfile.ZipFile(tmp + "/two.epub")
chapters = sorted(n for n in z.namelist() if re.search(r"chapter-\d+\.xhtml$", n))
assert len(chapters) == 2, chapters
src = zipfile.ZipFile(tmp + "/in.fr.epub").read("OEBPS/page2.xhtml").decode()
first = re.search(r"<p>([^<]{20,60})", src).group(1)[:20]
second = z.read(chapters[1]).decode()
assert first in second and first not in z.read(chapters[0]).decode(), first
print(f"epub: two EPUBs in, {len(chapters)} chapters as the source's spine")
EOF
if [ -f /usr/share/java/epubcheck.jar ] && command -v java > /dev/null; then
  for b in book two; do
    java -jar /usr/share/java/epubcheck.jar "$tmp/$b.epub" > "$tmp/epubcheck.log" 2>&1 ||
      fail "epubcheck $b.epub: $(cat "$tmp/epubcheck.log")"
    grep -q "No errors or warnings detected" "$tmp/epubcheck.log" ||
      fail "epubcheck $b.epub: $(cat "$tmp/epubcheck.log")"
  done
else
  missing="$missing epubcheck"
fi

# ---- errors: an unknown extension names the formats
"$cli" align "$tmp/fr.txt" "$tmp/en.txt" "${L[@]}" -o "$tmp/book.pdf" \
  2> "$tmp/err" && fail "-o book.pdf accepted"
grep -q "html" "$tmp/err" && grep -q "epub" "$tmp/err" ||
  fail "-o book.pdf: the message does not list html, epub: $(cat "$tmp/err")"

if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
if [ -n "$missing" ]; then
  echo "SKIP: not installed:$missing (apt-get install libreoffice-calc-nogui epubcheck libxlsxwriter-dev)"
  exit 77
fi
echo "ok"
