#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests. Usage: scripts/pg.sh start|stop|url
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${GOLDTHREAD_PG_DIR:-$ROOT/build/pg}"
PORT="${GOLDTHREAD_PG_PORT:-55432}"
BIN=/usr/lib/postgresql/15/bin
URL="postgresql://postgres@127.0.0.1:$PORT/goldthread_test"
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
  start)
    if [[ -f "$DIR/data/postmaster.pid" ]] && as_pg "$BIN/pg_ctl -D '$DIR/data' status" >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR/sock"
    [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$DIR"
    as_pg "$BIN/initdb -D '$DIR/data' -A trust -E UTF8 --locale=C.UTF-8 -U postgres" >/dev/null
    as_pg "$BIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres goldthread_test"
    echo "$URL" ;;
  stop)
    [[ -d "$DIR/data" ]] && as_pg "$BIN/pg_ctl -D '$DIR/data' stop -m fast" >/dev/null 2>&1 || true ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
