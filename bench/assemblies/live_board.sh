#!/usr/bin/env bash
# The live board (issue 11.8): 1,000 open event streams on one solution room while a writer
# posts advice 30 times (bench/assemblies/live_board.py: for each write, the time until every
# stream has its event, p50/p99), and wrk requests another page (/events) meanwhile; wrk's
# p99 is recorded beside the same page's p99 with no streams open, in the same run.
# Usage: bench/assemblies/live_board.sh [STREAMS] [WRITES] [PORT]   (SQLite; needs wrk, python3)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
STREAMS="${1:-1000}"
WRITES="${2:-30}"
PORT="${3:-18502}"
DB="/tmp/bench-live-board.db"
ROOM=/events/example-assembly/rooms/example-room
ulimit -n "$(ulimit -Hn)"
rm -f "$DB"
"$BIN" --database "sqlite:$DB" import place "$ROOT/data/places/essex.json" >/dev/null
echo 'bench-live-secret-long' | "$BIN" --database "sqlite:$DB" user create --email bench@example.com \
  --name 'Bench Writer' --password-stdin >/dev/null
"$BIN" --database "sqlite:$DB" serve --listen "127.0.0.1:$PORT" --threads 2 --assets "$ROOT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
uptime
echo "== /events with no streams open"
wrk -t1 -c8 -d10s --latency "http://127.0.0.1:$PORT/events" | grep -E " 50%| 99%|Requests/sec|Non-2xx"
echo "== $STREAMS streams on $ROOM, $WRITES writes, wrk on /events meanwhile"
python3 "$ROOT/bench/assemblies/live_board.py" "127.0.0.1:$PORT" "$ROOM" bench@example.com \
  bench-live-secret-long "$STREAMS" "$WRITES" &
CLIENT=$!
sleep 4  # the streams open first
wrk -t1 -c8 -d10s --latency "http://127.0.0.1:$PORT/events" | grep -E " 50%| 99%|Requests/sec|Non-2xx"
wait $CLIENT
uptime
