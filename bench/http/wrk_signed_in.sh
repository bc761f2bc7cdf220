#!/usr/bin/env bash
# Requests/s of signed-in pages (an ambition page, an organisation page, /alignment) against
# /healthz, side by side in one run: server pinned to CPU 0 with one thread, wrk pinned to
# CPU 1. Each round measures every URL once, so a noisy neighbour slows all of them alike;
# the figures that mean something are the ratios of the medians.
#
# The signed-in user is a member of three organisations (so the session middleware's
# membership lookup is exercised) and signs in through the real form with curl; wrk sends
# its session cookie for the pages. /healthz is requested anonymously.
#
# Usage: bench/http/wrk_signed_in.sh [build/release/goldthread] [runs=3] [seconds=10]
# Environment: CONNS (wrk connections, default 16), PORT (default 18081), KEEP=1 keeps the
# server running afterwards (for perf record; prints its pid and the cookie).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(realpath "${1:-$ROOT/build/release/goldthread}")"
RUNS="${2:-3}"; SECS="${3:-10}"
CONNS="${CONNS:-16}"; PORT="${PORT:-18081}"
TMP="$(mktemp -d)"
SERVER=""
cleanup() { if [[ "${KEEP:-0}" != 1 ]]; then [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"; fi; }
trap cleanup EXIT
cd "$ROOT"
export DATABASE_URL="sqlite:$TMP/bench.db" GOLDTHREAD_LOG_LEVEL=warn
BASE="http://127.0.0.1:$PORT"

taskset -c 0 "$BIN" serve --listen "127.0.0.1:$PORT" --threads 1 >"$TMP/log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

EMAIL=bench@example.com PASSWORD='correct horse battery staple 42'
echo "$PASSWORD" | "$BIN" user create --name "Bench User" --email "$EMAIL" >/dev/null
ORG_SLUG="$(sqlite3 "$TMP/bench.db" "SELECT slug FROM organisations ORDER BY id LIMIT 1")"
sqlite3 "$TMP/bench.db" "INSERT INTO memberships (user_id, organisation_id, status, admin, requested_at)
  SELECT u.id, o.id, 'approved', 0, '2026-12-01T00:00:00Z' FROM users u, (SELECT id FROM organisations
  ORDER BY id LIMIT 3) o WHERE u.email = '$EMAIL'"

# Sign in through the form: the anonymous CSRF cookie and the form's token, then the post.
JAR="$TMP/cookies"
TOKEN="$(curl -sf -c "$JAR" "$BASE/sign-in" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)"
curl -sf -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "csrf_token=$TOKEN" "$BASE/sign-in"
SESSION="$(awk '$6 == "gt_session" {print $7}' "$JAR")"
[[ -n "$SESSION" ]] || { echo "sign-in failed" >&2; exit 1; }
COOKIE="Cookie: gt_session=$SESSION"

PATHS=(/healthz /ambitions/enjoy-life-long-into-old-age "/organisations/$ORG_SLUG" /alignment)
for p in "${PATHS[@]}"; do
  body="$(curl -s -H "$COOKIE" -o "$TMP/page" -w '%{http_code}' "$BASE$p")"
  [[ "$body" == 200 ]] || { echo "$p answered $body" >&2; exit 1; }
  [[ "$p" == /healthz ]] || grep -q 'href="/account">Your account' "$TMP/page" || { echo "$p is not signed in" >&2; exit 1; }
done

declare -A RPS P99
for i in $(seq "$RUNS"); do
  for p in "${PATHS[@]}"; do
    # /healthz as an anonymous client (the baseline every ratio is against); pages signed in.
    if [[ "$p" == /healthz ]]; then auth=(); else auth=(-H "$COOKIE"); fi
    out="$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "${auth[@]}" "$BASE$p")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    if grep -q 'Non-2xx' <<<"$out"; then echo "$p: non-2xx answers" >&2; exit 1; fi
    echo "run $i $p: $rps req/s, p99 $p99"
    RPS[$p]+="$rps "; P99[$p]+="$p99 "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h="$(median <<<"${RPS[/healthz]}")"
echo "median /healthz: $h req/s (p99s: ${P99[/healthz]})"
for p in "${PATHS[@]:1}"; do
  m="$(median <<<"${RPS[$p]}")"
  awk -v m="$m" -v h="$h" -v p="$p" -v l="${P99[$p]}" \
    'BEGIN {printf "median %s: %s req/s (p99s: %s) ratio %.2f\n", p, m, l, m/h}'
done
if [[ "${KEEP:-0}" == 1 ]]; then echo "server pid $SERVER, $COOKIE, data in $TMP"; fi
