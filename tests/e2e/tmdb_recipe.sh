#!/bin/bash
# docs/tmx.md's translate-toolkit recipe, run as written (the block between
# its tmdb-recipe markers) on the TMX of La Parure: the database it builds
# stores the French side as fr and the English as en, and a lookup of a
# French sentence of the story returns its English unit, exactly (quality
# 100) and only for fr -> en.  Skipped (77) without translate-toolkit.
# usage: tmdb_recipe.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
$py -c 'import translate.storage.tmdb' 2> /dev/null || {
  echo "SKIP: translate-toolkit not installed (apt-get install translate-toolkit)"
  exit 77
}
story=$src/corpora/parure
"$cli" align "$story/story.fr.txt" "$story/story.en.txt" -s fr -t en \
  -o "$tmp/story.tmx" || fail "align -o story.tmx"
# the recipe, its indentation in the list item removed
sed -n '/<!-- tmdb-recipe -->/,/<!-- \/tmdb-recipe -->/p' "$src/docs/tmx.md" |
  sed -e '/^ *<!--/d' -e '/^ *```/d' -e 's/^  //' > "$tmp/recipe.sh"
grep -q "add_store" "$tmp/recipe.sh" || fail "no recipe found in docs/tmx.md"
(cd "$tmp" && bash recipe.sh) || fail "the recipe failed"
"$cli" convert "$tmp/story.tmx" -f tsv -o "$tmp/story.tsv" || fail "convert"
$py - "$tmp" << 'EOF' || fail "the lookup"
import sys
from translate.storage import tmdb
tmp = sys.argv[1]
pairs = [l.split("\t") for l in open(tmp + "/story.tsv", encoding="utf-8")
         .read().split("\n") if l]
db = tmdb.TMDB(tmp + "/tm.db")
langs = {r for r in db.cursor.execute("SELECT DISTINCT lang FROM sources")}
assert langs == {("fr",)}, langs
src, tgt = next(p for p in pairs
                if p[0].startswith("Elle fut simple, ne pouvant être parée"))
hits = db.translate_unit(src, "fr", "en")
assert hits and hits[0]["target"] == tgt and hits[0]["quality"] == 100, hits[:1]
assert not db.translate_unit(src, "en", "fr"), "found the wrong way round"
print("lookup:", src[:40], "->", hits[0]["target"][:40])
EOF
if [ $fails -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "ok"
