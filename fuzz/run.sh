#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs each for SECONDS (default 60).
# Usage: fuzz/run.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECS="${1:-60}"
cmake -S "$ROOT" -B "$ROOT/build/fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGOLDTHREAD_FUZZ=ON -DGOLDTHREAD_TESTS=OFF >/dev/null
ninja -C "$ROOT/build/fuzz" -j2 fuzz_http_parsing opinion_fuzz_csv
for t in fuzz/fuzz_http_parsing src/opinion/opinion_fuzz_csv; do
  mkdir -p "$ROOT/build/fuzz/corpus-$(basename $t)"
  "$ROOT/build/fuzz/$t" -max_total_time="$SECS" -print_final_stats=1 "$ROOT/build/fuzz/corpus-$(basename $t)" 2>&1 | tail -12
done
