#!/usr/bin/env bash
# Every unit test, and every fuzz harness over its seed corpus, under
# valgrind memcheck: no invalid access, no leak.
# usage: tests/valgrind.sh BUILD_DIR   (a build without sanitizers)
set -euo pipefail
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
export TA_TEST_DATA=$top/tests/data TA_SOURCE_DIR=$top
status=0

# memcheck NAME PROGRAM [ARG...]: one clean run, or its report and a failure
memcheck() {
  local name=$1; shift
  if valgrind -q --error-exitcode=9 --leak-check=full \
      --errors-for-leak-kinds=definite,indirect \
      --suppressions="$top/tests/valgrind.supp" \
      "$@" > /dev/null 2> "$build/valgrind.$name.log"; then
    echo "valgrind: $name clean"
  else
    echo "valgrind: $name FAILED"; cat "$build/valgrind.$name.log"; status=1
  fi
}

for t in "$build"/test_*; do
  [ -x "$t" ] && memcheck "$(basename "$t")" "$t"
done
for t in "$build"/replay_*; do
  name=$(basename "$t")
  [ -x "$t" ] && memcheck "$name" "$t" "$top/fuzz/corpus_${name#replay_}"
done
exit $status
