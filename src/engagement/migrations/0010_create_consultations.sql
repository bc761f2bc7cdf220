-- Consultations with a survey (issue 14.1). The survey is kept as its source text (one
-- question a line, parsed by consultation_survey.cpp); a response is one row per person,
-- a draft until submitted; submitted answers are also stored one row per value so results
-- are counted by the database and free-text answers are moderated one by one.
CREATE TABLE consultations (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  description_html TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',
  survey TEXT NOT NULL DEFAULT '',
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  is_example INTEGER NOT NULL DEFAULT 0,
  you_said TEXT NOT NULL DEFAULT '',
  we_did TEXT NOT NULL DEFAULT '',
  outcome_html TEXT NOT NULL DEFAULT '',
  outcome_published_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX consultations_closes ON consultations (closes_on, id);

CREATE TABLE consultation_ambitions (
  consultation_id {{bigint}} NOT NULL REFERENCES consultations (id),
  ambition_id {{bigint}} NOT NULL,
  PRIMARY KEY (consultation_id, ambition_id)
);
CREATE INDEX consultation_ambitions_ambition ON consultation_ambitions (ambition_id);

CREATE TABLE consultation_areas (
  consultation_id {{bigint}} NOT NULL REFERENCES consultations (id),
  area_code TEXT NOT NULL,
  PRIMARY KEY (consultation_id, area_code)
);
CREATE INDEX consultation_areas_area ON consultation_areas (area_code);

CREATE TABLE consultation_responses (
  id {{id}},
  consultation_id {{bigint}} NOT NULL REFERENCES consultations (id),
  user_id {{bigint}} NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  anonymous INTEGER NOT NULL DEFAULT 0,
  area_code TEXT NOT NULL DEFAULT '',
  answers TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  UNIQUE (consultation_id, user_id)
);
CREATE INDEX consultation_responses_list ON consultation_responses (consultation_id, status, id);

CREATE TABLE consultation_answers (
  id {{id}},
  response_id {{bigint}} NOT NULL REFERENCES consultation_responses (id),
  consultation_id {{bigint}} NOT NULL REFERENCES consultations (id),
  question INTEGER NOT NULL,
  value TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  moderation TEXT NOT NULL DEFAULT 'none'
);
CREATE INDEX consultation_answers_count ON consultation_answers (consultation_id, question, value);
CREATE INDEX consultation_answers_response ON consultation_answers (response_id);
