-- Opinion conversations: statements voted agree / disagree / pass (see src/opinion).
CREATE TABLE conversations (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  attribution TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE statements (
  id {{id}},
  conversation_id {{bigint}} NOT NULL REFERENCES conversations(id),
  tid {{bigint}} NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  moderation INTEGER NOT NULL DEFAULT 0,
  is_meta INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT '',
  UNIQUE (conversation_id, tid)
);

CREATE TABLE votes (
  conversation_id {{bigint}} NOT NULL REFERENCES conversations(id),
  pid {{bigint}} NOT NULL,
  tid {{bigint}} NOT NULL,
  vote INTEGER NOT NULL,
  voted_at {{bigint}} NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, pid, tid)
);
