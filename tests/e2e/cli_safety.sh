#!/usr/bin/env bash
# e2e: no command destroys an input.  An output that is an input (by name,
# by another path, by a hard link) or another output of the run is
# refused before any work and the file is left as it was; merge's output
# may be one of its inputs (documented: all are read before the rename).
# Contradicting options and both sides on standard input are refused.
# usage: cli_safety.sh CLI SOURCE_DIR
set -u
export SOURCE_DATE_EPOCH=1700000000 # the merges compare byte for byte
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
cd "$tmp" || exit 2
cp "$src/corpora/parure/story.fr.txt" a.fr.txt
cp "$src/corpora/parure/story.en.txt" a.en.txt
cp "$src/tests/data/tmx/good.tmx" s.tmx
cp a.fr.txt a.fr.orig; cp a.en.txt a.en.orig; cp s.tmx s.orig
printf 'a.fr.txt\ta.en.txt\n' >m.tsv
cp m.tsv m.orig
ln a.en.txt hard.txt

# refused NAME MESSAGE ARGS...: exit 2, MESSAGE on stderr, no input
# changed and no temporary file left.
refused() {
  local name="$1" msg="$2"; shift 2
  "$cli" "$@" </dev/null >out 2>err
  check "$name: exit 2" test $? -eq 2
  check "$name: says [$msg]" grep -qF -- "$msg" err
  for f in a.fr a.en s m; do
    check "$name: $f unchanged" cmp -s "$f.orig" "$(ls $f.txt $f.tmx $f.tsv 2>/dev/null | head -1)"
  done
  check "$name: no temporary" test -z "$(ls -a | grep -E '\.tmp-|^\.tmxalign-')"
}
A=(align a.fr.txt a.en.txt -s fr -t en)
C=(check a.fr.txt a.en.txt -s fr -t en -q)
D="an input or output of this run"
refused "align -o SRC" "a.fr.txt: is also $D" "${A[@]}" -f tsv -o a.fr.txt
refused "align -o ./TGT" "./a.en.txt: is also a.en.txt, $D" "${A[@]}" -f tsv -o ./a.en.txt
refused "align -o hard link" "hard.txt: is also a.en.txt" "${A[@]}" -f tsv -o hard.txt
refused "align --lexicon-save SRC" "a.fr.txt: is also" "${A[@]}" --lexicon-save a.fr.txt
refused "align --lexicon-save X -o X" "x.tsv: is also" "${A[@]}" --lexicon-save x.tsv -o ./x.tsv
refused "align -o --dict" "m.tsv: is also" "${A[@]}" --dict m.tsv -f tsv -o m.tsv
refused "align -o --lexicon-load" "m.tsv: is also" "${A[@]}" --lexicon-load m.tsv -f tsv -o m.tsv
refused "align --batch -o MANIFEST" "m.tsv: is also" align --batch m.tsv -s fr -t en -f tsv -o m.tsv
refused "align --batch -o a pair's file" "a.en.txt: is also" align --batch m.tsv -s fr -t en -f tsv -o a.en.txt
refused "check -o TGT" "a.en.txt: is also" "${C[@]}" -f text -o a.en.txt
refused "check --lexicon-save SRC" "a.fr.txt: is also" "${C[@]}" --lexicon-save a.fr.txt
refused "convert -o IN" "s.tmx: is also" convert s.tmx -f tsv -o s.tmx
refused "split -o IN" "a.fr.txt: is also" split a.fr.txt -l fr -o a.fr.txt
refused "align - -" "only one file can be standard input" align - - -s fr -t en
refused "check - -" "only one file can be standard input" check - - -s fr -t en
refused "--strip-tags --keep-tags" "--strip-tags and --keep-tags cannot both be given" convert s.tmx --strip-tags --keep-tags
refused "-f --to" "--format and --to cannot both be given" convert s.tmx -f tsv --to jsonl
refused "--input --presplit" "--input and --presplit cannot both be given" split a.fr.txt -l fr --input html --presplit
for o in "--dict m.tsv" "--lexicon-load m.tsv" "--lexicon-save x.tsv"; do
  # shellcheck disable=SC2086
  refused "--no-lexicon $o" "--no-lexicon and ${o%% *} cannot both be given" "${A[@]}" --no-lexicon $o
done
refused "--no-self-train --lexicon-save" "--no-self-train and --lexicon-save cannot both be given" "${A[@]}" --no-self-train --lexicon-save x.tsv
refused "--lexicon-save with two translations" "--lexicon-save takes a single translation" align a.fr.txt a.en.txt a.en.txt -s fr -t en,de -o t.tmx --lexicon-save x.tsv
refused "align --batch --pair-dir" "--batch and --pair-dir cannot both be given" align --batch m.tsv --pair-dir . -s fr -t en
refused "check --batch --lexicon-save" "--batch and --lexicon-save cannot both be given" check --batch m.tsv -s fr -t en -o r --lexicon-save x.tsv
refused "--max-input" "a.fr.txt: 17104 bytes exceeds the limit of 100" "${A[@]}" --max-input 100
refused "check --max-input" "exceeds the limit of 100" "${C[@]}" --max-input 100
refused "align --batch --max-input" "exceeds the limit of 100" align --batch m.tsv -s fr -t en -q --max-input 100
test ! -e x.tsv; check "no lexicon saved by a refused run" test $? -eq 0

# What stays allowed: another name, a device, standard output, and merge
# onto one of its inputs.
"$cli" "${A[@]}" -f tsv -o /dev/null; check "align -o /dev/null" test $? -eq 0
"$cli" "${A[@]}" --max-input 17104 -o ok.tmx; check "--max-input at the size" test $? -eq 0
"$cli" "${A[@]}" --one-pass -o new.tmx
"$cli" merge ok.tmx new.tmx -q -o fresh.tmx; check "merge into a new file" test $? -eq 0
cp ok.tmx old.tmx
"$cli" merge old.tmx new.tmx -q -o old.tmx; check "merge old new -o old" test $? -eq 0
check "merge old new -o old = merge into a new file" cmp -s old.tmx fresh.tmx

if [ "$fails" -ne 0 ]; then echo "$fails failure(s)"; exit 1; fi
