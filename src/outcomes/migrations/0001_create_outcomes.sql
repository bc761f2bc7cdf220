-- Indicators: what is measured, how, by whom, under which licence.
-- polarity: higher | lower | neither. value_type: percentage, rate, count, mean, index, money,
-- years, other. suppress_below: counts (numerators) below it are shown as "suppressed" (0 = off).
CREATE TABLE outcome_indicators (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  definition TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  value_type TEXT NOT NULL DEFAULT 'other',
  multiplier {{bigint}} NOT NULL DEFAULT 0,
  polarity TEXT NOT NULL DEFAULT 'neither',
  source_org TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  licence TEXT NOT NULL DEFAULT '',
  attribution TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL DEFAULT '',
  dataset TEXT NOT NULL DEFAULT '',
  suppress_below {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The ambitions and priorities an indicator measures, by the places capability's slugs.
CREATE TABLE outcome_indicator_links (
  indicator_id {{bigint}} NOT NULL REFERENCES outcome_indicators(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  slug TEXT NOT NULL,
  PRIMARY KEY (indicator_id, kind, slug)
);
CREATE INDEX outcome_indicator_links_slug ON outcome_indicator_links (kind, slug, indicator_id);

-- Comparator areas named by imports (region, England), which are not areas of the place.
CREATE TABLE outcome_comparators (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);

-- Data points. period is the canonical ISO 8601 text; period_start and period_months order it.
-- Numbers are kept as text (the shortest text of the parsed double): exact and equal on both engines.
-- value NULL: suppressed by the source. quality: '' | 'u' (low reliability) as published.
-- embargo_until "YYYY-MM-DD" or '': not shown anywhere before that date.
CREATE TABLE outcome_points (
  id {{id}},
  indicator_id {{bigint}} NOT NULL REFERENCES outcome_indicators(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_months {{bigint}} NOT NULL,
  value TEXT,
  lci TEXT,
  uci TEXT,
  numerator TEXT,
  denominator TEXT,
  status TEXT NOT NULL DEFAULT 'final',
  quality TEXT NOT NULL DEFAULT '',
  embargo_until TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  import_id {{bigint}} NOT NULL DEFAULT 0
);
-- One index for both jobs: the period text fixes its start and length, so this is unique on
-- (indicator, area, period) exactly, and it reads an indicator's points in period order.
CREATE UNIQUE INDEX outcome_points_key ON outcome_points (indicator_id, period_start, period_months, period, area_code);

-- One row per import: who, when, how many rows and what happened to them.
CREATE TABLE outcome_imports (
  id {{id}},
  file_name TEXT NOT NULL DEFAULT '',
  rows_read {{bigint}} NOT NULL DEFAULT 0,
  created {{bigint}} NOT NULL DEFAULT 0,
  updated {{bigint}} NOT NULL DEFAULT 0,
  unchanged {{bigint}} NOT NULL DEFAULT 0,
  actor_user_id {{bigint}} NOT NULL DEFAULT 0,
  organisation_id {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
