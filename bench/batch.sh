#!/usr/bin/env bash
# bench/batch.sh [CLI] [PAIRS]
#
# Batch alignment throughput: generates PAIRS (default 1000) presplit
# German/French document pairs of 20 to 60 source sentences each, drawn
# from the Text+Berg dev set ($TA_SHARED/eval/textberg-dev, TA_SHARED
# defaulting to the repository's ../shared) by bench/gen_batch.py, aligns
# them into one TMX with -j 1, -j 2 (and -j 2 --dict auto when FreeDict
# deu-fra is installed), and prints pairs/s, sentences/s and
# peak RSS (/usr/bin/time -v).  The machine's load average is printed
# first: the figures are only as good as the machine was idle.  Files go to
# a temporary directory (TMPDIR) and are deleted.  Figures only, no
# thresholds.
set -eu
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
pairs="${2:-1000}"
shared="${TA_SHARED:-$here/../shared}"
tb="$shared/eval/textberg-dev"
[ -x "$cli" ] || { echo "no CLI at $cli (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 2; }
if [ ! -f "$tb/gold.txt" ]; then
  echo "skipped: $tb not found (set TA_SHARED)"
  exit 0
fi
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-0}" # identical outputs
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/bench/gen_batch.py" "$tb/src.de" "$tb/tgt.fr" \
  "$tb/gold.txt" "$tmp" "$pairs"
echo "pairs: $pairs, $(cat "$tmp"/*.src.txt | grep -c .) + $(cat "$tmp"/*.tgt.txt | grep -c .) sentences, $(cat "$tmp"/*.txt | wc -c) bytes"
echo "cores: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # run NAME OPTIONS...: one timed batch into $tmp/out-NAME.tmx
  local name="$1" sum secs rss cpu user sys
  shift
  /usr/bin/time -v "$cli" align --batch "$tmp/manifest.tsv" -s de -t fr \
    --presplit "$@" -o "$tmp/out-$name.tmx" 2>"$tmp/time-$name"
  sum=$(grep '^tmxalign: [0-9]* pairs' "$tmp/time-$name")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time-$name")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time-$name")
  cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$tmp/time-$name")
  user=$(sed -n 's/.*User time (seconds): //p' "$tmp/time-$name")
  sys=$(sed -n 's/.*System time (seconds): //p' "$tmp/time-$name")
  sum="${sum#tmxalign: }"
  echo "$*: ${sum% -> *}"
  echo "$*: wall $secs, CPU $cpu (user $user s, sys $sys s:" \
    "$(awk -v p="$pairs" -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", p / (u + s) }')" \
    "pairs per CPU-second), peak RSS $rss KiB, TMX $(stat -c %s "$tmp/out-$name.tmx") bytes"
}
run 1 -j 1
run 2 -j 2
if cmp -s "$tmp/out-1.tmx" "$tmp/out-2.tmx"; then
  echo "-j 1 and -j 2 outputs: identical"
else
  echo "-j 1 and -j 2 outputs: DIFFERENT"
fi
# One dictionary table shared by all pairs, when FreeDict deu-fra is there.
if [ -e "${TMXALIGN_DICT_DIR:-/usr/share/dictd}/freedict-deu-fra.index" ]; then
  run dict -j 2 --dict auto
else
  echo "--dict auto: no FreeDict deu-fra installed, skipped"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
