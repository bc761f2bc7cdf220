-- The audit trail: every create, update and delete, written in the same transaction as the change.
CREATE TABLE audit_events (
  id {{id}},
  occurred_at TEXT NOT NULL,
  actor_user_id {{bigint}},
  actor_name TEXT NOT NULL DEFAULT '',
  organisation_id {{bigint}},
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id);
CREATE INDEX audit_events_time ON audit_events (occurred_at);
