#!/usr/bin/env bash
# Issue 15.4 on a large live conversation (opinion_gen's default: 33,422 participants x 783
# statements, ~2M votes, imported with `import polis` and opened live):
#  1. after a start with no saved map: how long the first results request waits for the map
#     (the engine rebuilt from every stored vote);
#  2. after SIGKILL and a restart: how long until the map saved after the last recompute is
#     served, and until the rebuild from the stored votes has replaced it;
#  3. once the rebuild has replaced the saved map (the steady state), CONNS concurrent
#     participants voting (wrk, votes.lua) while READERS read the results page (a second
#     wrk, side by side): both p99s.
# Usage: bench/engagement/restart.sh [seconds=10] [conns=1000] [readers=20] [threads=64]
# Needs build/release/goldthread and build/release/bench/opinion/opinion_gen (configure with
# -DGOLDTHREAD_BENCH=ON). SQLite.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
GEN="${GOLDTHREAD_OPINION_GEN:-$ROOT/build/release/bench/opinion/opinion_gen}"
SECS="${1:-10}"; CONNS="${2:-1000}"; READERS="${3:-20}"; THREADS="${4:-64}"
PORT=18192
TMP="$(mktemp -d)"
SERVER=""
trap '[[ -n "$SERVER" ]] && kill -9 $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$ROOT"
export DATABASE_URL="sqlite:$TMP/bench.db" GOLDTHREAD_LOG_LEVEL=warn GOLDTHREAD_EXAMPLES_DIR=""
mkdir "$TMP/conv"
"$GEN" --votes-csv "$TMP/conv/votes.csv" >"$TMP/gen.txt"; head -1 "$TMP/gen.txt"
"$BIN" migrate >/dev/null
t=$(date +%s.%N)
"$BIN" import polis "$TMP/conv" --slug big --replay-window-ms 0
echo "import: $(python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$t" "$(date +%s.%N)") s"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO live_settings (conversation_id, moderation) SELECT id, 'after' FROM conversations WHERE slug = 'big'\"); c.commit()" "$TMP/bench.db"
TOTAL="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM votes').fetchone()[0])" "$TMP/bench.db")"
echo "stored votes: $TOTAL"

serve() {
  "$BIN" serve --listen 127.0.0.1:$PORT --threads "$THREADS" >>"$TMP/log" 2>&1 &
  SERVER=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.02; done
}
# Seconds until the results resource answers with a map, then until it is computed from all
# TOTAL votes (polls every 50 ms).
timings() {
  python3 - "$PORT" "$TOTAL" "$1" <<'PY'
import http.client, json, sys, time
port, total, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
t0 = time.time(); first = None
while time.time() - t0 < 60:
    h = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h.request("GET", "/api/v1/conversations/big")
    live = json.loads(h.getresponse().read()).get("live", {})
    votes = live.get("computed_from_votes", 0)
    if votes and first is None:
        first = time.time() - t0
        print(f"{label}: first map after {first:.3f} s (from {votes} votes)", flush=True)
    if votes == total:
        print(f"{label}: map from all {total} votes after {time.time() - t0:.3f} s", flush=True)
        break
    time.sleep(0.05)
PY
}
t=$(date +%s%N); serve; echo "start (no saved map): healthy after $(( ($(date +%s%N) - t) / 1000000 )) ms"
timings "cold start"
sleep 1  # the map saved after the recompute
kill -9 $SERVER; wait $SERVER 2>/dev/null || true
t=$(date +%s%N); serve; echo "restart after SIGKILL: healthy after $(( ($(date +%s%N) - t) / 1000000 )) ms"
timings "restart"
# The steady state: the map shown after a restart is the saved one (already from all the
# votes); wait until the engine rebuilt from the stored votes has replaced it (a new
# computed_at), so the load below meets a server that is not rebuilding.
python3 - "$PORT" <<'PY'
import http.client, json, sys, time
port = int(sys.argv[1]); t0 = time.time(); first = None
while time.time() - t0 < 300:
    h = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h.request("GET", "/api/v1/conversations/big")
    at = json.loads(h.getresponse().read()).get("live", {}).get("computed_at")
    if first is None: first = at
    elif at != first:
        print(f"restart: rebuilt map (computed_at {at}) after {time.time() - t0:.1f} s", flush=True); break
    time.sleep(0.2)
PY

curl -s -c "$TMP/jar" -H 'Accept: application/json' "http://127.0.0.1:$PORT/sign-in" >"$TMP/signin.json"
export CSRF_TOKEN="$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(open(sys.argv[1]))["csrf_token"]))' "$TMP/signin.json")"
export CSRF_COOKIE="gt_csrf=$(awk '$6=="gt_csrf" {print $7}' "$TMP/jar")"
export VOTE_PATH=/conversations/big/vote STATEMENTS=783
wrk -t1 -c"$CONNS" -d"${SECS}s" --timeout 30s --latency -s bench/engagement/votes.lua "http://127.0.0.1:$PORT" >"$TMP/votes.wrk" &
VOTERS=$!
wrk -t1 -c"$READERS" -d"${SECS}s" --timeout 30s --latency "http://127.0.0.1:$PORT/conversations/big" >"$TMP/read.wrk"
wait $VOTERS
echo "== $CONNS voters (POST /conversations/big/vote)"; grep -E "50%|99%|Requests/sec|Non-2xx|Socket errors" "$TMP/votes.wrk"
echo "== $READERS readers (GET /conversations/big)"; grep -E "50%|99%|Requests/sec|Non-2xx|Socket errors" "$TMP/read.wrk"
uptime
