#!/usr/bin/env bash
# wrk against the proposals index over the generated 100,000 proposals (docs/PERFORMANCE.md,
# "Proposals"): sorted by supports, filtered by ambition, by area and by status, and a deep
# keyset page. Usage: bench/engagement/run.sh DATABASE_URL [PORT] [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
DB="${1:?usage: $0 DATABASE_URL [PORT] [SECONDS]}"
PORT="${2:-18442}"
SECS="${3:-10}"
"$BIN" --database "$DB" serve --listen "127.0.0.1:$PORT" --threads 1 --assets "$ROOT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
for path in "/proposals?sort=supported" \
            "/proposals?sort=supported&ambition=develop-our-county-sustainably" \
            "/proposals?sort=supported&area=E07000071" \
            "/proposals?sort=supported&status=awaiting" \
            "/proposals?sort=supported&ambition=develop-our-county-sustainably&status=open&after=500.50000"; do
  curl -s -o /dev/null -w "%{http_code} $path\n" "http://127.0.0.1:$PORT$path"
  echo "== $path"
  wrk -t1 -c1 -d"${SECS}s" --latency "http://127.0.0.1:$PORT$path" | grep -E "50%|99%|Requests/sec|Non-2xx"
done
