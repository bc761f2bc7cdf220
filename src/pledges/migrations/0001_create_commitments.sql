-- The commitment mechanism shared by pledges, solution-room next steps and readiness actions
-- (see README.md). A commitment has text, an owner (a person, optionally an organisation with
-- the sector it had when the commitment was made), a due date and a status on the Open
-- Government Partnership's completion scale; progress updates are append-only. Organisation
-- and user ids belong to other capabilities: no foreign keys across capabilities.
CREATE TABLE commitments (
  id {{id}},
  kind TEXT NOT NULL,                       -- 'pledge', later 'next-step', 'readiness-action'
  href_prefix TEXT NOT NULL,                -- the commitment's page is href_prefix || id
  text TEXT NOT NULL,
  owner_user_id {{bigint}},                 -- NULL: a person without an account (bundled data)
  owner_name TEXT NOT NULL,
  owner_role TEXT NOT NULL DEFAULT '',      -- e.g. "Assistant Chief Constable"
  organisation_id {{bigint}},               -- NULL: for themselves or as a resident
  sector TEXT NOT NULL DEFAULT '',          -- the organisation's sector when it was made
  side TEXT NOT NULL,                       -- public-sector | business | voluntary-community | residents | other
  due_on TEXT NOT NULL DEFAULT '',          -- YYYY-MM-DD or '' (none given)
  status TEXT NOT NULL DEFAULT 'not-started',
  last_update_at TEXT NOT NULL,             -- when made, or its newest progress update
  source_key TEXT UNIQUE,                   -- bundled data's natural key (idempotent seeding)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX commitments_owner ON commitments (owner_user_id, due_on);
CREATE INDEX commitments_organisation ON commitments (organisation_id, status);
CREATE INDEX commitments_kind_created ON commitments (kind, created_at, id);
CREATE INDEX commitments_status ON commitments (status, last_update_at);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE commitment_updates (
  id {{id}},
  commitment_id {{bigint}} NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  evidence_text TEXT NOT NULL DEFAULT '',
  evidence_url TEXT NOT NULL DEFAULT '',
  author_user_id {{bigint}},
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX commitment_updates_commitment ON commitment_updates (commitment_id, id);

-- One row per reminder sent: the key makes the sweep idempotent (the due date for "due-soon",
-- the date of the last update for the two staleness reminders).
CREATE TABLE commitment_reminders (
  commitment_id {{bigint}} NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                       -- due-soon | no-recent-update | overdue-update
  reminder_key TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (commitment_id, kind, reminder_key)
);
