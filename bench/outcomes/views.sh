#!/bin/sh
# The outcomes views under wrk (docs/PERFORMANCE.md, "Outcomes"): for each path, one wrk run
# (default 1 connection, 5 s) and the server's CPU time per request (user+sys from
# /proc/PID/stat before and after the run, divided by the requests wrk completed). On a shared
# machine the latency percentiles measure the contention; the CPU per request does not.
# Usage: bench/outcomes/views.sh SERVER_PID PORT [CONNECTIONS] [SECONDS] PATH...
set -eu
PID=$1 PORT=$2 CONN=${3:-1} SECS=${4:-5}
shift 4
TICK=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' /proc/"$PID"/stat; }
for path in "$@"; do
  before=$(cpu)
  out=$(wrk -t1 -c"$CONN" -d"$SECS"s --latency "http://127.0.0.1:$PORT$path")
  after=$(cpu)
  reqs=$(echo "$out" | awk '/requests in/ { print $1 }')
  pct() { echo "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
  echo "$path c=$CONN p50 $(pct 50%) p90 $(pct 90%) p99 $(pct 99%) req/s $(echo "$out" | awk '/Requests\/sec/ { print $2 }')" \
    "server CPU/request $(echo "$after $before $reqs $TICK" | awk '{ printf "%.1f us", ($1 - $2) * 1e6 / $4 / $3 }')" \
    "$(echo "$out" | grep -E 'Non-2xx' || true)"
done
echo "load: $(uptime)"
