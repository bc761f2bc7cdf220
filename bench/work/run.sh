#!/usr/bin/env bash
# wrk against the alignment matrix and a filtered directory page (docs/PERFORMANCE.md, "Work map").
# Usage: bench/work/run.sh DATABASE_URL [PORT]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
DB="${1:?usage: $0 DATABASE_URL [PORT]}"
PORT="${2:-18432}"
"$BIN" --database "$DB" serve --listen "127.0.0.1:$PORT" --threads 1 --assets "$ROOT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
for path in "/alignment" "/organisations?sector=voluntary-community&area=E07000075&page=2"; do
  curl -s -o /dev/null "http://127.0.0.1:$PORT$path"   # warm the matrix cache
  for run in 1 2 3; do
    echo "== $path run $run"
    wrk -t1 -c16 -d10s --latency "http://127.0.0.1:$PORT$path" | grep -E "50%|99%|Requests/sec|Non-2xx"
  done
done
