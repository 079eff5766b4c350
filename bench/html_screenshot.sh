#!/usr/bin/env bash
# The HTML check report of the bundled story with a few injected faults,
# rendered by headless Chromium (Debian package chromium) to a PNG.
#
# Faults in the English: one sentence deleted, a date changed, a question
# left in French, a closing quote lost (and the translation's own omission,
# "Et elle pleurait pendant des jours entiers...").
#
# usage: bench/html_screenshot.sh [CLI] [OUT.png]
#   CLI defaults to build/tmxalign, OUT to docs/check-report.png
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
out="${2:-$here/docs/check-report.png}"
d="$here/tests/data/check"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
command -v chromium >/dev/null || {
  echo "html_screenshot: chromium not installed (apt-get install chromium)" >&2
  exit 0
}
sed -e '/^Instead of being delighted, as her husband had hoped/d' \
    -e 's/January 18th/January 19th/' \
    -e "s/^“What do you wish me to do with that?”$/— Que veux-tu que je fasse de cela ?/" \
    -e 's/I don.t know anything better than that,”/I do not know anything better than that,/' \
    "$d/story.en.txt" >"$tmp/story.en.txt"
cp "$d/story.fr.txt" "$tmp/story.fr.txt"
(cd "$tmp" && "$cli" check story.fr.txt story.en.txt -s fr -t en --presplit \
  -f html -o report.html -q) || true
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars \
  --screenshot="$tmp/shot.png" --window-size=1400,1000 \
  "file://$tmp/report.html" >/dev/null 2>&1
cp "$tmp/shot.png" "$out"
echo "html_screenshot: $out ($(stat -c %s "$out") bytes; report" \
  "$(stat -c %s "$tmp/report.html") bytes)"
