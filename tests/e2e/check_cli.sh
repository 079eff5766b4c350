#!/usr/bin/env bash
# e2e: tmxalign check on the seed article (corpora/pentagon) and the story
# (tests/data/check, pre-split): exit codes, the deleted sentence named,
# JSON that parses, HTML that parses, batch mode with its index.
# usage: check_cli.sh CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

"$cli" check --help >"$tmp/help" 2>&1
check "--help exits 0" test $? -eq 0
check "--help has examples" grep -q '^examples:' "$tmp/help"
"$cli" check 2>/dev/null
check "no arguments: exit 2" test $? -eq 2
"$cli" check a b -s fr -t en --fail-on nonsense 2>/dev/null
check "unknown kind: exit 2" test $? -eq 2
"$cli" check "$tmp/none.fr" "$tmp/none.en" -s fr -t en 2>"$tmp/err"
check "missing file: exit 2" test $? -eq 2
check "missing file named" grep -q 'none.fr' "$tmp/err"

# the seed article and its translation: complete
p="$src/corpora/pentagon"
"$cli" check "$p/article.fr.txt" "$p/article.en.txt" -s fr -t en >"$tmp/out"
check "article complete: exit 0" test $? -eq 0
check "article verdict complete" grep -q '^# verdict: complete' "$tmp/out"
# one English sentence deleted: exit 1, the French sentence named
gone='Belousov warned the Pentagon chief of “the dangers of further escalation in terms of continued US arms deliveries to the Ukrainian armed forces.”'
sed "s/ $gone//" "$p/article.en.txt" >"$tmp/article.en.txt"
check "sentence really deleted" test "$(grep -c 'Belousov warned' "$tmp/article.en.txt")" -eq 0
"$cli" check "$p/article.fr.txt" "$tmp/article.en.txt" -s fr -t en >"$tmp/out"
check "sentence deleted: exit 1" test $? -eq 1
check "the French sentence is named as an omission" \
  grep -q 'omission: .*Belousov a mis en garde le chef du Pentagone' "$tmp/out"
line=$(grep -n 'Belousov a mis en garde' "$p/article.fr.txt" | cut -d: -f1)
check "with its line" grep -q "^$p/article.fr.txt:$line: .*omission" "$tmp/out"

# the story, pre-split; JSON and HTML
d="$src/tests/data/check"
"$cli" check "$d/story.fr.txt" "$d/story.en.txt" -s fr -t en --presplit \
  -f json -o "$tmp/story.json" 2>"$tmp/err"
# the published translation leaves one sentence out: "Et elle pleurait..."
check "story as published: exit 1" test $? -eq 1
check "verdict on stderr with -o" grep -q 'incomplete, coverage' "$tmp/err"
check "json parses" /usr/bin/python3 -m json.tool "$tmp/story.json" /dev/null
check "the story's own omission named" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
f = [f for f in r["findings"] if f["kind"] in ("omission", "partial-omission")
     and f["severity"] != "info"]
assert any(x["source"]["text"].startswith("Et elle pleurait") and
           x["source"]["line"] == 23 for x in f), f
' "$tmp/story.json"
sed '/^She wrote at his dictation\.$/d; s/January 18th/January 19th/' \
  "$d/story.en.txt" >"$tmp/story.en.txt"
"$cli" check "$d/story.fr.txt" "$tmp/story.en.txt" -s fr -t en --presplit \
  -f html -o "$tmp/story.html" -q
check "damaged story: exit 1" test $? -eq 1
check "html parses without error" xmllint --html --noout "$tmp/story.html"
check "html names the omission" grep -q 'Elle écrivit sous sa dictée' "$tmp/story.html"
"$cli" check "$d/story.fr.txt" "$tmp/story.en.txt" -s fr -t en --presplit \
  -f json --fail-on none --min-coverage 0.9 -o "$tmp/d.json" -q
check "thresholds relaxed: exit 0" test $? -eq 0
check "number finding in json" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "tmxalign-check" and r["version"] == 2
kinds = [f["kind"] for f in r["findings"]]
assert "number" in kinds, kinds
n = [f for f in r["findings"] if f["kind"] == "number"][0]
assert "18 janvier" in n["source"]["text"], n
assert "January 19th" in n["target"]["text"], n
assert n["source"]["line"] == 31 and n["target"]["line"] == 32, n
' "$tmp/d.json"

"$cli" check "$d/story.fr.txt" - -s fr -t en --presplit <"$tmp/story.en.txt" >"$tmp/stdin.txt"
check "target from standard input" grep -q '^# tmxalign check: .* -> <stdin> (en, 226 sentences)' "$tmp/stdin.txt"

# batch: manifest paths relative to it, index worst first
mkdir -p "$tmp/m/fr" "$tmp/m/en"
cp "$d/story.fr.txt" "$tmp/m/fr/story.txt"
cp "$d/story.en.txt" "$tmp/m/en/story.txt"
cp "$d/story.fr.txt" "$tmp/m/fr/cut.txt"
cp "$tmp/story.en.txt" "$tmp/m/en/cut.txt"
printf '# pairs\nfr/story.txt\ten/story.txt\nfr/cut.txt\ten/cut.txt\nfr/lost.txt\ten/lost.txt\n' \
  >"$tmp/m/pairs.tsv"
"$cli" check --batch "$tmp/m/pairs.tsv" -s fr -t en --presplit -f json \
  -o "$tmp/out.d" 2>"$tmp/err"
check "batch with an unreadable pair: exit 2" test $? -eq 2
check "batch index" test -s "$tmp/out.d/index.json"
check "one report per readable pair" test -s "$tmp/out.d/1-fr_story.txt.check.json" -a \
  -s "$tmp/out.d/2-fr_cut.txt.check.json"
