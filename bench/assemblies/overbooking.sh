#!/usr/bin/env bash
# No overbooking, 20 times on each engine (issue 11.2): 500 concurrent registrations for 150
# places per round, 8 threads at the service layer; make test runs 3 rounds.
# Usage: bench/assemblies/overbooking.sh [rounds]   (needs build/release/integration_tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-20}"
filter='Registration.FiveHundredAtOnceForOneHundredAndFiftyPlacesNeverOverbook'
echo "== sqlite, $rounds rounds"
time GOLDTHREAD_OVERBOOKING_ROUNDS="$rounds" GOLDTHREAD_TEST_ENGINE=sqlite build/release/integration_tests --gtest_filter="$filter"
port="${GOLDTHREAD_PG_PORT:-55499}"
url=$(GOLDTHREAD_PG_PORT="$port" GOLDTHREAD_PG_DIR="/tmp/pg-$port" bash scripts/pg.sh start)
trap 'GOLDTHREAD_PG_PORT="$port" GOLDTHREAD_PG_DIR="/tmp/pg-$port" bash scripts/pg.sh stop' EXIT
echo "== postgres, $rounds rounds"
time GOLDTHREAD_OVERBOOKING_ROUNDS="$rounds" GOLDTHREAD_TEST_ENGINE=postgres GOLDTHREAD_TEST_POSTGRES_URL="$url" \
  build/release/integration_tests --gtest_filter="$filter"
