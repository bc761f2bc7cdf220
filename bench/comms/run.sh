#!/usr/bin/env bash
# Issue 16.6 (docs/PERFORMANCE.md, "Newsletter and digests at scale"), on SQLite:
#   1. a newsletter issue queued for SUBSCRIBERS confirmed subscribers (`goldthread comms send`:
#      batches of 500, one transaction each, 50 ms apart) — time and peak RSS; meanwhile another process
#      writes to the database every 20 ms and reports its slowest write (how long the batches
#      kept SQLite's write lock from others);
#   2. those messages delivered into the local SMTP server (scripts/smtp_sink.py, aiosmtpd) by
#      `goldthread comms deliver` — messages a second; then what the server alone accepts,
#      measured the same way (one SMTP conversation a message, from one client);
#   3. a daily digest for PEOPLE people over EVENTS notification events of yesterday
#      (`goldthread comms digest daily`) — time and peak RSS.
# Usage: bench/comms/run.sh [SUBSCRIBERS=100000] [PEOPLE=100000] [EVENTS=1000000] [DELIVER=all|N]
# DELIVER caps step 2 (the sink writes one file a message). Needs build/release/goldthread,
# sqlite3, /usr/bin/time and python3-aiosmtpd.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${GOLDTHREAD_BIN:-$ROOT/build/release/goldthread}"
SUBSCRIBERS="${1:-100000}"
PEOPLE="${2:-100000}"
EVENTS="${3:-1000000}"
DELIVER="${4:-all}"
PORT="${GOLDTHREAD_BENCH_SMTP_PORT:-56499}"
WORK="$(mktemp -d /tmp/comms-bench.XXXXXX)"
DB="$WORK/bench.db"
export DATABASE_URL="sqlite:$DB" GOLDTHREAD_BASE_URL="http://localhost:8080"
SINK=""
cleanup() { [ -n "$SINK" ] && kill "$SINK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
peak() { /usr/bin/time -f "  wall %e s, peak RSS %M KiB" "$@"; }

"$BIN" migrate >/dev/null
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
TODAY="$(date -u +%Y-%m-%d)"
YESTERDAY="$(date -u -d yesterday +%Y-%m-%d)"

echo "== 1. queue one issue for $SUBSCRIBERS confirmed subscribers"
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SUBSCRIBERS)
INSERT INTO newsletter_subscribers (email, token, status, interests, created_at, confirmed_at)
SELECT 'reader' || i || '@bench.example', 'token' || i, 'confirmed', ' ', '$NOW', '$NOW' FROM n;
INSERT INTO newsletter_issues (subject, body_markdown, body_html, created_at)
VALUES ('Bench issue', 'Hello **Essex**: news of the partnership.', '<p>Hello <strong>Essex</strong>: news of the partnership.</p>', '$NOW');
SQL
ISSUE="$(sqlite3 "$DB" "SELECT max(id) FROM newsletter_issues")"
sqlite3 "$DB" "PRAGMA journal_mode = WAL; CREATE TABLE bench_probe (at TEXT)" >/dev/null
/usr/bin/python3 - "$DB" "$WORK/probe.stop" >"$WORK/probe.out" <<'PY' &
import os, sqlite3, sys, time
db, stop = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, timeout=60, isolation_level=None)
worst, n = 0.0, 0
while not os.path.exists(stop):
    t = time.time()
    c.execute("BEGIN IMMEDIATE"); c.execute("INSERT INTO bench_probe VALUES (?)", (str(t),)); c.execute("COMMIT")
    worst, n = max(worst, time.time() - t), n + 1
    time.sleep(0.02)
print("  meanwhile %d writes by another process; the slowest waited %.0f ms" % (n, worst * 1000))
PY
PROBE=$!
peak "$BIN" comms send "$ISSUE"
touch "$WORK/probe.stop"; wait "$PROBE"; cat "$WORK/probe.out"
echo "  outbox rows: $(sqlite3 "$DB" "SELECT count(*) FROM mail_outbox WHERE batch = 'newsletter-$ISSUE'")"

echo "== 2. deliver into the local SMTP server (port $PORT)"
mkdir -p "$WORK/mail"
/usr/bin/python3 "$ROOT/scripts/smtp_sink.py" --port "$PORT" --dir "$WORK/mail" >/dev/null 2>&1 &
SINK=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
if [ "$DELIVER" != "all" ]; then
  # Leave only the first DELIVER messages due now; the rest wait an hour.
  sqlite3 "$DB" "UPDATE mail_outbox SET next_attempt_at = '9999-01-01T00:00:00Z' WHERE id NOT IN (SELECT id FROM mail_outbox ORDER BY id LIMIT $DELIVER)"
fi
GOLDTHREAD_SMTP_HOST=127.0.0.1 GOLDTHREAD_SMTP_PORT="$PORT" GOLDTHREAD_SMTP_SECURITY=none \
  GOLDTHREAD_MAIL_FROM=news@bench.example peak "$BIN" comms deliver
echo "  files the server wrote: $(find "$WORK/mail" -name '*.eml' | wc -l)"
N_ALONE="${GOLDTHREAD_BENCH_ALONE:-5000}"
echo "  the server alone: $N_ALONE messages, one SMTP conversation each, from one Python client"
/usr/bin/python3 - "$PORT" "$N_ALONE" <<'PY'
import smtplib, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
msg = "From: news@bench.example\r\nTo: x@bench.example\r\nSubject: Bench\r\n\r\n" + "Hello Essex.\r\n" * 20
t = time.time()
for i in range(n):
    with smtplib.SMTP("127.0.0.1", port) as s:
        s.sendmail("news@bench.example", ["alone%d@bench.example" % i], msg)
dt = time.time() - t
print("  %d messages in %.1f s (%d a second)" % (n, dt, n / dt))
PY
kill "$SINK"; SINK=""
rm -rf "$WORK/mail"

echo "== 3. daily digest: $PEOPLE people, $EVENTS notification events yesterday"
PER=$(( EVENTS / PEOPLE ))
NOTES=$(( PEOPLE / 10 > 0 ? PEOPLE / 10 : 1 ))
sqlite3 "$DB" <<SQL
PRAGMA journal_mode = WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PEOPLE)
INSERT INTO users (email, name, password_hash, created_at, updated_at)
SELECT 'person' || i || '@bench.example', 'Person ' || i, 'x', '$NOW', '$NOW' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $NOTES)
INSERT INTO notifications (subject_type, subject_id, kind, title, href, created_at)
SELECT 'initiative', i, 'initiative', 'Update ' || i, '/initiatives/bench-' || i, '${YESTERDAY}T12:00:00Z' FROM n;
-- Each person: PER events of yesterday, spread over the notifications.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS - 1)
INSERT INTO notification_inbox (user_id, notification_id, kind, created_at)
SELECT (SELECT min(id) FROM users WHERE email LIKE 'person%') + i / $PER,
       1 + (i * 7919) % $NOTES, 'initiative',
       '${YESTERDAY}T' || printf('%02d', (i % 24)) || ':00:00Z'
FROM n;
SQL
echo "  inbox rows: $(sqlite3 "$DB" "SELECT count(*) FROM notification_inbox")"
peak "$BIN" comms digest daily --today "$TODAY"
echo "  digest messages queued: $(sqlite3 "$DB" "SELECT count(*) FROM mail_outbox WHERE subject LIKE '%digest%' OR batch LIKE 'digest%'")"
echo "  a second run (idempotent):"
peak "$BIN" comms digest daily --today "$TODAY"
