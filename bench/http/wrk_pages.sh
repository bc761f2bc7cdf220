#!/usr/bin/env bash
# Requests/s and p99 for /healthz and the ambition page (DB-backed, templated), measured side
# by side in one run: server pinned to CPU 0 with one thread, wrk pinned to CPU 1.
# Usage: bench/http/wrk_pages.sh [build/release/goldthread] [runs=3] [seconds=10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${1:-$ROOT/build/release/goldthread}"
RUNS="${2:-3}"; SECS="${3:-10}"
PORT=18080
TMP="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
cd "$ROOT"
DATABASE_URL="sqlite:$TMP/bench.db" GOLDTHREAD_LOG_LEVEL=warn taskset -c 0 "$BIN" serve --listen 127.0.0.1:$PORT --threads 1 >"$TMP/log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

declare -A RPS P99
for path in /healthz /ambitions/enjoy-life-long-into-old-age; do
  for i in $(seq "$RUNS"); do
    out="$(taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency "http://127.0.0.1:$PORT$path")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    echo "$path run $i: $rps req/s, p99 $p99"
    RPS[$path]+="$rps "; P99[$path]+="$p99 "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h="$(median <<<"${RPS[/healthz]}")"; a="$(median <<<"${RPS[/ambitions/enjoy-life-long-into-old-age]}")"
echo "median /healthz: $h req/s (p99s: ${P99[/healthz]})"
echo "median ambition page: $a req/s (p99s: ${P99[/ambitions/enjoy-life-long-into-old-age]})"
awk -v a="$a" -v h="$h" 'BEGIN {printf "ratio ambition/healthz: %.2f\n", a/h}'
