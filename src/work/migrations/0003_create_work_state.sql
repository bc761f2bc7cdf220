-- A version number bumped by every write that can change the alignment matrix, so that
-- servers can cache the aggregation and know when it is stale (see docs/DECISIONS.md).
-- token tells databases apart (set on first use to a random value).
CREATE TABLE work_state (
  id INTEGER PRIMARY KEY,
  version {{bigint}} NOT NULL DEFAULT 0,
  token TEXT NOT NULL DEFAULT ''
);
INSERT INTO work_state (id, version, token) VALUES (1, 0, '');
