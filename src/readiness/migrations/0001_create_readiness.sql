-- Framework versions: the whole framework (blocks, statements, scale, recommendations) as the
-- JSON of docs/API.md, one row a version. Answers name their round's version.
CREATE TABLE readiness_frameworks (
  id {{id}},
  version {{bigint}} NOT NULL UNIQUE,
  body TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

-- Rounds. mode: facilitated (one answer an organisation) | individual (one a person).
-- invite_scope: everyone | organisations | sectors | areas, with invited a comma list of
-- organisation ids, sector codes or ONS codes. threshold: smallest group shown (>= 3).
CREATE TABLE readiness_rounds (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  framework_version {{bigint}} NOT NULL,
  mode TEXT NOT NULL,
  invite_scope TEXT NOT NULL DEFAULT 'everyone',
  invited TEXT NOT NULL DEFAULT '',
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  threshold {{bigint}} NOT NULL DEFAULT 5,
  is_example {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- One response per respondent and round: "org:<id>", "user:<id>" or "paper:<n>". The
-- organisation's sector and first area are recorded when the response is started.
CREATE TABLE readiness_responses (
  id {{id}},
  round_id {{bigint}} NOT NULL REFERENCES readiness_rounds(id) ON DELETE CASCADE,
  respondent_key TEXT NOT NULL,
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  user_id {{bigint}} NOT NULL DEFAULT 0,
  sector TEXT NOT NULL DEFAULT '',
  area_code TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  source TEXT NOT NULL DEFAULT 'online',
  updated_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  UNIQUE (round_id, respondent_key)
);
CREATE INDEX readiness_responses_round ON readiness_responses (round_id, status);

-- Levels 1-5; 0 = don't know.
CREATE TABLE readiness_answers (
  response_id {{bigint}} NOT NULL REFERENCES readiness_responses(id) ON DELETE CASCADE,
  statement_code TEXT NOT NULL,
  current_level {{bigint}} NOT NULL DEFAULT 0,
  desired_level {{bigint}} NOT NULL DEFAULT 0,
  evidence_text TEXT NOT NULL DEFAULT '',
  evidence_url TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, statement_code)
);

-- Actions on a weak block: commitments (pledges.hpp) of kind "readiness-action".
CREATE TABLE readiness_actions (
  commitment_id {{bigint}} PRIMARY KEY,
  round_id {{bigint}} NOT NULL REFERENCES readiness_rounds(id) ON DELETE CASCADE,
  block_slug TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX readiness_actions_round ON readiness_actions (round_id, block_slug);
