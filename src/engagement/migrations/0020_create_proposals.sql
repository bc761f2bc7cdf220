-- Proposals: ideas from residents and partners, their supports (one per person) and the
-- official answer. `supports` is kept in the same transaction as each support row. No
-- foreign keys to other capabilities' tables: ambition_id and area_code are places' ids,
-- answer_initiative_id is work's (resolved through places.hpp / work.hpp).
CREATE TABLE proposals (
  id {{id}},
  place_id {{bigint}} NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  body_html TEXT NOT NULL,
  ambition_id {{bigint}} NOT NULL DEFAULT 0,
  area_code TEXT NOT NULL DEFAULT '',
  author_user_id {{bigint}} NOT NULL DEFAULT 0,
  author_name TEXT NOT NULL DEFAULT '',
  supports {{bigint}} NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  threshold_reached_at TEXT,
  answer_reasons TEXT NOT NULL DEFAULT '',
  answer_reasons_html TEXT NOT NULL DEFAULT '',
  answer_initiative_id {{bigint}} NOT NULL DEFAULT 0,
  answered_by_name TEXT NOT NULL DEFAULT '',
  answered_by_organisation TEXT NOT NULL DEFAULT '',
  answered_at TEXT,
  is_example INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- The index pages: newest, most supported, each filter with the most-supported order.
CREATE INDEX proposals_newest ON proposals (place_id, id);
CREATE INDEX proposals_supported ON proposals (place_id, supports, id);
CREATE INDEX proposals_status_supported ON proposals (place_id, status, supports, id);
CREATE INDEX proposals_ambition_supported ON proposals (place_id, ambition_id, supports, id);
CREATE INDEX proposals_area_supported ON proposals (place_id, area_code, supports, id);
-- A filter with a status too (e.g. an ambition's ideas awaiting an answer) seeks, not scans.
CREATE INDEX proposals_ambition_status_supported ON proposals (place_id, ambition_id, status, supports, id);
CREATE INDEX proposals_area_status_supported ON proposals (place_id, area_code, status, supports, id);

CREATE TABLE proposal_supports (
  proposal_id {{bigint}} NOT NULL REFERENCES proposals(id),
  user_id {{bigint}} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_supports_by_user ON proposal_supports (user_id);

-- The support threshold of each place (none: kDefaultSupportThreshold).
CREATE TABLE proposal_settings (
  place_id {{bigint}} PRIMARY KEY,
  support_threshold {{bigint}} NOT NULL
);
