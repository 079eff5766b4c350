#!/bin/bash
# XLIFF, PO, subtitles and Markdown (issue #15), on the bundled story:
# - Markdown made by pandoc (CommonMark and pandoc's own Markdown) from an
#   HTML page of the text aligns to the same units as the .txt (at least
#   95% of the TSV rows' source and target equal; the figure is printed);
# - the story's TMX made into XLIFF and PO with translate-toolkit (its
#   Python API: Debian ships no tmx2po; then po2xliff) converts back to
#   the same units (convert xlf -> tmx -> tsv equals the TMX's own tsv);
# - check of that XLIFF with one target emptied names that unit's line;
# - SRT and WebVTT made from the English text (sentences cut into cues of
#   five words, so most sentences run over two or more cues) split to the
#   sentences of the same text without paragraphs.
# Exit 77 (skipped) when pandoc or translate-toolkit is absent, after the
# parts that need neither.
# usage: bilingual.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0 skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
story=$src/corpora/parure

"$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en \
  -o "$tmp/txt.tsv" || fail "align the .txt"
"$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en \
  -o "$tmp/story.tmx" || fail "align the .txt to TMX"
"$cli" convert "$tmp/story.tmx" -o "$tmp/tmx.tsv" || fail "convert the TMX"

# share A B: the share of A's rows (source, target) that B has too
share() {
  $py - "$1" "$2" << 'PY'
import sys
a = [tuple(l.split("\t")[:2]) for l in open(sys.argv[1], encoding="utf-8")]
b = set(tuple(l.split("\t")[:2]) for l in open(sys.argv[2], encoding="utf-8"))
print("%.4f" % (sum(r in b for r in a) / max(len(a), 1)))
PY
}

# ---- subtitles: cues of five words, a number and a timing each ----
# (a cue never runs across paragraphs, as a film's never runs across
# scenes)
$py - "$story/story.en.txt" "$tmp/story.en" << 'PY'
import sys
# the title goes: a subtitle file has no paragraphs, and a title without
# a full stop would run into the first sentence
paras = open(sys.argv[1], encoding="utf-8").read().split("\n\n")[1:]
cues = []
for p in paras:
    words = p.split()
    cues += [" ".join(words[i:i + 5]) for i in range(0, len(words), 5)]
