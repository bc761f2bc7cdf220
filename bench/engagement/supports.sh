#!/usr/bin/env bash
# Acknowledged supports/s over HTTP (issue 14.4): wrk posting supports (form posts, each
# answered 303 only after the group commit that holds it) from PEOPLE distinct signed-in
# residents, each from their own address (X-Forwarded-For behind a trusted proxy, so the
# per-address limit of core::abuse applies per person, as it would in production), spread
# over 1,000 proposals. Afterwards it checks durability: every acknowledged support is a row,
# and the stored counters add up to the rows.
# The people and their sessions are written straight into the database (a session is the
# SHA-256 of a random token, as accounts stores it), so the run measures supports, not sign-ins.
# Usage: bench/engagement/supports.sh [sqlite|postgres] [seconds=10] [connections=64] [threads=32] [people=40000]
# postgres needs GOLDTHREAD_BENCH_POSTGRES_URL (an empty database, e.g. from scripts/pg.sh) and psql.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
ENGINE="${1:-sqlite}"; SECS="${2:-10}"; CONNS="${3:-64}"; THREADS="${4:-32}"; PEOPLE="${5:-40000}"
PORT=18192
TMP="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
cd "$ROOT"
if [[ "$ENGINE" == postgres ]]; then DB="$GOLDTHREAD_BENCH_POSTGRES_URL"; else DB="sqlite:$TMP/bench.db"; fi
export DATABASE_URL="$DB" GOLDTHREAD_LOG_LEVEL=warn GOLDTHREAD_EXAMPLES_DIR=""
"$BIN" import place data/places/essex.json >/dev/null
"$BIN" generate-proposals --proposals 1000 --supports 0 --seed 42 >/dev/null
python3 bench/engagement/people.py "$ENGINE" "$DB" "$PEOPLE" "$TMP/people.txt"
before="$(python3 bench/engagement/people.py --count "$ENGINE" "$DB")"
GOLDTHREAD_TRUST_PROXY=1 "$BIN" serve --listen 127.0.0.1:$PORT --threads "$THREADS" >"$TMP/log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
PEOPLE_FILE="$TMP/people.txt" PROPOSALS=1000 \
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/engagement/supports.lua "http://127.0.0.1:$PORT" | tee "$TMP/wrk"
kill $SERVER; wait $SERVER 2>/dev/null || true
after="$(python3 bench/engagement/people.py --count "$ENGINE" "$DB")"
total="$(awk '/requests in/ {print $1}' "$TMP/wrk")"
refused="$(awk '/Non-2xx or 3xx/ {print $NF}' "$TMP/wrk")"; refused="${refused:-0}"
secs="$(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' "$TMP/wrk")"
echo "support rows, sum of proposals.supports: before $before, after $after"
python3 - "$total" "$refused" "$secs" "$before" "$after" <<'PY'
import sys
total, refused, secs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
b_rows, b_sum = map(int, sys.argv[4].split()); a_rows, a_sum = map(int, sys.argv[5].split())
acked = total - refused
stored = a_rows - b_rows
print(f"acknowledged supports (303): {acked} in {secs} s = {acked / secs:.0f}/s; refused or failed: {refused}")
print(f"stored support rows: {stored}; counters moved by {a_sum - b_sum}")
ok = stored >= acked and a_sum - b_sum == stored
print("durable: every acknowledged support is stored and counted" if ok else "NOT DURABLE: fewer rows than acknowledgements")
sys.exit(0 if ok else 1)
PY
uptime
