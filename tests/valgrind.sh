#!/usr/bin/env bash
# Every unit test, and every fuzz harness over its seed corpus, under
# valgrind memcheck: no invalid access, no leak.
# usage: tests/valgrind.sh BUILD_DIR   (a build without sanitizers)
set -euo pipefail
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
export TA_TEST_DATA=$top/tests/data TA_SOURCE_DIR=$top
status=0
for t in "$build"/test_*; do
  [ -x "$t" ] || continue
  if valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions="$top/tests/valgrind.supp" \
      "$t" > /dev/null 2> "$build/valgrind.$(basename "$t").log"; then
    echo "valgrind: $(basename "$t") clean"
  else
    echo "valgrind: $(basename "$t") FAILED"; cat "$build/valgrind.$(basename "$t").log"; status=1
  fi
done
# the fuzz harnesses, over their seed corpora
for t in "$build"/replay_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t"); corpus=$top/fuzz/corpus_${name#replay_}
  if valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions="$top/tests/valgrind.supp" \
      "$t" "$corpus" > /dev/null 2> "$build/valgrind.$name.log"; then
    echo "valgrind: $name clean"
  else
    echo "valgrind: $name FAILED"; cat "$build/valgrind.$name.log"; status=1
  fi
done
exit $status