check "no report for the unreadable pair" test ! -e "$tmp/out.d/3-fr_lost.txt.check.json"
check "index worst first" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
v = [p["verdict"] for p in r["pairs"]]
assert v == ["error", "incomplete", "incomplete"], v
assert [p["source"] for p in r["pairs"]] == \
    ["fr/lost.txt", "fr/cut.txt", "fr/story.txt"], r["pairs"]
' "$tmp/out.d/index.json"
printf 'fr/story.txt\ten/story.txt\n' >"$tmp/m/ok.tsv"
"$cli" check --batch "$tmp/m/ok.tsv" -s fr -t en --presplit -f html \
  --fail-on number --min-coverage 0.95 -o "$tmp/ok.d" -q
check "batch all complete by the thresholds: exit 0" test $? -eq 0
check "html index parses" xmllint --html --noout "$tmp/ok.d/index.html"

# batch report names: unique and stable even when flattened paths collide
# ("sub/x" and "sub_x") or one source has two translations; each entry of
# the index links to its own pair's report.
mkdir -p "$tmp/c/sub"
cp "$d/story.fr.txt" "$tmp/c/sub/x.fr.txt"
cp "$d/story.fr.txt" "$tmp/c/sub_x.fr.txt"
cp "$d/story.en.txt" "$tmp/c/x.en.txt"
cp "$tmp/story.en.txt" "$tmp/c/cut.en.txt"
printf 'sub/x.fr.txt\tx.en.txt\nsub_x.fr.txt\tcut.en.txt\nsub/x.fr.txt\tcut.en.txt\n' \
  >"$tmp/c/pairs.tsv"
for i in 1 2 3 4 5 6 7 8 9 10; do
  printf 'sub/x.fr.txt\tx.en.txt\n'
done >"$tmp/c/ten.tsv"
"$cli" check --batch "$tmp/c/pairs.tsv" -s fr -t en --presplit -f json -q \
  -o "$tmp/c.d"
check "colliding names: exit 1 (two incomplete pairs)" test $? -eq 1
check "colliding names: three reports" test "$(ls "$tmp/c.d" | grep -c '\.check\.json$')" -eq 3
check "colliding names: each entry links to its own report" /usr/bin/python3 -c '
import json, os, sys
d = sys.argv[1]
r = json.load(open(os.path.join(d, "index.json")))
want = {("sub/x.fr.txt", "x.en.txt"): "1-sub_x.fr.txt.check.json",
        ("sub_x.fr.txt", "cut.en.txt"): "2-sub_x.fr.txt.check.json",
        ("sub/x.fr.txt", "cut.en.txt"): "3-sub_x.fr.txt.check.json"}
got = {(p["source"], p["target"]): p["report"] for p in r["pairs"]}
assert got == want, got
for p in r["pairs"]:  # each report is its own pair: same target, verdict
    rep = json.load(open(os.path.join(d, p["report"])))
    assert p["target"] in json.dumps(rep["target"]), (p, rep["target"])
    assert rep["summary"]["verdict"] == p["verdict"], p
    assert rep["summary"]["coverage"] == p["coverage"], p
' "$tmp/c.d"
"$cli" check --batch "$tmp/c/ten.tsv" -s fr -t en --presplit -f text -q -o "$tmp/ten.d"
check "ten pairs: numbers padded to two digits" test -s "$tmp/ten.d/01-sub_x.fr.txt.check.txt" -a \
  -s "$tmp/ten.d/10-sub_x.fr.txt.check.txt"

# -o FILE with --batch: refused before any pair is read; -o DIR is made.
: >"$tmp/afile"
"$cli" check --batch "$tmp/c/pairs.tsv" -s fr -t en --presplit -o "$tmp/afile" 2>"$tmp/err"
check "--batch -o FILE: exit 2" test $? -eq 2
check "--batch -o FILE: says it is not a directory" grep -q "afile: is not a directory" "$tmp/err"
check "--batch -o FILE: one line, no pair checked" test "$(wc -l <"$tmp/err")" -eq 1
check "--batch -o FILE: the file untouched" test ! -s "$tmp/afile"
"$cli" check --batch "$tmp/c/pairs.tsv" -s fr -t en --presplit -q -o "$tmp/new.d" 2>/dev/null
check "--batch -o DIR: made when missing" test -s "$tmp/new.d/index.txt"
# a report never replaces an input: the manifest, a document
cp "$tmp/c/pairs.tsv" "$tmp/c/index.txt"
"$cli" check --batch "$tmp/c/index.txt" -s fr -t en --presplit -q -o "$tmp/c" 2>"$tmp/err"
check "--batch: index over the manifest refused" grep -q "index.txt: is also" "$tmp/err"
check "--batch: the manifest kept" cmp -s "$tmp/c/pairs.tsv" "$tmp/c/index.txt"
cp "$tmp/c/sub_x.fr.txt" "$tmp/c/keep.txt"
printf 'sub/x.fr.txt\tx.en.txt\n1-sub_x.fr.txt.check.txt\tx.en.txt\n' >"$tmp/c/clash.tsv"
cp "$tmp/c/sub_x.fr.txt" "$tmp/c/1-sub_x.fr.txt.check.txt"
"$cli" check --batch "$tmp/c/clash.tsv" -s fr -t en --presplit -q -o "$tmp/c" 2>"$tmp/err"
check "--batch: a report over another pair's document refused" grep -q "1-sub_x.fr.txt.check.txt: is also" "$tmp/err"
check "--batch: that document kept" cmp -s "$tmp/c/keep.txt" "$tmp/c/1-sub_x.fr.txt.check.txt"

if [ "$fails" -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
