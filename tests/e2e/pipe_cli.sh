#!/usr/bin/env bash
# e2e: tmxalign pipe on the bundled story (corpora/parure), inline and by
# path: the beads equal 'tmxalign align -f jsonl', --check's report equals
# 'tmxalign check -f json', bad jobs give error lines with their id and the
# stream goes on (exit 0), -j 2 writes the same bytes, a read error of
# standard input is exit 2.
# usage: pipe_cli.sh CLI SOURCE_DIR
set -u
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
fr="$src/corpora/parure/story.fr.txt"
en="$src/corpora/parure/story.en.txt"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME COMMAND...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

python3 - "$fr" "$en" >"$tmp/jobs.jsonl" <<'PY'
import json, sys
fr, en = sys.argv[1], sys.argv[2]
src, tgt = open(fr, encoding="utf-8").read(), open(en, encoding="utf-8").read()
print(json.dumps({"id": "inline", "src_lang": "fr", "tgt_lang": "en",
                  "src": src, "tgt": tgt}))
print('{"id": "broken", "src": ')
print(json.dumps({"id": 2, "src_path": fr, "tgt_path": en}))
print(json.dumps({"id": "missing", "src_path": fr + ".nope", "tgt_path": en}))
print("")
print(json.dumps({"id": "lang", "src_lang": "xx-bogus-123", "src": "a",
                  "tgt": "b"}))
PY

"$cli" pipe -s fr -t en <"$tmp/jobs.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err"
rc=$?
check "exit 0 with job errors" [ $rc = 0 ]
check "nothing on stderr" [ ! -s "$tmp/err" ]
check "one line per job" [ "$(wc -l <"$tmp/out.jsonl")" = 5 ]
"$cli" align "$fr" "$en" -s fr -t en -f jsonl >"$tmp/align.jsonl"
"$cli" check "$fr" "$en" -s fr -t en -f json >"$tmp/check.json"

python3 - "$tmp/out.jsonl" "$tmp/align.jsonl" <<'PY' >"$tmp/cmp" 2>&1
import json, sys
out = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
beads = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [o["id"] for o in out] == ["inline", "broken", 2, "missing", "lang"], out
assert out[0]["beads"] == beads, "inline beads differ from align -f jsonl"
assert out[2]["beads"] == beads, "path beads differ from align -f jsonl"
assert out[0]["src_sentences"] == 232 and out[0]["below_score"] == 0
for i, says in ((1, "bad JSON"), (3, "story.fr.txt.nope"), (4, "xx-bogus-123")):
    assert set(out[i]) == {"id", "error"} and says in out[i]["error"], out[i]
PY
rc=$?
check "beads equal align -f jsonl; errors name their job" eval '[ $rc = 0 ] || { cat "$tmp/cmp"; false; }'

"$cli" pipe -s fr -t en -j 2 <"$tmp/jobs.jsonl" >"$tmp/out2.jsonl"
check "-j 2: the same bytes" cmp -s "$tmp/out.jsonl" "$tmp/out2.jsonl"

"$cli" pipe -s fr -t en --check <"$tmp/jobs.jsonl" >"$tmp/check.jsonl"
rc=$?
check "--check: exit 0" [ $rc = 0 ]
python3 - "$tmp/check.jsonl" "$tmp/check.json" <<'PY' >"$tmp/cmp" 2>&1
import json, sys
out = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = json.load(open(sys.argv[2], encoding="utf-8"))
assert out[2]["check"] == want, "path check differs from check -f json"
# inline texts are named "src" and "tgt" in the report
assert out[0]["check"]["source"]["file"] == "src"
assert out[0]["check"]["target"]["file"] == "tgt"
for side in ("source", "target"):
    out[0]["check"][side]["file"] = want[side]["file"]
assert out[0]["check"] == want, "inline check differs from check -f json"
assert "beads" not in out[0]
PY
rc=$?
check "--check: the report of check -f json" eval '[ $rc = 0 ] || { cat "$tmp/cmp"; false; }'

printf '{"id":"p","src":"Un.\\nDeux.","tgt":"One.\\nTwo.","presplit":true}\n' |
  "$cli" pipe -s fr -t en --min-score 0.99 >"$tmp/p.jsonl"
check "presplit and min_score" python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert o["src_sentences"] == 2 and o["below_score"] + len(o["beads"]) == 2, o
' "$tmp/p.jsonl"

head -c 5000 /dev/zero | tr '\0' x | "$cli" pipe --max-line 100 >"$tmp/big"
rc=$?
check "--max-line: an error line, exit 0" eval \
  '[ $rc = 0 ] && grep -q "\"error\":\"line longer than 100 bytes" "$tmp/big"'

"$cli" pipe --inline-only -s fr -t en <"$tmp/jobs.jsonl" | sed -n 3p |
  grep -q '"id":2,"error":".*inline only'
rc=$?
check "--inline-only refuses paths" [ $rc = 0 ]

"$cli" pipe <"$tmp" >/dev/null 2>"$tmp/err"
rc=$?
check "a read error of stdin: exit 2" eval '[ $rc = 2 ] && grep -q "read error" "$tmp/err"'
"$cli" pipe jobs.jsonl </dev/null 2>/dev/null
rc=$?
check "an operand: exit 2" [ $rc = 2 ]
"$cli" pipe </dev/null >"$tmp/empty"
rc=$?
check "no input: no output, exit 0" eval '[ $rc = 0 ] && [ ! -s "$tmp/empty" ]'

# --srx: the jobs' texts split by the rules (here: after commas too)
cat >"$tmp/comma.srx" <<'SRX'
<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body><languagerules><languagerule languagerulename="all"><rule break="yes"><beforebreak>[,.]</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="all"/></maprules></body></srx>
SRX
job='{"id":1,"src":"Un chat, deux chiens. Fin.","tgt":"A cat, two dogs. End."}'
out=$(echo "$job" | "$cli" pipe -s fr -t en --srx "$tmp/comma.srx")
check "--srx splits the jobs' texts by the rules" \
  eval '[[ $out == *"\"src_sentences\":3,\"tgt_sentences\":3"* ]]'
out=$(echo "$job" | "$cli" pipe -s fr -t en)
check "without --srx: ICU's sentences" \
  eval '[[ $out == *"\"src_sentences\":2,\"tgt_sentences\":2"* ]]'

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
