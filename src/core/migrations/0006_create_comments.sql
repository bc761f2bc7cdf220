-- Comments, a core service (core/comments.hpp): a thread on a resource of any capability,
-- replies to depth 3. reply_count is kept in the transaction that adds a reply; the thread
-- is read by keyset (parent_id, id). hidden_reason <> '' = hidden by a moderator.
CREATE TABLE comments (
  id {{id}},
  resource_type TEXT NOT NULL,
  resource_id {{bigint}} NOT NULL,
  parent_id {{bigint}} NOT NULL DEFAULT 0,
  depth INTEGER NOT NULL DEFAULT 1,
  author_user_id {{bigint}} NOT NULL,
  author_name TEXT NOT NULL,
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  organisation_name TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  body_html TEXT NOT NULL,
  reply_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  edited_at TEXT NOT NULL DEFAULT '',
  hidden_reason TEXT NOT NULL DEFAULT '',
  hidden_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_thread ON comments (resource_type, resource_id, parent_id, id);
CREATE INDEX comments_replies ON comments (parent_id, id);
CREATE INDEX comments_author ON comments (author_user_id);
-- Reports by readers, the moderation queue: resolved_at '' = open.
CREATE TABLE comment_reports (
  id {{id}},
  comment_id {{bigint}} NOT NULL,
  reporter_user_id {{bigint}} NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comment_reports_open ON comment_reports (resolved_at, comment_id);
-- People a moderator has blocked from commenting.
CREATE TABLE comment_blocks (
  user_id {{bigint}} PRIMARY KEY,
  user_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  blocked_by {{bigint}} NOT NULL,
  created_at TEXT NOT NULL
);
