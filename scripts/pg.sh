#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests. Usage: scripts/pg.sh start|stop|url
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${GOLDTHREAD_PG_DIR:-$ROOT/build/pg}"
# Below Linux's ephemeral range (32768-60999), so no outgoing connection of a test can hold it.
PORT="${GOLDTHREAD_PG_PORT:-25432}"
BIN=/usr/lib/postgresql/15/bin
URL="postgresql://postgres@127.0.0.1:$PORT/goldthread_test"
# The port a running server was started on (it may differ from $PORT, see start).
[[ -f "$DIR/port" ]] && { PORT="$(cat "$DIR/port")"; URL="postgresql://postgres@127.0.0.1:$PORT/goldthread_test"; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
  start)
    if [[ -f "$DIR/data/postmaster.pid" ]] && as_pg "$BIN/pg_ctl -D '$DIR/data' status" >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR/sock"
    [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$DIR"
    as_pg "$BIN/initdb -D '$DIR/data' -A trust -E UTF8 --locale=C.UTF-8 -U postgres" >/dev/null
    pg_start() {
      as_pg "$BIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    }
    if ! pg_start; then
      # The port is taken: when none was asked for, take any free one instead.
      [[ -n "${GOLDTHREAD_PG_PORT:-}" ]] && { tail -3 "$DIR/log" >&2; exit 1; }
      PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
      URL="postgresql://postgres@127.0.0.1:$PORT/goldthread_test"
      pg_start || { tail -3 "$DIR/log" >&2; exit 1; }
    fi
    echo "$PORT" > "$DIR/port"
    as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres goldthread_test"
    echo "$URL" ;;
  stop)
    [[ -d "$DIR/data" ]] && as_pg "$BIN/pg_ctl -D '$DIR/data' stop -m fast" >/dev/null 2>&1 || true ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
