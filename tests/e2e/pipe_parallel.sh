#!/usr/bin/env bash
# e2e: GNU parallel --pipe over tmxalign pipe (docs/pipe.md's recipe): the
# jobs file split two lines a chunk, run by parallel instances, gives the
# same bytes as one 'tmxalign pipe' run.  Skipped (exit 77) without GNU
# parallel (Debian: apt-get install parallel).
# usage: pipe_parallel.sh CLI SOURCE_DIR
set -u
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
if ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
  echo "skipped: GNU parallel is not installed"
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 - "$src" >"$tmp/jobs.jsonl" <<'PY'
import json, sys
src = sys.argv[1]
story = src + "/corpora/parure/story."
batch = src + "/tests/data/batch/parure-"
text = {l: open(story + l + ".txt", encoding="utf-8").read() for l in ("fr", "en")}
print(json.dumps({"id": "story-inline", "src": text["fr"], "tgt": text["en"]}))
print(json.dumps({"id": "story-path", "src_path": story + "fr.txt",
                  "tgt_path": story + "en.txt"}))
for i in (1, 2, 3):
    print(json.dumps({"id": "part-%d" % i, "presplit": True,
                      "src_path": "%s%d.fr.txt" % (batch, i),
                      "tgt_path": "%s%d.en.txt" % (batch, i)}))
print('{"id": "broken", ')
print(json.dumps({"id": "missing", "src_path": story + "xx.txt",
                  "tgt_path": story + "en.txt"}))
print(json.dumps({"id": 8, "src": "Un chat. Deux chiens.",
                  "tgt": "A cat. Two dogs.", "max_bead": 2}))
PY

"$cli" pipe -s fr -t en <"$tmp/jobs.jsonl" >"$tmp/single.jsonl" || exit 1
parallel --pipe -N 2 --keep-order "$cli" pipe -s fr -t en \
  <"$tmp/jobs.jsonl" >"$tmp/parallel.jsonl" 2>"$tmp/err" || {
  cat "$tmp/err"; exit 1; }
[ "$(wc -l <"$tmp/single.jsonl")" = 8 ] || { echo "FAIL: not 8 lines"; exit 1; }
if ! cmp "$tmp/single.jsonl" "$tmp/parallel.jsonl"; then
  echo "FAIL: parallel --pipe differs from one run"; exit 1
fi
echo "ok   parallel --pipe -N 2 --keep-order = one tmxalign pipe run"
