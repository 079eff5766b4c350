#!/bin/bash
# SRX rules (--srx, issue #15): a small rules file of our own shows maps,
# cascade, Java's \s and offsets; then a memory segmented as OmegaT
# segments: OmegaT's own default
# SRX rules, taken from the installed OmegaT.jar at test time (not copied
# into the repository), give the bundled story the segments OmegaT makes
# of it, and OmegaT in console mode pre-translates from our TMX in tm/auto/
# every segment that our memory holds as a unit of its own.
# Prints the share of OmegaT's segments translated, with and without
# --srx.  Skips (77) when OmegaT or Java is not installed.
# usage: omegat_srx.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# ---- our own rules: maps, cascade, Java's \s, offsets (no OmegaT needed)
srx_file() { # CASCADE
  cat << XML
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="$1"/>
<body><languagerules>
 <languagerule languagerulename="Abbrev">
  <rule break="no"><beforebreak>\bM\.</beforebreak><afterbreak>\s</afterbreak></rule>
 </languagerule>
 <languagerule languagerulename="Base">
  <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
 </languagerule>
</languagerules>
<maprules>
 <languagemap languagepattern="FR.*" languagerulename="Abbrev"/>
 <languagemap languagepattern=".*" languagerulename="Base"/>
</maprules></body></srx>
XML
}
srx_file yes > "$tmp/yes.srx"
srx_file no > "$tmp/no.srx"
printf 'M. Loisel rentra. \xc2\xab\xc2\xa0Ah\xc2\xa0!\xc2\xa0\xc2\xbb dit-il. Fin!\n\nDeux.\n' > "$tmp/t.txt"
ah=$'\xc2\xab\xc2\xa0Ah\xc2\xa0!\xc2\xa0\xc2\xbb' # « Ah ! » with no-break spaces
got=$("$cli" split -l fr-FR --srx "$tmp/yes.srx" "$tmp/t.txt" | tr '\n' '|')
[ "$got" = "M. Loisel rentra.|$ah dit-il.|Fin!||Deux.|" ] || fail "cascade yes, fr: $got"
got=$("$cli" split -l en --srx "$tmp/yes.srx" "$tmp/t.txt" | tr '\n' '|')
[ "$got" = "M.|Loisel rentra.|$ah dit-il.|Fin!||Deux.|" ] || fail "cascade yes, en: $got"
got=$("$cli" split -l fr --srx "$tmp/no.srx" "$tmp/t.txt" 2>&1 | tr '\n' '|')
[ "$got" = "M. Loisel rentra. $ah dit-il. Fin!||Deux.|" ] || fail "cascade no, fr: $got"
# Offsets into the file: the second sentence starts at byte 18.
"$cli" split -l fr --srx "$tmp/yes.srx" -f jsonl "$tmp/t.txt" | sed -n 2p |
  grep -q '"offset":18,' || fail "offsets with --srx"
# No map for the language: a warning, paragraphs whole.
printf '<srx><body><languagerules><languagerule languagerulename="F"><rule><beforebreak>\\.</beforebreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="de" languagerulename="F"/></maprules></body></srx>' > "$tmp/de.srx"
out=$("$cli" split -l fr --srx "$tmp/de.srx" "$tmp/t.txt" 2>&1 > /dev/null)
[[ $out == *"no languagemap matches 'fr'"* ]] || fail "no map: $out"

jar=/usr/share/omegat/OmegaT.jar
[ -f "$jar" ] || jar=$(dpkg -L omegat 2> /dev/null | grep '/OmegaT\.jar$' | head -n 1)
if [ -z "$jar" ] || [ ! -f "$jar" ] || ! command -v java > /dev/null; then
  echo "SKIP: OmegaT (Debian's omegat) or java not installed"
  exit 77
fi
srx=$tmp/omegat.srx
$py - "$jar" "$srx" << 'PY' || { echo "FAIL: no defaultRules.srx in $jar"; exit 1; }
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    data = z.read("org/omegat/core/segmentation/defaultRules.srx")
open(sys.argv[2], "wb").write(data)
PY

story=$src/corpora/parure
"$cli" split -l fr --srx "$srx" "$story/story.fr.txt" > "$tmp/fr.txt" || fail "split --srx"
ours=$(grep -c . "$tmp/fr.txt")

