-- Follows, a core service (core/follows.hpp): a person follows a resource of any capability.
-- work's former initiative_follows rows are copied here by work/migrations/0004.
CREATE TABLE follows (
  resource_type TEXT NOT NULL,
  resource_id {{bigint}} NOT NULL,
  user_id {{bigint}} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (resource_type, resource_id, user_id)
);
CREATE INDEX follows_user ON follows (user_id);
