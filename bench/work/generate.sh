#!/usr/bin/env bash
# Builds the benchmark database of docs/PERFORMANCE.md: the Essex place, then 2,000
# organisations and 20,000 initiatives (deterministic: --seed 42), through the services.
# Usage: bench/work/generate.sh DATABASE_URL   (e.g. sqlite:/tmp/bench.db)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
DB="${1:?usage: $0 DATABASE_URL}"
"$BIN" --database "$DB" import place "$ROOT/data/places/essex.json"
"$BIN" --database "$DB" generate-work --organisations 2000 --initiatives 20000 --seed 42