# project DIR TMX: an OmegaT project translating story.fr.txt with TMX in
# tm/auto/; prints "TOTAL REMAINING" from OmegaT's own statistics.
project() {
  local p=$1
  mkdir -p "$p/source" "$p/tm/auto" "$p/target" "$p/omegat" "$p/glossary" \
    "$p/dictionary" "$p/config"
  cp "$story/story.fr.txt" "$p/source/"
  cp "$2" "$p/tm/auto/story.tmx"
  cat > "$p/omegat.project" << 'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>fr</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
XML
  # A fresh configuration folder: OmegaT's default rules, no user's.
  LC_ALL=C.UTF-8 JAVA_TOOL_OPTIONS="-Djava.awt.headless=true -Dfile.encoding=UTF-8" \
    timeout 300 java -jar "$jar" --mode=console-translate --quiet \
    --config-dir="$p/config" --disable-project-locking --no-team "$p" \
    > "$p.log" 2>&1 || { echo "omegat failed:" >&2; tail -n 20 "$p.log" >&2; return 1; }
  [ -s "$p/target/story.fr.txt" ] || { echo "no target/story.fr.txt" >&2; return 1; }
  awk -F'\t' '$1 ~ /^Total:/ { t = $2 + 0 } $1 ~ /^Remaining:/ { r = $2 + 0 }
              END { if (t) print t, r; else exit 1 }' "$p/omegat/project_stats.txt"
}

s=/dev/null
for mode in srx icu; do
  opt=()
  [ $mode = srx ] && opt=(--srx "$srx")
  "$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en "${opt[@]}" \
    -o "$tmp/$mode.tmx" || { fail "align ($mode)"; continue; }
  "$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en "${opt[@]}" \
    -f beads -o "$tmp/$mode.beads" || fail "align -f beads ($mode)"
  read -r total remaining < <(project "$tmp/p-$mode" "$tmp/$mode.tmx") ||
    { fail "OmegaT console-translate ($mode)"; continue; }
  done=$((total - remaining))
  echo "OmegaT segments pre-translated, $mode segmentation: $done of $total" \
    "($(awk -v d=$done -v t=$total 'BEGIN { printf "%.1f%%", 100 * d / t }'))"
  eval "total_$mode=$total done_$mode=$done"
done

if [ -n "${total_srx:-}" ]; then
  # Our SRX engine segments as OmegaT does: the same number of segments.
  [ "$ours" -eq "$total_srx" ] ||
    fail "split --srx gives $ours sentences, OmegaT $total_srx segments"
  # Every source sentence that is a unit's whole source (beads 1-1, 1-2)
  # finds its exact match; those merged with a neighbour (2-1, 3-1) cannot.
  single=$(grep -c '^\[[0-9]*\]:\[' "$tmp/srx.beads")
  merged=$(awk -F: '$1 ~ /,/ { n += split($1, a, ",") } END { print n + 0 }' "$tmp/srx.beads")
  echo "units with one source sentence: $single; source sentences merged in 2-1/3-1 beads: $merged"
  [ "$done_srx" -ge "$single" ] ||
    fail "OmegaT pre-translated $done_srx segments, fewer than the $single single-sentence units"
  [ -n "${done_icu:-}" ] && { [ "$done_srx" -gt "$done_icu" ] ||
    fail "--srx ($done_srx) does not beat ICU's segmentation ($done_icu)"; }
fi

# Bad rules are errors naming the line or the rule.
printf '<srx><body><languagerules>\n<oops></languagerules></body></srx>\n' > "$tmp/bad.srx"
out=$("$cli" split -l fr --srx "$tmp/bad.srx" "$story/story.fr.txt" 2>&1 >/dev/null)
[ $? -eq 2 ] && [[ $out == *"bad.srx: not well-formed XML: line 2"* ]] ||
  fail "malformed SRX: $out"
sed 's|<beforebreak>\[\\.\\?\\!\]+</beforebreak>|<beforebreak>[.?!+</beforebreak>|' "$srx" > "$tmp/re.srx"
out=$("$cli" split -l fr --srx "$tmp/re.srx" "$story/story.fr.txt" 2>&1 >/dev/null)
[ $? -eq 2 ] && [[ $out == *"languagerule 'Default', rule 3, beforebreak: bad regular expression"*U_REGEX* ]] ||
  fail "bad regex: $out"

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "omegat_srx: ok"
