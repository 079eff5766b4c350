#!/bin/bash
# tmxalign split on bad input and bad usage: exit status, and a one-line
# message naming the file and byte.  usage: split_errors.sh CLI SOURCE_DIR
set -u
cli=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect NAME STATUS MESSAGE -- ARGS...: exit status and a stderr substring.
expect() {
  local name=$1 want=$2 msg=$3
  shift 4
  "$cli" "$@" > "$tmp/out" 2> "$tmp/err"
  local st=$?
  [ $st -eq "$want" ] || fail "$name: exit $st, expected $want ($(cat "$tmp/err"))"
  if [ -z "$msg" ]; then
    [ -s "$tmp/err" ] && fail "$name: unexpected stderr: $(cat "$tmp/err")"
  else
    grep -qF -- "$msg" "$tmp/err" || fail "$name: stderr lacks [$msg]: $(cat "$tmp/err")"
  fi
  [ "$(wc -l < "$tmp/err")" -le 1 ] || fail "$name: more than one line on stderr"
}

printf 'Bonjour, voici\0un NUL.' > "$tmp/nul.txt"
printf 'Un \xc3\xa9t\xc3\xa9 chaud \xff ici.' > "$tmp/damaged.txt"
printf 'Le caf\xe9 \xe9tait chaud. Il a bu.\n' > "$tmp/w1252.txt"
printf '\xff\xfeH\0i\0.\0 \0O\0k\0.\0' > "$tmp/u16.txt"
: > "$tmp/empty.txt"
mkdir "$tmp/dir"
echo "Bonjour. Au revoir." > "$tmp/ok.txt"

expect missing 2 "$tmp/none.txt: no such file" -- split "$tmp/none.txt" -l fr
expect directory 2 "$tmp/dir: is a directory" -- split "$tmp/dir" -l fr
expect empty 0 "note: $tmp/empty.txt: empty input" -- split "$tmp/empty.txt" -l fr
[ -s "$tmp/out" ] && fail "empty: printed something"
expect nul 2 "nul.txt: byte 14: NUL byte; is this a binary or UTF-16 file without BOM? use --encoding" -- split "$tmp/nul.txt" -l fr
expect damaged 2 "damaged.txt: byte 15: invalid UTF-8" -- split "$tmp/damaged.txt" -l fr
printf '<html><head><meta charset="iso-2022-jp"></head><body><p>\x1b$B\xff\xfe</p></body></html>' > "$tmp/jis.html"
expect html-charset 2 "jis.html: byte 59: not valid in the page's encoding" -- split "$tmp/jis.html" -l ja
expect detected 0 "w1252.txt: not valid UTF-8 at byte 6; decoded as" -- split "$tmp/w1252.txt" -l fr
grep -qxF "Le café était chaud." "$tmp/out" || fail "detected: text not decoded"
expect given 0 "" -- split "$tmp/w1252.txt" -l fr --encoding windows-1252
grep -qxF "Le café était chaud." "$tmp/out" || fail "given: text not decoded"
expect utf16 0 "" -- split "$tmp/u16.txt" -l en
[ "$(cat "$tmp/out")" = "$(printf 'Hi.\nOk.')" ] || fail "utf16: $(cat "$tmp/out")"
expect bad-encoding 2 "unknown encoding 'klingon'" -- split "$tmp/ok.txt" -l fr --encoding klingon
expect bogus-lang 2 "unknown language tag 'xx-bogus'" -- split "$tmp/ok.txt" -l xx-bogus
expect no-lang 2 "no language given" -- split "$tmp/ok.txt"
expect no-file 2 "no FILE given" -- split -l fr
expect unknown-option 2 "unknown option '--frobnicate'" -- split "$tmp/ok.txt" -l fr --frobnicate
expect missing-value 2 "needs a value" -- split "$tmp/ok.txt" -l
expect bad-format 2 "--format" -- split "$tmp/ok.txt" -l fr --format xml
expect too-big 2 "max_input_bytes" -- split "$tmp/ok.txt" -l fr --max-input 5
expect help 0 "" -- split --help
grep -q "examples:" "$tmp/out" || fail "help: no examples"
expect stdin 0 "" -- split - -l fr < "$tmp/ok.txt"
[ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "stdin: $(cat "$tmp/out")"

[ $fails -eq 0 ] && echo "split_errors: all checks passed"
exit $((fails > 0))
