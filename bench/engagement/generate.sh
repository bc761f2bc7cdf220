#!/usr/bin/env bash
# Builds the proposals benchmark database of docs/PERFORMANCE.md ("Proposals"): the Essex
# place, then 100,000 proposals (random supports, statuses, ambitions, areas; --seed 42),
# then SUPPORTS real supports through the service, each its own committed transaction with
# its audit record, timed (the sustained supports/s figure).
# Usage: bench/engagement/generate.sh DATABASE_URL [SUPPORTS]   (e.g. sqlite:/tmp/proposals.db 20000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
DB="${1:?usage: $0 DATABASE_URL [SUPPORTS]}"
SUPPORTS="${2:-20000}"
"$BIN" --database "$DB" import place "$ROOT/data/places/essex.json"
"$BIN" --database "$DB" generate-proposals --proposals 100000 --supports "$SUPPORTS" --seed 42
