CREATE TABLE places (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  vision_title TEXT NOT NULL,
  partnership TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  why TEXT NOT NULL DEFAULT '',
  who_started TEXT NOT NULL DEFAULT '',
  epigraph_text TEXT NOT NULL DEFAULT '',
  epigraph_by TEXT NOT NULL DEFAULT '',
  ambitions_intro TEXT NOT NULL DEFAULT '',
  statement_of_intent TEXT NOT NULL DEFAULT '',
  quotes_json TEXT NOT NULL DEFAULT '[]',
  sources_json TEXT NOT NULL DEFAULT '[]',
  attribution_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE areas (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  area_type TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL DEFAULT '',
  parent_code TEXT,
  council TEXT NOT NULL DEFAULT '',
  org_id TEXT NOT NULL DEFAULT '',
  gov_uk_slug TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (place_id, code)
);

CREATE TABLE ambitions (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  slug TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  quote TEXT NOT NULL DEFAULT '',
  priority_statement TEXT NOT NULL DEFAULT '',
  UNIQUE (place_id, slug)
);

CREATE TABLE priorities (
  id {{id}},
  ambition_id {{bigint}} NOT NULL REFERENCES ambitions(id),
  slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  also_known_as_json TEXT NOT NULL DEFAULT '[]',
  UNIQUE (ambition_id, slug)
);

CREATE TABLE building_blocks (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  slug TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (place_id, slug)
);

CREATE TABLE recommendations (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  slug TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  horizon TEXT NOT NULL DEFAULT '',
  aim TEXT NOT NULL DEFAULT '',
  actions_json TEXT NOT NULL DEFAULT '[]',
  building_blocks_json TEXT NOT NULL DEFAULT '[]',
  building_blocks_note TEXT NOT NULL DEFAULT '',
  UNIQUE (place_id, slug)
);

CREATE TABLE vision_projects (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  focus TEXT NOT NULL DEFAULT '',
  ambitions_json TEXT NOT NULL DEFAULT '[]',
  priorities_json TEXT NOT NULL DEFAULT '[]',
  UNIQUE (place_id, slug)
);

CREATE TABLE joint_working (
  id {{id}},
  place_id {{bigint}} NOT NULL REFERENCES places(id),
  ambition_slug TEXT NOT NULL,
  priority_slug TEXT NOT NULL,
  activity TEXT NOT NULL,
  position INTEGER NOT NULL,
  initiatives_json TEXT NOT NULL DEFAULT '[]',
  partners_json TEXT NOT NULL DEFAULT '[]',
  UNIQUE (place_id, ambition_slug, priority_slug, activity)
);
