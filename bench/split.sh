#!/bin/sh
# Build (if needed) and run the splitting benchmark.
# usage: bench/split.sh [BUILD_DIR] [MEGABYTES]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
cmake --build "$build" --target bench_split -j2 >/dev/null
TA_SOURCE_DIR=$here TA_SHARED=${TA_SHARED:-$here/../shared} "$build/bench_split" "${2:-10}"
