#!/usr/bin/env bash
# A thread of 10,000 comments on one pledge (issue 14.4): the pledge's page (first page of the
# thread, with replies to depth 3) and a deep reply's page (/comments/{id}), with wrk. The
# comments are inserted with sqlite3 in one transaction (the shape the service writes: depth,
# reply_count kept); 2,000 top-level comments, each with 3 replies, each of those with one.
# Usage: bench/comments/run.sh [DB_FILE] [PORT]   (SQLite; needs wrk and sqlite3)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
DB="${1:-/tmp/bench-comments.db}"
PORT="${2:-18443}"
rm -f "$DB"
"$BIN" --database "sqlite:$DB" import place "$ROOT/data/places/essex.json" >/dev/null
sqlite3 "$DB" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO comments (resource_type, resource_id, parent_id, depth, author_user_id, author_name, body, body_html,
                      reply_count, created_at)
SELECT 'pledge', 1, 0, 1, 1, 'Bench Author ' || i, 'Top comment ' || i, '<p>Top comment ' || i || '</p>', 3,
       '2026-12-01T00:00:00Z' FROM n;
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 3)
INSERT INTO comments (resource_type, resource_id, parent_id, depth, author_user_id, author_name, body, body_html,
                      reply_count, created_at)
SELECT 'pledge', 1, c.id, 2, 1, 'Bench Replier', 'Reply ' || j, '<p>Reply ' || j || '</p>', 1, '2026-12-01T00:00:00Z'
FROM comments c, k WHERE c.depth = 1 ORDER BY c.id, j;
INSERT INTO comments (resource_type, resource_id, parent_id, depth, author_user_id, author_name, body, body_html,
                      reply_count, created_at)
SELECT 'pledge', 1, c.id, 3, 1, 'Bench Deep', 'Deep reply', '<p>Deep reply</p>', 0, '2026-12-01T00:00:00Z'
FROM comments c WHERE c.depth = 2 ORDER BY c.id;
COMMIT;
SELECT 'comments: ' || count(*) FROM comments;
SQL
DEEP_PARENT=$(sqlite3 "$DB" "SELECT max(id) FROM comments WHERE depth = 2")
"$BIN" --database "sqlite:$DB" serve --listen "127.0.0.1:$PORT" --threads 1 --assets "$ROOT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
for path in "/pledges/1" "/pledges/1?comments_after=1980" "/comments/$DEEP_PARENT" \
  "/api/v1/comments?resource_type=pledge&resource_id=1"; do
  curl -s -o /dev/null -w "== $path %{http_code}\n" "http://127.0.0.1:$PORT$path"
  wrk -t1 -c8 -d10s --latency "http://127.0.0.1:$PORT$path" | grep -E "50%|99%|Requests/sec|Non-2xx"
done
