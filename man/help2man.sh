#!/bin/sh
# Render `tmxalign [CMD] --help` as a man page: tmxalign(1) for CMD "",
# tmxalign-CMD(1) otherwise.  The help text is the one source; this only
# lays it out (usage lines -> SYNOPSIS, the text before the first section
# -> DESCRIPTION, "options:" / "commands:" / "formats:" lists -> tagged
# paragraphs, "examples:" -> literal lines, "exit status:" -> EXIT STATUS).
# When `CMD --batch --help` is a help of its own it becomes BATCH MODE.
# usage: help2man.sh PROGRAM CMD OUT
set -eu
prog=$1; cmd=$2; out=$3
version=$("$prog" --version | awk '{print $2; exit}')
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
  date=$(date -u +%Y-%m-%d)
fi
top=$("$prog" --help)
commands=$(printf '%s\n' "$top" | awk '/^commands:/ {on = 1; next}
  on && /^  [a-z]/ {print $1} on && /^$/ {exit}')
if [ -n "$cmd" ]; then
  name="tmxalign-$cmd"
  # the one-line summary of the command in `tmxalign --help`
  summary=$(printf '%s\n' "$top" | awk -v c="$cmd" '/^commands:/ {on = 1; next}
    on && $1 == c {sub(/^ *[^ ]+ +/, ""); print; exit}')
  help=$("$prog" "$cmd" --help)
  batch=$("$prog" "$cmd" --batch --help 2>/dev/null || true)
  [ "$batch" = "$help" ] && batch=
else
  name=tmxalign
  # the first sentence of the description
  summary=$(printf '%s\n' "$top" | awk 'NR > 1 && /^$/ && !started {next}
    NR > 1 && /^[^ ]/ {started = 1; s = s (s ? " " : "") $0}
    started && /^$/ {exit} END {print s}' |
    sed 's/\. .*//; s/\.$//' | awk '{print tolower(substr($0, 1, 1)) substr($0, 2)}')
  help=$top
  batch=
fi
see=$(for c in $commands; do
  [ "$c" = "$cmd" ] || printf '.BR tmxalign\\-%s (1),\n' "$c"
done)
if [ -n "$cmd" ]; then
  see=".BR tmxalign (1),
$see"
else
  see="$see
.BR tmxalign (3)"
fi
mkdir -p "$(dirname "$out")"
tmp=$out.tmp
render() { # MODE(main|sub): the help text on standard input
  awk -v mode="$1" '
function esc(s) {
  gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
  if (s ~ /^[.'"'"']/) s = "\\&" s
  return s
}
# an option or command term: -s, --source-lang LANG -> bold names, italic values
function term(s,   n, i, w, r, sep) {
  n = split(s, w, " "); r = ""
  for (i = 1; i <= n; i++) {
    sep = ""
    if (w[i] ~ /,$/) { sep = ","; sub(/,$/, "", w[i]) }
    if (w[i] ~ /^-/ || section == "commands") r = r "\\fB" esc(w[i]) "\\fR" sep
    else r = r "\\fI" esc(w[i]) "\\fR" sep
    if (i < n) r = r " "
  }
  return r
}
function heading(h,   u) {
  if (mode == "main") print ".SH " toupper(h)
  else print ".SS " toupper(substr(h, 1, 1)) substr(h, 2)
}
function indent() { match($0, /^ */); return RLENGTH }
function endlit() { if (lit) { print ".fi"; print ".RE"; lit = 0 } }
BEGIN { section = "usage"; blank = 1 }
/^usage: / { sub(/^usage: +/, ""); usage[++nu] = $0; next }
section == "usage" && /^       [^ ]/ { sub(/^ +/, ""); usage[++nu] = $0; next }
section == "usage" && nu && !printed {
  if (mode == "main") print ".SH SYNOPSIS"
  print ".nf"
  for (i = 1; i <= nu; i++) print esc(usage[i])
  print ".fi"
  if (mode == "main") print ".SH DESCRIPTION"
  printed = 1; section = "description"
}
/^$/ { endlit(); blank = 1; para = 1; next }
(blank && /^[a-z][a-z ]*:( |$)/) || /^(options|commands|formats|examples|exit status):( |$)/ {
  h = $0; sub(/:.*/, "", h); rest = $0; sub(/^[^:]*: */, "", rest)
  endlit(); heading(h); section = h; blank = 0; para = 0; inlist = 0
  if (section == "examples") { print ".RS"; print ".nf"; lit = 1 }
  if (rest != "") print esc(rest)
  next
}
section == "examples" {
  if (!lit) { print ".RS"; print ".nf"; lit = 1 }
  sub(/^  /, ""); print esc($0); blank = 0; next
}
# a list entry: a term at most 6 columns in, two spaces, its description
/^ / && indent() <= 6 && match($0, /[^ ]  +[^ ]/) {
  t = substr($0, 1, RSTART); sub(/^ +/, "", t)
  d = substr($0, RSTART + 1); sub(/^ +/, "", d)
  print ".TP"; print term(t); print esc(d); blank = 0; para = 0; inlist = 1; next
}
/^ / { sub(/^ +/, ""); print esc($0); blank = 0; next }
{
  if ((para || inlist) && !first) print ".PP"
  first = 0; para = 0; blank = 0; inlist = 0; print esc($0)
}
END { endlit() }'
}
{
  printf '.\\" Generated from `tmxalign%s --help` by man/help2man.sh: do not edit.\n' "${cmd:+ $cmd}"
  printf '.TH %s 1 "%s" "tmxalign %s" "User Commands"\n' \
    "$(printf '%s' "$name" | tr a-z A-Z | sed 's/-/\\-/g')" "$date" "$version"
  printf '.SH NAME\n%s \\- %s\n' "$(printf '%s' "$name" | sed 's/-/\\-/g')" \
    "$(printf '%s' "$summary" | sed 's/\\/\\e/g; s/-/\\-/g')"
  printf '%s\n' "$help" | render main
  if [ -n "$batch" ]; then
    printf '.SH BATCH MODE\n'
    printf '%s\n' "$batch" | render sub
  fi
  printf '.SH SEE ALSO\n%s\n' "$see" | sed '$ s/,$//'
} > "$tmp"
mv "$tmp" "$out"
