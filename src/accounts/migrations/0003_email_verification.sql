-- E-mail addresses are confirmed by a link sent to them (docs/DECISIONS.md "E-mail
-- verification"). NULL = not confirmed: accounts made before this are marked unconfirmed and
-- can ask for a link from their account page. A change of address waits in
-- email_verifications until its link is opened; only the SHA-256 of a token is stored.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
CREATE TABLE email_verifications (
  token_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX email_verifications_user ON email_verifications (user_id);
