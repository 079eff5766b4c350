#!/usr/bin/env bash
# bench/tmx_read_1g.sh [CLI] [SIZE_MIB]
#
# Reads a generated TMX file of SIZE_MIB (default 1024: 1 GiB) with
# `tmxalign convert --to tsv -o /dev/null` and prints the time and the peak
# resident memory (/usr/bin/time -v), to show that the streaming reader's
# memory stays flat whatever the file size.  The file is generated in a
# temporary directory (TMPDIR) and deleted afterwards; it needs SIZE_MIB of
# free disk.  Figures only, no pass/fail.
set -eu
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
mib="${2:-1024}"
[ -x "$cli" ] || { echo "no CLI at $cli (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One 1 MiB block of units (varied texts with escapes and non-ASCII), then
# the block repeated: generation stays fast and the reader sees real units.
awk 'BEGIN {
  n = 0; size = 0
  while (size < 1048576) {
    n++
    s = sprintf("    <tu tuid=\"%d\">\n      <prop type=\"x-score\">0.%04d</prop>\n      <tuv xml:lang=\"en\">\n        <seg>Sentence %d of the source text, with &amp; and &lt;tags&gt; and some more words to reach a usual length.</seg>\n      </tuv>\n      <tuv xml:lang=\"fr\">\n        <seg>Phrase %d du texte cible, avec « guillemets », des accents (é, è, à) et quelques mots de plus.</seg>\n      </tuv>\n    </tu>\n", n, n % 10000, n, n)
    printf "%s", s
    size += length(s)
  }
}' >"$tmp/block"
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
  printf '  <header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext">\n  </header>\n  <body>\n'
  for ((i = 0; i < mib; i++)); do cat "$tmp/block"; done
  printf '  </body>\n</tmx>\n'
} >"$tmp/big.tmx"
bytes=$(stat -c %s "$tmp/big.tmx")
units=$(( $(grep -c '<tu ' "$tmp/block") * mib ))

/usr/bin/time -v "$cli" convert "$tmp/big.tmx" --to tsv -o /dev/null 2>"$tmp/time"
secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
echo "file: $bytes bytes, $units units"
echo "read (convert --to tsv -o /dev/null): wall $secs, peak RSS $rss KiB"
awk -v b="$bytes" -v t="$secs" 'BEGIN { n = split(t, p, ":"); s = 0;
  for (i = 1; i <= n; i++) s = s * 60 + p[i];
  if (s > 0) printf "throughput: %.1f MiB/s\n", b / 1048576 / s }'
