-- Notifications, a core service (core/notifications.hpp): what happened on a resource of any
-- capability. Each row is one entry of the public activity stream ("what's happening") when
-- is_public; notification_inbox holds one row per follower it reached (read_at set when read).
-- tags: " ambition:12 area:E10000012 " (space-delimited, filtered with LIKE '% tag %').
-- Also: per-message extra header lines and a batch name in the mail outbox (List-Unsubscribe,
-- newsletter progress).
CREATE TABLE notifications (
  id {{id}},
  subject_type TEXT NOT NULL,
  subject_id {{bigint}} NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  href TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT ' ',
  is_public INTEGER NOT NULL DEFAULT 1,
  actor_user_id {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_public ON notifications (is_public, id);
CREATE INDEX notifications_kind ON notifications (kind, id);
CREATE TABLE notification_inbox (
  user_id {{bigint}} NOT NULL,
  notification_id {{bigint}} NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT,
  PRIMARY KEY (user_id, notification_id)
);
CREATE INDEX notification_inbox_created ON notification_inbox (created_at, user_id);
ALTER TABLE mail_outbox ADD COLUMN extra_headers TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN batch TEXT NOT NULL DEFAULT '';
CREATE INDEX mail_outbox_batch ON mail_outbox (batch, status);
