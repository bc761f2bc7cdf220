#!/usr/bin/env bash
# /healthz latency while CPU-heavy requests run (issue 10.1):
#   signin   — CONNS connections signing in without pause (argon2id, production settings)
#   markdown — 4 connections viewing an initiative whose description is the probe's
#              20,000-byte, 500-column table (stored straight into the database, as a row
#              saved before the Markdown bounds existed would be)
# The server runs with 2 event-loop threads (as the probe's did); wrk measures /healthz with
# 4 connections at the same time. Prints wrk's latency distribution for /healthz and the rate
# of the heavy requests.
# Usage: bench/http/heavy_healthz.sh [signin|markdown] [build/release/goldthread] [seconds=10] [conns=8]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODE="${1:-signin}"
BIN="$(realpath "${2:-$ROOT/build/release/goldthread}")"
SECS="${3:-10}"; CONNS="${4:-8}"
PORT=18081
TMP="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
cd "$ROOT"
export DATABASE_URL="sqlite:$TMP/bench.db" GOLDTHREAD_LOG_LEVEL=warn
PASSWORD="bench-password-for-wrk-2026"
if [ "$MODE" = signin ]; then export GOLDTHREAD_PLACE_FILE=""; fi
"$BIN" migrate >/dev/null
echo "$PASSWORD" | "$BIN" user create --role site-admin --email bench@example.org --name Bench --password-stdin >/dev/null
"$BIN" serve --listen 127.0.0.1:$PORT --threads 2 >"$TMP/log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

if [ "$MODE" = signin ]; then
  json="$(curl -s -c "$TMP/jar" -H 'Accept: application/json' "http://127.0.0.1:$PORT/sign-in")"
  export GT_CSRF_TOKEN="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$json")"
  export GT_CSRF_COOKIE="$(awk '$6=="gt_csrf" {print $7}' "$TMP/jar")"
  export GT_PASSWORD="$PASSWORD"
  status="$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar" -d "csrf_token=$GT_CSRF_TOKEN&email=bench%40example.org&password=$PASSWORD" "http://127.0.0.1:$PORT/sign-in")"
  [ "$status" = 303 ] || { echo "sign-in check answered $status" >&2; exit 1; }
  wrk -t1 -c"$CONNS" -d"$((SECS + 2))s" -s "$ROOT/bench/http/sign_in.lua" "http://127.0.0.1:$PORT/sign-in" >"$TMP/heavy" &
else
  slug="$(sqlite3 "$TMP/bench.db" "SELECT slug FROM initiatives ORDER BY id LIMIT 1")"
  python3 - "$TMP/bench.db" "$slug" <<'PY'
import sqlite3, sys
md = "|" + "a|" * 500 + "\n|" + "-|" * 500 + "\n"
while len(md) < 19990: md += "x\n"
db = sqlite3.connect(sys.argv[1])
cols = [r[1] for r in db.execute("PRAGMA table_info(initiatives)")]
sets = "description = ?" + (", description_html = NULL" if "description_html" in cols else "")
db.execute(f"UPDATE initiatives SET {sets} WHERE slug = ?", (md, sys.argv[2]))
db.commit()
PY
  wrk -t1 -c4 -d"$((SECS + 2))s" --timeout 30s "http://127.0.0.1:$PORT/initiatives/$slug" >"$TMP/heavy" &
fi
HEAVY=$!
sleep 1
wrk -t1 -c4 -d"${SECS}s" --timeout 30s --latency "http://127.0.0.1:$PORT/healthz" | sed -n '/Latency Distribution/,/Requests\/sec/p'
wait $HEAVY
echo "heavy requests ($MODE):"; grep -E "Requests/sec|Non-2xx|requests in|Latency  " "$TMP/heavy"
