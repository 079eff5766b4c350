#!/usr/bin/env bash
# The bash completion generated from the program (completion/
# gen-completion.sh): registered for tmxalign, it completes commands,
# each command's options (from --list-options), languages, formats (from
# --help), kinds, --opt=value and comma lists; alone and under the
# bash-completion package's loader when it is installed.
set -euo pipefail
cli=$1; top=$2
build=$(dirname "$cli")
file=$build/completion/tmxalign
test -s "$file"
fail=0
# expect "WORDS..." "COMPLETIONS": the completions of the last word
run() {
  bash --norc --noprofile -c '
    source "$1"; shift
    complete -p tmxalign | grep -q -- "-F _tmxalign tmxalign$" || exit 3
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _tmxalign
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' \
    _ "$file" "$@"
}
expect() {
  local want=${*: -1} got
  got=$(run "${@:1:$#-1}")
  if [ "$got" != "$want" ]; then
    echo "completion of '${*:1:$#-1}': got '$got', want '$want'"; fail=1
  fi
}
expect tmxalign "" "--help --version align check convert merge pipe review split"
expect tmxalign c "check convert"
expect tmxalign align --for "--format"
expect tmxalign align --no- "--no-anchor --no-lexicon --no-paragraphs --no-self-train"
expect tmxalign align -f "" "beads epub html jsonl tmx tsv xlsx"
expect tmxalign align --format=t "--format=tmx --format=tsv"
expect tmxalign align --format = j "jsonl"
expect tmxalign align -s fr -t e "el en en-GB en-US es et eu"
expect tmxalign align -t fr,d "fr,da fr,de"
expect tmxalign align --weight c "cognate="
expect tmxalign align --no-anchor p "punct"
expect tmxalign align --batch list.tsv --st "--strict"
expect tmxalign align --st ""
expect tmxalign check -f "" "html json text"
expect tmxalign check --fail-on omission,p "omission,partial-omission omission,punctuation"
expect tmxalign check --color a "always auto"
expect tmxalign check --dict au "auto"
expect tmxalign split --input "" "docx epub html markdown odt pdf po presplit srt text vtt xliff"
expect tmxalign split -l zh- "zh-Hans zh-Hant"
expect tmxalign split --encoding UTF-16 "UTF-16 UTF-16BE UTF-16LE"
expect tmxalign convert --to "" "jsonl tmx tsv"
expect tmxalign merge -- "--help --output --quiet"
expect tmxalign frobnicate --f ""
# every option --list-options gives is offered
for cmd in split align merge convert check; do
  want=$("$cli" "$cmd" --list-options | sort | tr '\n' ' ' | sed 's/ $//')
  expect tmxalign "$cmd" -- "$want"
done
# files for operands and FILE values
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
touch "$tmp/story.fr.txt" "$tmp/story.en.txt"
expect tmxalign align "$tmp/story." "$tmp/story.en.txt $tmp/story.fr.txt"
expect tmxalign check -o "$tmp/story.f" "$tmp/story.fr.txt"
# installed where bash-completion's loader looks for it
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ]; then
  mkdir -p "$tmp/share/bash-completion/completions"
  cp "$file" "$tmp/share/bash-completion/completions/tmxalign"
  got=$(XDG_DATA_DIRS=$tmp/share bash --norc --noprofile -c '
    source "$1"; _completion_loader tmxalign
    COMP_WORDS=(tmxalign split --f); COMP_CWORD=2; _tmxalign
    echo "${COMPREPLY[*]}"' _ "$bc")
  [ "$got" = "--format" ] || { echo "bash-completion loader: got '$got'"; fail=1; }
  echo "completion: loaded by bash-completion's loader"
fi
[ $fail = 0 ] && echo "completion: commands, options, languages, formats, kinds and files complete"
exit $fail
