#!/bin/sh
# tmxalign(3): the opening comment of tmxalign.h (what the library is, the
# complete example program, ownership and errors) followed by sections of
# docs/library.md (the headers, errors and notes, threads, ABI and
# versioning, building against it), Markdown laid out as man(7).
# usage: lib2man.sh tmxalign.h library.md VERSION OUT
set -eu
header=$1; md=$2; version=$3; out=$4
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
  date=$(date -u +%Y-%m-%d)
fi
mkdir -p "$(dirname "$out")"
tmp=$out.tmp
{
printf '.\\" Generated from include/tmxalign/tmxalign.h and docs/library.md by man/lib2man.sh: do not edit.\n'
printf '.TH TMXALIGN 3 "%s" "tmxalign %s" "Library Functions Manual"\n' "$date" "$version"
# ---- the header's opening comment
awk '
function esc(s) {
  gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
  if (s ~ /^[.'"'"']/) s = "\\&" s
  return s
}
NR == 1 { sub(/^\/\* */, "") }
{ done = sub(/ *\*\/.*$/, "") }
NR > 1 { if (!sub(/^ \* ?/, "")) sub(/^ \*$/, "") }
NR == 1 {
  name = $0; sub(/^tmxalign: */, "", name)
  print ".SH NAME"; print "tmxalign \\- " esc(name)
  getline; sub(/^ \* ?/, ""); sub(/\.$/, "")
  print esc($0)
  print ".SH SYNOPSIS"; print ".nf"; print ".B #include <tmxalign/tmxalign.h>"
  print ".PP"; print "Compile and link with \\fI$(pkg\\-config \\-\\-cflags \\-\\-libs tmxalign)\\fR,"
  print "or in CMake: \\fBfind_package(tmxalign)\\fR and \\fBtmxalign::tmxalign\\fR"
  print "(or \\fBtmxalign::tmxalign_static\\fR)."; print ".fi"
  print ".SH DESCRIPTION"
  next
}
/^  / { if (!lit) { print ".PP"; print ".RS"; print ".nf"; lit = 1 } sub(/^  /, ""); print esc($0); next }
/^$/ { if (lit) { print ".fi"; print ".RE"; lit = 0 } para = 1; next }
{
  if (lit) { print ".fi"; print ".RE"; lit = 0 }
  if (para) print ".PP"
  para = 0; print esc($0)
}
done { if (lit) { print ".fi"; print ".RE" } exit }
' "$header"
# ---- sections of docs/library.md
awk -v keep="|The headers|Errors and notes|Threads|ABI and versioning|Building against it|" '
function esc(s) {
  gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
  if (s ~ /^[.'"'"']/) s = "\\&" s
  return s
}
# inline Markdown: `code` and **strong** in bold, [text](link) as text
function inl(s,   r, a) {
  s = esc(s); r = ""
  while (match(s, /\[[^]]*\]\([^)]*\)/)) {
    a = substr(s, RSTART + 1, RLENGTH); sub(/\].*/, "", a)
    r = r substr(s, 1, RSTART - 1) a; s = substr(s, RSTART + RLENGTH)
  }
  s = r s; r = ""
  while (match(s, /`[^`]*`/)) {
    r = r substr(s, 1, RSTART - 1) "\\fB" substr(s, RSTART + 1, RLENGTH - 2) "\\fR"
    s = substr(s, RSTART + RLENGTH)
  }
  s = r s
  while (match(s, /\*\*[^*]*\*\*/))
    s = substr(s, 1, RSTART - 1) "\\fB" substr(s, RSTART + 2, RLENGTH - 4) "\\fR" substr(s, RSTART + RLENGTH)
  return s
}
/^## / { h = substr($0, 4); on = index(keep, "|" h "|") > 0
         if (on) print ".SH " toupper(h); next }
/^# / { on = 0; next }
!on { next }
/^```/ { if (code) { print ".fi"; print ".RE"; code = 0 } else { print ".PP"; print ".RS"; print ".nf"; code = 1 } next }
code { print esc($0); next }
/^\|[- |]*\|$/ { next }                       # a table rule
/^\|/ {                                       # a table row: term, text
  n = split($0, c, /\|/)
  if (!rows++) next                           # the column titles
  t = c[2]; d = ""
  for (i = 3; i < n; i++) d = d (d == "" ? "" : " \\- ") c[i]
  gsub(/^ +| +$/, "", t); gsub(/^ +| +$/, "", d)
  print ".TP"; print inl(t); print inl(d); next
}
/^$/ { para = 1; rows = 0; next }
/^- / { print ".IP \\(bu 2"; print inl(substr($0, 3)); para = 0; next }
/^  [^ ]/ && !para { sub(/^ +/, ""); print inl($0); next }
{ if (para) print ".PP"; para = 0; print inl($0) }
' "$md"
printf '.SH SEE ALSO\n.BR tmxalign (1),\n.BR pkg\\-config (1)\n'
} > "$tmp"
mv "$tmp" "$out"
