#!/usr/bin/env bash
# A leak check of the Python module and the library under it: 100 rounds
# of 10 calls (split, align of texts and of lists, check, write and read a
# TMX, three failing calls) under valgrind memcheck, 1,000 calls in all.
# Fails on an invalid access, memory definitely or indirectly lost (the
# library's, or a handle the module never freed), or a handle still alive
# after the loop.  Python's own "possibly lost" blocks are not counted.
# usage: tests/python/leaks.sh SOURCE_DIR [ROUNDS]  (PYTHONPATH and
# TMXALIGN_LIBRARY as ctest sets them)
set -euo pipefail
top=$1; rounds=${2:-100}
command -v valgrind > /dev/null || { echo "valgrind not installed"; exit 77; }
log=$(mktemp); trap 'rm -f "$log"' EXIT
if PYTHONMALLOC=malloc valgrind -q --error-exitcode=9 --leak-check=full \
    --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect \
    --suppressions="$top/tests/valgrind.supp" \
    /usr/bin/python3 "$top/tests/python/leak_loop.py" "$rounds" 2> "$log" |
    tee /dev/stderr | grep -q "^$rounds rounds, $((rounds * 10)) calls$"; then
  echo "python leaks: $((rounds * 10)) calls clean under valgrind"
else
  echo "python leaks: FAILED"; cat "$log"; exit 1
fi
