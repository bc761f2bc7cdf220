-- A conversation's stored opinion map: the one an import computed by replaying the vote
-- history (issue 15.7; the page shows it instead of a cold recompute of the final votes), or
-- a live conversation's latest background map with where each participant sits and the
-- statements' priorities, loaded at start so a restarted server has a map at once (15.4).
CREATE TABLE conversation_maps (
  conversation_id {{bigint}} PRIMARY KEY REFERENCES conversations(id),
  votes {{bigint}} NOT NULL,
  updates {{bigint}} NOT NULL,
  window_ms {{bigint}} NOT NULL,
  map TEXT NOT NULL,
  pid_groups TEXT NOT NULL DEFAULT '[]',
  priorities TEXT NOT NULL DEFAULT '[]',
  computed_at TEXT NOT NULL
);
