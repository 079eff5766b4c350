#!/bin/bash
# The bad-input matrix: every row of matrix.tsv is one hostile input or
# misuse, with what must happen.  Columns (TAB-separated):
#   name  status  message  unchanged  command
# status: the exit status wanted; message: an extended regular expression
# stderr must match ('-': stderr must be empty); unchanged: files (in the
# work directory, space-separated, '-' for none) whose bytes and mode must
# be the same afterwards; command: run by bash in the work directory, with
# $T the tmxalign binary.  Every row also fails on a hang (30 s), on more
# than one line of error, on a crash (status > 128 unless wanted) and on a
# temporary file left behind.
#   usage: run.sh TMXALIGN SOURCE_DIR
set -u
T=$1
src=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export T
cd "$work" || exit 2

# ---- fixtures ---------------------------------------------------------------
cp "$src/corpora/parure/story.fr.txt" fr.txt
cp "$src/corpora/parure/story.en.txt" en.txt
cp "$src/corpora/boule-de-suif/story.fr.txt" boule.fr.txt
cp "$src/corpora/boule-de-suif/story.en.txt" boule.en.txt
head -n $(($(wc -l < en.txt) / 2)) en.txt > half.en.txt
"$T" align fr.txt en.txt -s fr -t en -o s.tmx || exit 2
"$T" align fr.txt en.txt -s fr -t en -o private.tsv || exit 2
chmod 600 private.tsv
python3 - <<'PY'
deep = "<html><body>" + "<div>" * 300 + "<p>Au fond. Encore.</p>" + "</div>" * 300
open("deep.html", "w").write(deep + "<p>Apr\u00e8s le fond. La fin.</p></body></html>")
tables = "<html><body>" + "<table><tr><td>" * 300 + "Case." + "</td></tr></table>" * 300
open("tables.html", "w").write(tables + "<p>Apr\u00e8s les tables. Fin.</p></body></html>")
# UTF-32 with BOM, both byte orders
t = "Bonjour. Au revoir.\n"
open("u32le.txt", "wb").write(b"\xff\xfe\x00\x00" + t.encode("utf-32-le"))
open("u32be.txt", "wb").write(b"\x00\x00\xfe\xff" + t.encode("utf-32-be"))
# CR-only line ends: two paragraphs
open("cr.txt", "wb").write(b"Un. Deux.\r\rTrois.\r")
# a dictd index that is no dictd index
open("bad.index", "w").write("this is not\tan index\n")
open("bad.dict", "w").write("x")
PY
# Bombs: small gzip files that expand past every reader's cap (256 MiB
# for dictionaries, 1 GiB for documents).
head -c 300M /dev/zero | gzip -1 > bomb.tsv.gz
# an index of well-formed lines, so only the size cap can stop it (dictd's
# own "00..." header lines: cheap to skip, so the row stays quick under
# the sanitizers)
yes "$(printf '00x\tA\tB')" | head -c 300M | gzip -1 > bomb.index
echo x > bomb.dict
# A pair that takes seconds to align, for the signal rows.
for i in $(seq 12); do cat boule.fr.txt; echo; done | "$T" split - -l fr > big.fr.txt
for i in $(seq 12); do cat boule.en.txt; echo; done | "$T" split - -l en > big.en.txt
cp "$src/tests/data/tmx/xxe-passwd.tmx" xxe.tmx
cp "$src/tests/data/tmx/billion-laughs.tmx" laughs.tmx
python3 - <<'PY'
seg = "Une phrase tr\u00e8s longue. " * 600000  # about 15.6 MB
open("big-seg.tmx", "w").write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/><body>'
    '<tu><tuv xml:lang="fr"><seg>' + seg + '</seg></tuv>'
    '<tuv xml:lang="en"><seg>A short one.</seg></tuv></tu></body></tmx>\n')
