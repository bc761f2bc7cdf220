#!/usr/bin/env bash
# Acknowledged votes/s on a live conversation: wrk posting votes (form posts, each answered
# 303 only after its group commit) from 10,000 distinct participants.
# Usage: bench/engagement/votes.sh [sqlite|postgres] [seconds=10] [connections=64] [threads=32]
# (VOTES_PERF=FILE adds a perf profile of the server.)
# postgres needs GOLDTHREAD_BENCH_POSTGRES_URL (an empty database, e.g. from scripts/pg.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
ENGINE="${1:-sqlite}"; SECS="${2:-10}"; CONNS="${3:-64}"; THREADS="${4:-32}"
PORT=18191
TMP="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
cd "$ROOT"
if [[ "$ENGINE" == postgres ]]; then DB="$GOLDTHREAD_BENCH_POSTGRES_URL"; else DB="sqlite:$TMP/bench.db"; fi
export DATABASE_URL="$DB" GOLDTHREAD_LOG_LEVEL=warn GOLDTHREAD_EXAMPLES_DIR=""
"$BIN" migrate >/dev/null
"$BIN" import polis tests/fixtures/polis/brexit-consensus --slug bench-live --replay-window-ms 0 >/dev/null
# Make the imported conversation live (there is no CLI for opening one; the web form is the way).
SQL="INSERT INTO live_settings (conversation_id, moderation) SELECT id, 'after' FROM conversations WHERE slug = 'bench-live'"
if [[ "$ENGINE" == postgres ]]; then psql -q "$DB" -c "$SQL"; else python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$TMP/bench.db" "$SQL"; fi
"$BIN" serve --listen 127.0.0.1:$PORT --threads "$THREADS" >"$TMP/log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -s -c "$TMP/jar" -H 'Accept: application/json' "http://127.0.0.1:$PORT/sign-in" >"$TMP/signin.json"
export CSRF_TOKEN="$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(open(sys.argv[1]))["csrf_token"]))' "$TMP/signin.json")"
export CSRF_COOKIE="gt_csrf=$(awk '$6=="gt_csrf" {print $7}' "$TMP/jar")"
export VOTE_PATH=/conversations/bench-live/vote STATEMENTS=50
cpu0="$(awk '{print $14+$15}' /proc/$SERVER/stat)"
# VOTES_PERF=FILE: also profile the server during the load (perf record -g, 999 Hz).
PERF=""
if [[ -n "${VOTES_PERF:-}" ]]; then perf record -F 999 -g -o "$VOTES_PERF" -p "$SERVER" -- sleep "$SECS" 2>/dev/null & PERF=$!; fi
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/engagement/votes.lua "http://127.0.0.1:$PORT" | tee "$TMP/wrk"
[[ -z "$PERF" ]] || wait "$PERF"
cpu1="$(awk '{print $14+$15}' /proc/$SERVER/stat)"
if [[ "$ENGINE" == postgres ]]; then
  stored="$(psql -qtA "$DB" -c "SELECT count(*) FROM live_participants")"
else
  stored="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM live_participants').fetchone()[0])" "$TMP/bench.db")"
fi
echo "participants stored: $stored"
awk '/Requests\/sec/ {print "acknowledged votes/s (303 answers; non-3xx are listed above): " $2}' "$TMP/wrk"
# The server's CPU (user+sys) per vote: what one free core would do is 1 / that.
awk -v c0="$cpu0" -v c1="$cpu1" -v hz="$(getconf CLK_TCK)" -v s="$SECS" '/Requests\/sec/ {
  v = $2 * s; us = (c1 - c0) / hz * 1e6 / v
  printf "server CPU per vote: %.0f us (user+sys over %d votes); one free core: %.0f votes/s\n", us, v, 1e6 / us }' "$TMP/wrk"
