#!/usr/bin/env bash
# bench/tmx_merge.sh [CLI] [UNITS]
#
# Merges two generated TMX files of UNITS distinct units each (default
# 1,000,000; half of the second file repeats the first) and prints time and
# peak RSS (/usr/bin/time -v): merge keeps a digest per distinct unit, not
# the texts, so RSS grows by roughly 100 bytes per distinct unit.  Files go
# to a temporary directory (TMPDIR) and are deleted.  Figures only.
set -eu
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
units="${2:-1000000}"
[ -x "$cli" ] || { echo "no CLI at $cli (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gen() { # gen FIRST COUNT > file: units numbered FIRST..FIRST+COUNT-1
  awk -v first="$1" -v count="$2" 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"
    print "  <header creationtool=\"bench\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"bench\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\">\n  </header>\n  <body>"
    for (i = first; i < first + count; i++)
      printf "    <tu>\n      <prop type=\"x-score\">0.%04d</prop>\n      <tuv xml:lang=\"en\">\n        <seg>Sentence number %d of the source text.</seg>\n      </tuv>\n      <tuv xml:lang=\"fr\">\n        <seg>Phrase numéro %d du texte cible.</seg>\n      </tuv>\n    </tu>\n", i % 10000, i, i
    print "  </body>\n</tmx>"
  }'
}
gen 0 "$units" >"$tmp/a.tmx"
gen $((units / 2)) "$units" >"$tmp/b.tmx"
/usr/bin/time -v "$cli" merge "$tmp/a.tmx" "$tmp/b.tmx" -o "$tmp/out.tmx" 2>"$tmp/time"
grep '^tmxalign:' "$tmp/time"
secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
echo "inputs: $(stat -c %s "$tmp/a.tmx") + $(stat -c %s "$tmp/b.tmx") bytes"
echo "merge: wall $secs, peak RSS $rss KiB"
