#!/usr/bin/env bash
# Streamed exports in constant memory (issue 12.9, docs/PERFORMANCE.md "Streamed exports"):
# loads one indicator of BIG generated points (default 1,000,000) and one of 10,000 into a
# fresh SQLite database, starts the server, then downloads each indicator's CSV and JSON with
# curl, recording wall time and bytes, and the server's resident memory after each download
# (VmRSS) and its peak so far (VmHWM, from /proc/PID/status). Constant memory: the peak after
# the 1,000,000-point downloads is about the peak after the 10,000-point ones.
# Usage: bench/outcomes/export.sh [build/release/goldthread] [BIG=1000000] [runs=3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(realpath "${1:-$ROOT/build/release/goldthread}")"
BIG="${2:-1000000}"
RUNS="${3:-3}"
PORT=${BENCH_PORT:-18094}
DIR=${BENCH_DIR:-/tmp/goldthread-export-bench}
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null || true' EXIT
cd "$ROOT"
rm -rf "$DIR" && mkdir -p "$DIR"
python3 bench/outcomes/generate_series.py "$BIG" "Generated big" > "$DIR/points.csv"
python3 bench/outcomes/generate_series.py 10000 "Generated small" --no-header >> "$DIR/points.csv"
export GOLDTHREAD_LOG_LEVEL=warn
DB="sqlite:$DIR/g.db"
"$BIN" --database "$DB" import place data/places/essex.json > /dev/null
t0=$(date +%s.%N)
"$BIN" --database "$DB" import indicators --quiet "$DIR/points.csv" > /dev/null
echo "loaded $((BIG + 10000)) points in $(echo "$(date +%s.%N) - $t0" | bc) s"
GOLDTHREAD_PLACE_FILE=data/places/essex.json "$BIN" --database "$DB" serve --threads 2 \
  --listen 127.0.0.1:$PORT > "$DIR/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done
mem() { awk -v k="$1" '$1 == k":" { printf "%.1f", $2 / 1024 }' /proc/$SERVER/status; }
echo "server started: VmRSS $(mem VmRSS) MB, VmHWM $(mem VmHWM) MB"
printf "%-40s %4s %10s %12s %10s %10s\n" download run seconds bytes "VmRSS MB" "VmHWM MB"
for slug in generated-small generated-big; do
  for ext in csv json; do
    for run in $(seq "$RUNS"); do
      out=$(curl -s -o /dev/null -w "%{time_total} %{size_download} %{http_code}" \
        "http://127.0.0.1:$PORT/indicators/$slug/data.$ext")
      read -r secs bytes code <<< "$out"
      [ "$code" = 200 ] || { echo "HTTP $code for $slug.$ext" >&2; exit 1; }
      printf "%-40s %4s %10s %12s %10s %10s\n" "/indicators/$slug/data.$ext" "$run" "$secs" "$bytes" \
        "$(mem VmRSS)" "$(mem VmHWM)"
    done
  done
done
echo "load: $(uptime)"
