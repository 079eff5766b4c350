#!/usr/bin/env bash
# e2e: lexical anchors from the command line: --dict (file, auto, none
# installed), --no-lexicon, --lexicon-save / --lexicon-load.  The story and
# dictionaries are in tests/data/lexicon (see SOURCE.md there).
# usage: lexicon_cli.sh CLI SOURCE_DIR
set -u
cli="$1"
data="$2/tests/data/lexicon"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
align() { "$cli" align "$data/story.de.txt" "$data/story.fr.txt" -s de -t fr --presplit "$@"; }
# lexicon costs of a jsonl alignment, one a line
lexcosts() { grep -o '"lexicon":[-0-9.]*' "$1" | cut -d: -f2; }
has_evidence() { lexcosts "$1" | grep -q '^-'; }
no_evidence() { ! has_evidence "$1"; }

"$cli" align --help >"$tmp/help"
check "help lists --dict" grep -q -- '--dict FILE|auto' "$tmp/help"
check "help lists --no-lexicon" grep -q -- '--no-lexicon' "$tmp/help"

# no dictionary installed: a note, and the same alignment as without
mkdir "$tmp/empty"
align -f beads -o "$tmp/plain.beads"
align -f beads -o "$tmp/nolex.beads" --no-lexicon
TMXALIGN_DICT_DIR="$tmp/empty" align -f beads -o "$tmp/auto.beads" \
  --dict auto 2>"$tmp/err"
check "--dict auto, none installed: exit 0" test $? -eq 0
check "--dict auto, none installed: a note" \
  grep -q 'note: lexicon: no dictionary deu-fra or fra-deu' "$tmp/err"
check "--dict auto, none installed: same output" cmp -s "$tmp/plain.beads" "$tmp/auto.beads"
check "too short to self-train: same as --no-lexicon" cmp -s "$tmp/plain.beads" "$tmp/nolex.beads"

# an installed pair is found and said; its translations are evidence
TMXALIGN_DICT_DIR="$data" align -f jsonl -o "$tmp/auto.jsonl" --dict auto -v 2>"$tmp/err"
check "--dict auto: says which" grep -q 'dictionary .*freedict-deu-fra.index: 8 entries' "$tmp/err"
check "--dict auto: lexical evidence" has_evidence "$tmp/auto.jsonl"
check "self-training says why not" grep -q 'fewer than 50: nothing learned' "$tmp/err"
align -f jsonl -o "$tmp/plain.jsonl"
check "without a dictionary: no lexical evidence" no_evidence "$tmp/plain.jsonl"

# a reversed fra-deu .dict.dz, hunalign and TSV dictionaries
for d in freedict-fra-deu.dict.dz hunalign.dic de-fr.tsv; do
  align -f jsonl -o "$tmp/d.jsonl" --dict "$data/$d"
  check "--dict $d: lexical evidence" has_evidence "$tmp/d.jsonl"
done
align -f jsonl -o "$tmp/off.jsonl" --dict "$data/de-fr.tsv" --no-lexicon
check "--no-lexicon wins over --dict" no_evidence "$tmp/off.jsonl"

# save what was learned (nothing here: too short) and load a table
align -f beads -o /dev/null --lexicon-save "$tmp/learned.tsv"
check "--lexicon-save writes a table" grep -q '^# tmxalign lexicon' "$tmp/learned.tsv"
align -f jsonl -o "$tmp/load.jsonl" --lexicon-load "$data/de-fr.tsv"
check "--lexicon-load: lexical evidence" has_evidence "$tmp/load.jsonl"

# errors: exit 2 with the file named
align --dict "$tmp/missing.tsv" -o /dev/null 2>"$tmp/err"
check "missing dictionary: exit 2" test $? -eq 2
check "missing dictionary: named" grep -q 'missing.tsv' "$tmp/err"
printf 'Haus maison\n' >"$tmp/bad.tsv"
align --dict "$tmp/bad.tsv" -o /dev/null 2>"$tmp/err"
check "malformed dictionary: exit 2" test $? -eq 2
check "malformed dictionary: line named" grep -q 'bad.tsv: line 1' "$tmp/err"

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
