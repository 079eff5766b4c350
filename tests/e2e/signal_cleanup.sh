#!/usr/bin/env bash
# e2e: SIGINT, SIGTERM and SIGHUP during a run leave no temporary file
# (*.tmp-*, .tmxalign-*) beside the output, the old output as it was, and
# an exit status that says the process died of the signal (128 + N).
# The batch run is signalled once its temporary output exists (polled),
# so the test fails when the CLI installs no handler; the plain align is
# signalled 0.5 s into a run of several seconds.
# usage: signal_cleanup.sh CLI SOURCE_DIR
set -u
set -m # background jobs keep SIGINT (a non-interactive shell ignores it)
cli="$1"
src="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
P="$src/corpora/parure" B="$src/corpora/boule-de-suif"
for i in $(seq 300); do
  printf '%s\t%s\n' "$P/story.fr.txt" "$P/story.en.txt"
done >"$tmp/pairs.tsv"
for i in $(seq 50); do cat "$B/story.fr.txt"; done >"$tmp/big.fr.txt"
for i in $(seq 50); do cat "$B/story.en.txt"; done >"$tmp/big.en.txt"
mkdir "$tmp/out"
printf 'the old memory\n' >"$tmp/old.tmx"

temporaries() { ls -A "$tmp/out" | grep -E '\.tmp-|^\.tmxalign-'; }

# signalled NAME SIGNAL STATUS WAIT ARGS...: run the CLI in the
# background, send SIGNAL once WAIT says so, check the aftermath.
signalled() {
  local name="$1" sig="$2" want="$3" wait="$4"; shift 4
  cp "$tmp/old.tmx" "$tmp/out/out.tmx"
  "$cli" "$@" -o "$tmp/out/out.tmx" 2>"$tmp/err" &
  local pid=$!
  if [ "$wait" = temp ]; then # until the temporary output exists
    for _ in $(seq 400); do
      [ -n "$(temporaries)" ] && break
      sleep 0.025
    done
    check "$name: a temporary output was being written" test -n "$(temporaries)"
  else
    sleep "$wait"
  fi
  kill -"$sig" "$pid"
  wait "$pid"
  local st=$?
  check "$name: exit status $want (got $st)" test "$st" -eq "$want"
  check "$name: no temporary file left" test -z "$(temporaries)"
  check "$name: the old out.tmx unchanged" cmp -s "$tmp/old.tmx" "$tmp/out/out.tmx"
}

BATCH=(align --batch "$tmp/pairs.tsv" -s fr -t en -q)
signalled "batch SIGTERM" TERM 143 temp "${BATCH[@]}"
signalled "batch SIGINT" INT 130 temp "${BATCH[@]}"
signalled "batch SIGHUP" HUP 129 temp "${BATCH[@]}"
signalled "batch -j 2 SIGTERM" TERM 143 temp "${BATCH[@]}" -j 2
ALIGN=(align "$tmp/big.fr.txt" "$tmp/big.en.txt" -s fr -t en)
signalled "align SIGTERM" TERM 143 0.5 "${ALIGN[@]}"
signalled "align SIGINT" INT 130 0.5 "${ALIGN[@]}"

if [ "$fails" -ne 0 ]; then echo "$fails failure(s)"; exit 1; fi
