-- Initiatives (existing and new work) and partner strategies, with link tables to the vision.
-- Ambition and priority ids are the places capability's ids; priority_id = 0 means "the
-- ambition as a whole". Areas are ONS codes. See docs/DECISIONS.md.
CREATE TABLE initiatives (
  id {{id}},
  place_id {{bigint}} NOT NULL,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  owner_organisation_id {{bigint}},
  status TEXT NOT NULL DEFAULT 'active',
  start_date TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  is_vision_project INTEGER NOT NULL DEFAULT 0,
  lead_name TEXT NOT NULL DEFAULT '',
  lead_user_id {{bigint}},
  sponsors_json TEXT NOT NULL DEFAULT '[]',
  partner_labels_json TEXT NOT NULL DEFAULT '[]',
  links_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (place_id, slug)
);
CREATE INDEX initiatives_owner ON initiatives (owner_organisation_id);
CREATE INDEX initiatives_status ON initiatives (place_id, status);
CREATE INDEX initiatives_lead ON initiatives (lead_user_id);

CREATE TABLE initiative_partners (
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  organisation_id {{bigint}} NOT NULL,
  PRIMARY KEY (initiative_id, organisation_id)
);
CREATE INDEX initiative_partners_org ON initiative_partners (organisation_id, initiative_id);

CREATE TABLE initiative_alignments (
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  ambition_id {{bigint}} NOT NULL,
  priority_id {{bigint}} NOT NULL DEFAULT 0,
  PRIMARY KEY (initiative_id, ambition_id, priority_id)
);
CREATE INDEX initiative_alignments_priority ON initiative_alignments (ambition_id, priority_id, initiative_id);

CREATE TABLE initiative_areas (
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  PRIMARY KEY (initiative_id, area_code)
);
CREATE INDEX initiative_areas_area ON initiative_areas (area_code, initiative_id);

-- kind: 'principle' (early-intervention, ...) or 'building-block' (a building block slug).
CREATE TABLE initiative_tags (
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (initiative_id, kind, value)
);

CREATE TABLE strategies (
  id {{id}},
  place_id {{bigint}} NOT NULL,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  owner_organisation_id {{bigint}},
  owner_label TEXT NOT NULL DEFAULT '',
  period_start TEXT NOT NULL DEFAULT '',
  period_end TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (place_id, slug)
);
CREATE INDEX strategies_owner ON strategies (owner_organisation_id);

-- The golden thread: what the strategy says about an ambition or one of its priorities.
CREATE TABLE strategy_alignments (
  strategy_id {{bigint}} NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  ambition_id {{bigint}} NOT NULL,
  priority_id {{bigint}} NOT NULL DEFAULT 0,
  statement TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (strategy_id, ambition_id, priority_id)
);
CREATE INDEX strategy_alignments_priority ON strategy_alignments (ambition_id, priority_id, strategy_id);

CREATE TABLE initiative_follows (
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  user_id {{bigint}} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (initiative_id, user_id)
);
CREATE INDEX initiative_follows_user ON initiative_follows (user_id);

CREATE TABLE connect_requests (
  id {{id}},
  initiative_id {{bigint}} NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  user_id {{bigint}} NOT NULL,
  user_name TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX connect_requests_initiative ON connect_requests (initiative_id, created_at);