PY
# Documents of other kinds: office files, and formats only refused.
cp "$src/tests/data/office/notes.docx" notes.docx
cp "$src/tests/data/office/notes.odt" notes.odt
head -c 2000 notes.docx > cut.docx
printf '{\\rtf1\\ansi Bonjour.}\n' > a.rtf
printf '%%PDF-1.4\n%%\xe2\xe3\n1 0 obj\n' > a.pdf
python3 "$src/tests/data/pdf/make_pdf.py" good.pdf "Bonjour. Au revoir." || exit 2
head -c 200 good.pdf > cut.pdf
python3 "$src/tests/data/pdf/make_pdf.py" blank.pdf "" "" || exit 2
cp fr.txt fake.pdf
printf '<srx><body><languagerules>\n<oops></languagerules></body></srx>\n' > bad.srx
printf '<srx><body><languagerules><languagerule languagerulename="F"><rule><beforebreak>[.?!</beforebreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="F"/></maprules></body></srx>\n' > re.srx
# XLIFF, PO, subtitles: bilingual ones as a document, malformed ones
printf 'msgid ""\nmsgstr ""\n\nmsgid "Hello."\nmsgstr "Bonjour."\n' > a.po
printf 'msgid "Hello."\nmsgstr "Bonjour."\n\nmsgid "Open\nmsgstr ""\n' > bad.po
printf 'msgid "A"\nmsgstr "B"\n\nmsgid "Hello."\nmsgid "x"\nmsgstr ""\n' > order.po
printf '<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="fr" target-language="en"><body>\n<trans-unit id="1"><source>Oui.</source><target>Yes.</target></trans-unit>\n</body></file></xliff>\n' > a.xlf
printf '<?xml version="1.0"?>\n<xliff version="1.2">\n<file><body>\n<trans-unit id="1"><source>Oui.</target>\n</body></file></xliff>\n' > bad.xlf
printf '<?xml version="1.0"?>\n<xliff version="3.0"><file/></xliff>\n' > v3.xlf
printf '1\n00:00:01,000 --> 00:00:02,000\nBonjour.\n' > a.srt
printf '1\n00:00:01,000 --> 00:00:02,000\nBonjour.\n\n2\nAu revoir.\n' > bad.srt
printf 'WEBVTT\n\nintro\nBonjour.\n' > bad.vtt
python3 - <<'PY'
import zipfile
# a DOCX whose document part inflates a thousandfold: a zip bomb
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document>" + " " * (8 << 20) + "</w:document>")
PY
mkdir -p sub dir pairs
cp fr.txt sub/x.fr.txt; cp en.txt sub/x.en.txt
cp fr.txt sub_x.fr.txt; cp en.txt sub_x.en.txt
printf 'sub/x.fr.txt\tsub/x.en.txt\nsub_x.fr.txt\tsub_x.en.txt\nfr.txt\ten.txt\nfr.txt\thalf.en.txt\n' > pairs.tsv
cp fr.txt pairs/a.fr.txt; cp en.txt pairs/a.en.txt
mkfifo pairs/b.fr.txt; cp en.txt pairs/b.en.txt
printf '../fr.txt\t../en.txt\n' > dir/escape.tsv

fails=0 rows=0
fail() { echo "FAIL: $1: $2"; fails=$((fails + 1)); }
snapshot() { # name -> "sha mode" per file
  local f
  for f in $1; do
    [ "$f" = - ] && continue
    if [ -e "$f" ]; then echo "$f $(sha1sum < "$f" | cut -c1-40) $(stat -c %a "$f")"
    else echo "$f absent"; fi
  done
}
while IFS=$'\t' read -r name status message unchanged command; do
  case $name in ''|'#'*) continue ;; esac
  rows=$((rows + 1))
  before=$(snapshot "$unchanged")
  timeout 30 bash -c "$command" > out.txt 2> err.txt < /dev/null
  st=$?
  if [ $st -eq 124 ]; then fail "$name" "hangs (killed after 30 s)"; continue; fi
  [ "$st" -eq "$status" ] || fail "$name" "exit $st, expected $status: $(head -c 300 err.txt)"
  if [ "$message" = - ]; then
    [ -s err.txt ] && fail "$name" "unexpected stderr: $(head -c 300 err.txt)"
  else
    grep -Eq -- "$message" err.txt || fail "$name" "stderr lacks /$message/: $(head -c 300 err.txt)"
    [ "$(grep -vc '^tmxalign: note: ' err.txt)" -le 1 ] ||
      fail "$name" "more than one line of error: $(head -c 300 err.txt)"
  fi
  after=$(snapshot "$unchanged")
  [ "$before" = "$after" ] || fail "$name" "changed: $(diff <(echo "$before") <(echo "$after") | grep '^>' | head -3)"
  left=$(find . -name '*.tmp-*' -o -name '.tmxalign-*' | head -3)
  [ -z "$left" ] || { fail "$name" "temporary files left: $left"; find . \( -name '*.tmp-*' -o -name '.tmxalign-*' \) -delete; }
done < "$src/tests/bad_input/matrix.tsv"
echo "bad-input matrix: $rows rows, $fails failed"
[ "$fails" -eq 0 ]