def t(s, sep):
    return "%02d:%02d:%02d%s%03d" % (s // 3600, s // 60 % 60, s % 60, sep, 0)
with open(sys.argv[2] + ".srt", "w", encoding="utf-8") as f:
    for i, c in enumerate(cues):
        f.write("%d\n%s --> %s\n<i>%s</i>\n\n" % (i + 1, t(i, ","), t(i + 1, ","), c))
with open(sys.argv[2] + ".vtt", "w", encoding="utf-8") as f:
    f.write("WEBVTT\n\nNOTE made from the story\n\n")
    for i, c in enumerate(cues):
        f.write("c%d\n%s --> %s\n%s\n\n" % (i, t(i, "."), t(i + 1, "."), c))
PY
# the expected sentences: the same text as one paragraph (a subtitle
# file has no paragraphs), so that cue ends are all that differs
tail -n +2 "$story/story.en.txt" | grep -v '^[[:space:]]*$' > "$tmp/flat.txt"
"$cli" split -l en "$tmp/flat.txt" > "$tmp/flat.en" || fail "split en"
for k in srt vtt; do
  "$cli" split -l en "$tmp/story.en.$k" > "$tmp/sub.en" || fail "split $k"
  cmp -s "$tmp/flat.en" "$tmp/sub.en" ||
    fail "$k: sentences differ from the text's: $(diff "$tmp/flat.en" "$tmp/sub.en" | head -4)"
  echo "$k: $(wc -l < "$tmp/sub.en") sentences from $(grep -c -- '-->' "$tmp/story.en.$k") cues, as the text's"
done
# the first sentence runs over cues 1 to 6: the second starts in cue 6
"$cli" split -l en "$tmp/story.en.srt" -f jsonl | head -2 | cut -d, -f5 |
  tr '\n' ' ' > "$tmp/lines"
grep -qx '"line":1 "line":6 ' "$tmp/lines" || fail "srt lines: $(cat "$tmp/lines")"

# ---- a unit of spaces only is no <tu> (an empty <seg> is worth nothing) --
printf '<xliff version="1.2"><file source-language="fr" target-language="en"><body><trans-unit id="a"><source> </source><target>x</target></trans-unit><trans-unit id="b"><source>Oui.</source><target>Yes.</target></trans-unit></body></file></xliff>' \
  > "$tmp/ws.xlf"
"$cli" convert "$tmp/ws.xlf" -o "$tmp/ws.tmx" 2> /dev/null || fail "convert ws.xlf"
[ "$(grep -c '<tu ' "$tmp/ws.tmx")" -eq 1 ] && grep -q '<tu tuid="b">' "$tmp/ws.tmx" ||
  fail "ws.xlf: $(grep -c '<tu ' "$tmp/ws.tmx") units"

# ---- fuzzy PO entries: skipped with a note, or kept and flagged ----
printf 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#, fuzzy\nmsgid "Oui."\nmsgstr "Yes."\n\nmsgid "Non."\nmsgstr "No."\n' \
  > "$tmp/fz.po"
"$cli" convert "$tmp/fz.po" -s fr -o "$tmp/fz.tmx" 2> "$tmp/err" || fail "convert fz.po"
[ "$(grep -c '<tu ' "$tmp/fz.tmx")" -eq 1 ] || fail "fz.po: fuzzy entry written"
grep -q "1 of 2 units skipped: fuzzy" "$tmp/err" || fail "fz.po note: $(cat "$tmp/err")"
"$cli" convert "$tmp/fz.po" -s fr --keep-fuzzy -o "$tmp/fz.tmx" || fail "--keep-fuzzy"
[ "$(grep -c '<prop type="x-fuzzy">yes</prop>' "$tmp/fz.tmx")" -eq 1 ] &&
  [ "$(grep -c '<tu ' "$tmp/fz.tmx")" -eq 2 ] || fail "--keep-fuzzy: $(grep -c '<tu ' "$tmp/fz.tmx") units"

# ---- Markdown by pandoc ----
if command -v pandoc > /dev/null; then
  for l in fr en; do
    awk 'BEGIN { print "<html><body>" }
         /^[[:space:]]*$/ { if (p) print "</p>"; p = 0; next }
         { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;")
           printf "%s%s", p ? " " : "<p>", $0; p = 1 }
         END { if (p) print "</p>"; print "</body></html>" }' \
      "$story/story.$l.txt" > "$tmp/story.$l.html"
    # pandoc's Markdown without "smart" (which writes ’ as ' and … as ...)
    pandoc -f html "$tmp/story.$l.html" -t commonmark -o "$tmp/cm.$l.md" &&
      pandoc -f html "$tmp/story.$l.html" -t markdown-smart \
        -o "$tmp/pd.$l.markdown" || fail "pandoc $l"
  done
  for k in cm.%s.md pd.%s.markdown; do
    fr=$tmp/$(printf "$k" fr) en=$tmp/$(printf "$k" en)
    "$cli" align "$fr" "$en" -s fr -t en -o "$tmp/md.tsv" ||
      { fail "align $k"; continue; }
    got=$(share "$tmp/txt.tsv" "$tmp/md.tsv")
    echo "markdown $k: $got of the .txt's TSV rows equal"
    $py -c "import sys; sys.exit(float('$got') < 0.95)" || fail "$k: only $got"
  done
else
  echo "pandoc not installed: Markdown not tried"
  skipped=1
fi

# ---- XLIFF and PO by translate-toolkit ----
if $py -c 'import translate.storage.xliff' 2> /dev/null; then
  $py - "$tmp/story.tmx" "$tmp/story" << 'PY' || fail "translate-toolkit"
import sys
from translate.storage import po, tmx, xliff
units = tmx.tmxfile.parsefile(sys.argv[1]).units
x = xliff.xlifffile(sourcelanguage="fr", targetlanguage="en")
p = po.pofile()
p.updateheader(add=True, Language="en")
for i, u in enumerate(units):
    n = x.addsourceunit(u.source)
    n.target = u.target
    n.setid(str(i + 1))
    n = p.addsourceunit(u.source)
    n.target = u.target
# translate-toolkit writes 1.1; the same file declared 1.2 is read alike
s = bytes(x).decode("utf-8")
open(sys.argv[2] + ".xlf", "w", encoding="utf-8").write(s)
open(sys.argv[2] + "-12.xlf", "w", encoding="utf-8").write(
    s.replace("document:1.1", "document:1.2").replace('version="1.1"', 'version="1.2"'))
open(sys.argv[2] + ".po", "wb").write(bytes(p))
PY
  rt() { # NAME CONVERT-OPTIONS...
    local f=$1
    shift
    "$cli" convert "$f" "$@" -o "$tmp/rt.tmx" 2> "$tmp/err" ||
      { fail "convert $f: $(cat "$tmp/err")"; return; }
    "$cli" convert "$tmp/rt.tmx" -o "$tmp/rt.tsv" || fail "convert back $f"
    cmp -s "$tmp/tmx.tsv" "$tmp/rt.tsv" ||
      fail "$f: units differ from the TMX's: $(diff "$tmp/tmx.tsv" "$tmp/rt.tsv" | head -4)"
    [ ! -s "$tmp/err" ] || fail "$f: unexpected notes: $(cat "$tmp/err")"
  }
  rt "$tmp/story.xlf"
  rt "$tmp/story-12.xlf"
  rt "$tmp/story.po" -s fr
  # po2xliff: the header is no unit, the languages are not the story's
  po2xliff "$tmp/story.po" "$tmp/po2x.xlf" > /dev/null 2>&1 || fail po2xliff
  rt "$tmp/po2x.xlf" -s fr -t en
  "$cli" convert "$tmp/story.xlf" -o "$tmp/rt.tmx" || fail "convert to tmx"
  grep -q '<tu tuid="7">' "$tmp/rt.tmx" || fail "tuid is not the unit id"
  grep -q '<header .*srclang="fr"' "$tmp/rt.tmx" || fail "srclang from the file"

  # check: complete as it is; one target emptied is an omission at its line
  "$cli" check "$tmp/story.xlf" -o "$tmp/rep.txt" 2> /dev/null
  rc=$?
  [ $rc -le 1 ] || fail "check story.xlf: exit $rc"
  grep -q '^# tmxalign check: .*story.xlf (fr, 219 sentences) -> .*story.xlf (en, 219 sentences)' "$tmp/rep.txt" ||
    fail "check: $(head -1 "$tmp/rep.txt")"
  $py - "$tmp/story.xlf" "$tmp/gap.xlf" << 'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
# empty the target of unit 100
s = re.sub(r'(id="100".*?<target[^>]*>).*?(</target>)', r"\1\2", s, count=1, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
  line=$(grep -n 'id="100"' "$tmp/gap.xlf" | cut -d: -f1)
  "$cli" check "$tmp/gap.xlf" > "$tmp/rep.txt" 2> "$tmp/err"
  [ $? -eq 1 ] || fail "check gap.xlf: not exit 1"
  grep -q "gap.xlf:$line: omission: error" "$tmp/rep.txt" ||
    fail "check gap.xlf: no omission at line $line: $(grep omission "$tmp/rep.txt")"
  grep -q "1 of 219 units have no translation" "$tmp/err" ||
    fail "check gap.xlf: note: $(cat "$tmp/err")"
  "$cli" convert "$tmp/gap.xlf" -o "$tmp/gap.tmx" 2> "$tmp/err" || fail "convert gap"
  [ "$(grep -c '<tu ' "$tmp/gap.tmx")" -eq 218 ] || fail "gap.tmx: not 218 units"
  grep -q "1 of 219 units skipped: they have no translation" "$tmp/err" ||
    fail "convert gap.xlf: note: $(cat "$tmp/err")"
  # a bilingual file as one side of align
  "$cli" align "$tmp/story.xlf" "$story/story.en.txt" -s fr -t en \
    > /dev/null 2> "$tmp/err" && fail "align story.xlf: exit 0"
  grep -q "use 'tmxalign convert" "$tmp/err" || fail "align xlf: $(cat "$tmp/err")"
else
  echo "translate-toolkit not installed: XLIFF and PO not tried"
  skipped=1
fi

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed"
[ $fails -eq 0 ] || exit 1
[ $skipped -eq 0 ] || exit 77
