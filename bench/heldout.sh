#!/usr/bin/env bash
# Held-out alignment quality on technical text in four pairs: en-fr, en-de,
# en-ja, en-zh, built from the message catalogues Debian installs
# (bench/heldout_mo.py says how, and why the gold is known).  Never tuned on:
# run it on every landing beside bench/quality.sh.  One table: strict and lax
# F1 of the default options and of lengths alone (every anchor and the
# lexicon off, about what Gale-Church sees), and the 1-0 beads found, on
# two sets: prose messages, and the same with help texts laid out as
# tables of options (harder: the two sides split them very differently).
# Needs ../shared/eval/score.py (TA_SHARED); skips politely without it.
#   usage: bench/heldout.sh [ALIGN OPTIONS...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TA_SHARED:-$here/../shared}
cli=${TA_CLI:-$here/build/tmxalign}
score=$shared/eval/score.py
py=/usr/bin/python3
[ -x $py ] || py=python3
if [ ! -f "$score" ]; then
  echo "heldout: $score not found; skipping (set TA_SHARED)"; exit 0
fi
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
lengths=(--no-lexicon --no-anchor number --no-anchor identical
         --no-anchor cognate --no-anchor punct)
printf '%-6s %-6s %6s %6s | %-13s | %-13s | %s\n' set pair src tgt \
  "default s/l" "lengths s/l" "1-0 found/gold"
for set in prose tables; do
for l in fr de ja zh_CN; do
  if [ ! -d "/usr/share/locale/$l/LC_MESSAGES" ]; then
    echo "heldout: no catalogues for $l; skipped"; continue
  fi
  flag=(); [ $set = tables ] && flag=(--tables)
  "$py" "$here/bench/heldout_mo.py" "$cli" "$out" "$l" "${flag[@]}" >"$out/made"
  tag=$l; [ "$l" = zh_CN ] && tag=zh-Hans
  "$cli" align "$out/$l.src" "$out/$l.tgt" -s en -t "$tag" --presplit \
    -f beads -o "$out/$l.pred" "$@" 2>/dev/null
  "$cli" align "$out/$l.src" "$out/$l.tgt" -s en -t "$tag" --presplit \
    -f beads -o "$out/$l.len" "${lengths[@]}" 2>/dev/null
  d=$("$py" "$score" --f1 "$out/$l.gold" "$out/$l.pred")
  g=$("$py" "$score" --f1 "$out/$l.gold" "$out/$l.len")
  null=$("$py" - "$out/$l.gold" "$out/$l.pred" <<'PY'
import re, sys
def beads(p):
    return {l.split(":[")[0] + ":[" + l.split(":[")[1].split("]")[0] + "]"
            for l in open(p) if l.strip()}
g, p = beads(sys.argv[1]), beads(sys.argv[2])
z = {b for b in g if b.endswith(":[]")}
print(f"{len(z & p)}/{len(z)}")
PY
)
  printf '%-6s %-6s %6s %6s | %-13s | %-13s | %s\n' $set "en-${l%_CN}" \
    "$(wc -l <"$out/$l.src")" "$(wc -l <"$out/$l.tgt")" \
    "${d/ //}" "${g/ //}" "$null"
done
done
echo "(prose: messages of five words or more; tables: help texts laid out as option tables too; $(sed 's/.*, //' "$out/made") a language; $(date -u +%F), $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'))"
