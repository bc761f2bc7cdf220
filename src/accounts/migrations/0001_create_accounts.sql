-- People who sign in, their roles, sessions, password resets, sign-in attempts, e-mail outbox
-- and organisation memberships. Timestamps are ISO-8601 UTC text.
CREATE TABLE users (
  id {{id}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  -- Bumped when roles or memberships change; a session from an older version is rotated.
  privilege_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE user_roles (
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
-- Only the SHA-256 of a session id is stored, so a leaked table cannot be replayed.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  privilege_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets (user_id);
-- Failed sign-ins and reset requests, keyed by "account:<email>" or "address:<ip>".
CREATE TABLE auth_attempts (
  id {{id}},
  kind TEXT NOT NULL,
  attempt_key TEXT NOT NULL,
  occurred_at TEXT NOT NULL
);
CREATE INDEX auth_attempts_key ON auth_attempts (kind, attempt_key, occurred_at);
CREATE INDEX auth_attempts_time ON auth_attempts (occurred_at);
-- Messages waiting for the communications capability; read by tests and operators.
CREATE TABLE outbox (
  id {{id}},
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE TABLE memberships (
  id {{id}},
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  organisation_id {{bigint}} NOT NULL,
  status TEXT NOT NULL,
  admin INTEGER NOT NULL DEFAULT 0,
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by {{bigint}}
);
CREATE UNIQUE INDEX memberships_user_org ON memberships (user_id, organisation_id);
CREATE INDEX memberships_org ON memberships (organisation_id, status);
-- Server-wide secrets (the key that signs anonymous CSRF tokens), shared by every server.
CREATE TABLE account_secrets (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
