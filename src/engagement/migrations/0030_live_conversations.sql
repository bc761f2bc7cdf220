-- Live opinion conversations (issue 15): how a conversation opened here runs, who takes part,
-- and who wrote a statement and why one was rejected. Imported conversations have no
-- live_settings row and stay read-only.
CREATE TABLE live_settings (
  conversation_id {{bigint}} PRIMARY KEY REFERENCES conversations(id),
  ambitions TEXT NOT NULL DEFAULT '',
  areas TEXT NOT NULL DEFAULT '',
  moderation TEXT NOT NULL DEFAULT 'after',
  participants_add INTEGER NOT NULL DEFAULT 1,
  anonymous INTEGER NOT NULL DEFAULT 1,
  opens_on TEXT NOT NULL DEFAULT '',
  closes_on TEXT NOT NULL DEFAULT '',
  opened_by {{bigint}} NOT NULL DEFAULT 0
);

CREATE TABLE live_participants (
  conversation_id {{bigint}} NOT NULL REFERENCES conversations(id),
  pid {{bigint}} NOT NULL,
  browser TEXT NOT NULL DEFAULT '',
  user_id {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, pid)
);
CREATE INDEX live_participants_browser ON live_participants (conversation_id, browser);
CREATE INDEX live_participants_user ON live_participants (conversation_id, user_id);

ALTER TABLE statements ADD COLUMN author_pid {{bigint}} NOT NULL DEFAULT -1;
ALTER TABLE statements ADD COLUMN reject_reason TEXT NOT NULL DEFAULT '';
