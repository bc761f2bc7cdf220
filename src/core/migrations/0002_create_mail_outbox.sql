-- The mail outbox (core::mail, docs/ARCHITECTURE.md "Mail"). A capability writes a message in
-- the transaction of the action that causes it; the background sender delivers it over SMTP.
-- status: queued → sending → sent, or back to queued with a later next_attempt_at after a
-- failure, or dead after the configured number of attempts (docs/DECISIONS.md "Mail").
-- Times with milliseconds: "2026-12-01T09:00:00.000Z" (they compare as text).
CREATE TABLE mail_outbox (
  id {{id}},
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_to ON mail_outbox (to_address);
