#!/usr/bin/env bash
# The bilingual reader page (align -f html) of the bundled story, rendered
# by headless Chromium (Debian package chromium) to two PNGs: a desktop
# window (docs/reader.png) and a phone's width (docs/reader-narrow.png).
# The scores are the aligner's own: no bead is forced to look weak.
#
# usage: bench/reader_screenshot.sh [CLI] [OUT_DIR]
#   CLI defaults to build/tmxalign, OUT_DIR to docs
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$here/build/tmxalign}"
out="${2:-$here/docs}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
command -v chromium >/dev/null || {
  echo "reader_screenshot: chromium not installed (apt-get install chromium)" >&2
  exit 0
}
"$cli" align "$here/corpora/parure/story.fr.txt" \
  "$here/corpora/parure/story.en.txt" -s fr -t en -o "$tmp/book.html"
shot() { # NAME WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --hide-scrollbars \
    --screenshot="$tmp/$1" --window-size="$2,$3" \
    "file://$tmp/book.html" >/dev/null 2>&1
  cp "$tmp/$1" "$out/$1"
  echo "reader_screenshot: $out/$1 ($(stat -c %s "$out/$1") bytes)"
}
shot reader.png 1200 760
shot reader-narrow.png 400 760
echo "reader_screenshot: page $(stat -c %s "$tmp/book.html") bytes"
