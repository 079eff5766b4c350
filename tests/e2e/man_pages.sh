#!/usr/bin/env bash
# The man pages generated from --help (man/help2man.sh, man/lib2man.sh):
# each renders without a groff warning, has NAME, SYNOPSIS, DESCRIPTION,
# OPTIONS (commands) and SEE ALSO, and names every option its command's
# --list-options gives (align's batch options included), so the pages say
# what the program takes.
set -euo pipefail
cli=$1; top=$2
build=$(dirname "$cli")
command -v man > /dev/null || { echo "man not installed"; exit 0; }
fail=0
render() { MANWIDTH=200 man --warnings -l "$1" 2> "$build/man.err"; }
for cmd in "" split align merge convert check; do
  page=$build/man/tmxalign${cmd:+-$cmd}.1
  text=$(render "$page")
  if [ -s "$build/man.err" ]; then
    echo "$page: warnings:"; cat "$build/man.err"; fail=1
  fi
  if [ -n "$cmd" ]; then more="OPTIONS EXAMPLES"; else more=COMMANDS; fi
  for section in NAME SYNOPSIS DESCRIPTION "SEE ALSO" $more; do
    grep -q "^$section" <<<"$text" || { echo "$page: no $section"; fail=1; }
  done
  [ -n "$cmd" ] || continue
  opts=$("$cli" "$cmd" --list-options)
  [ "$cmd" = align ] && opts="$opts $("$cli" align --batch --list-options)"
  for o in $opts; do
    grep -q -- "$o\b" <<<"$text" || { echo "$page: no $o"; fail=1; }
  done
done
text=$(render "$build/man/tmxalign.3")
[ -s "$build/man.err" ] && { echo "tmxalign.3: warnings:"; cat "$build/man.err"; fail=1; }
for want in "ta_align(fr, en, &ao, &al, &err)" "THE HEADERS" "ERRORS AND NOTES" \
    "TA_ELANG" "ABI AND VERSIONING" "pkg-config"; do
  grep -qF -- "$want" <<<"$text" || { echo "tmxalign.3: no '$want'"; fail=1; }
done
rm -f "$build/man.err"
[ $fail = 0 ] && echo "man pages: 7 render cleanly and name every option"
exit $fail
