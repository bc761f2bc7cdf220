#!/bin/sh
# The outcomes benchmarks (docs/PERFORMANCE.md, "Outcomes"): import of N generated points
# (rows/s, peak RSS) on SQLite, then the p99 of one indicator's JSON for every area and period
# and of an ambition page and an area profile, with that data loaded (bench/outcomes/views.sh: 1 then 8
# connections, with the server's CPU per request). Needs build/release/goldthread and wrk.
set -eu
N=${1:-1000000}
DIR=${BENCH_DIR:-/tmp/goldthread-outcomes-bench}
rm -rf "$DIR" && mkdir -p "$DIR"
python3 bench/outcomes/generate_points.py "$N" > "$DIR/points.csv"
DB="sqlite:$DIR/g.db"
build/release/goldthread --database "$DB" import place data/places/essex.json > /dev/null
/usr/bin/time -v build/release/goldthread --database "$DB" import indicators --quiet "$DIR/points.csv" \
  2> "$DIR/time.txt"
grep -E "Maximum resident|Elapsed|User time|System time" "$DIR/time.txt"
# The same import into PostgreSQL when BENCH_POSTGRES_URL names an empty database.
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  build/release/goldthread --database "$BENCH_POSTGRES_URL" import place data/places/essex.json > /dev/null
  /usr/bin/time -v build/release/goldthread --database "$BENCH_POSTGRES_URL" import indicators --quiet \
    "$DIR/points.csv" 2> "$DIR/time-pg.txt"
  echo "== PostgreSQL"
  grep -E "Maximum resident|Elapsed|User time|System time" "$DIR/time-pg.txt"
fi
GOLDTHREAD_LOG_LEVEL=warn GOLDTHREAD_PLACE_FILE=data/places/essex.json build/release/goldthread --database "$DB" serve \
  --listen 127.0.0.1:18093 > "$DIR/serve.log" 2>&1 &
PID=$!
sleep 2
PATHS="/indicators/generated-0001/data.json /ambitions/share-prosperity-with-everyone /indicators/generated-0001
       /indicators/areas/E07000069 /indicators/employment-rate/data.json"
# shellcheck disable=SC2086
sh bench/outcomes/views.sh $PID 18093 1 5 $PATHS
# shellcheck disable=SC2086
sh bench/outcomes/views.sh $PID 18093 8 5 $PATHS
kill $PID
