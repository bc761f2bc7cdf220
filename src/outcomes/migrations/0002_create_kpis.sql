-- Shared KPIs (issue 12.6): indicators the partnership marks as KPIs of an ambition, with a
-- baseline for the place as a whole and a target; numbers as exact text (as outcome_points).
CREATE TABLE outcome_kpis (
  id {{id}},
  indicator_id {{bigint}} NOT NULL REFERENCES outcome_indicators(id) ON DELETE CASCADE,
  ambition_slug TEXT NOT NULL,
  baseline_value TEXT NOT NULL,
  baseline_period TEXT NOT NULL,
  target_value TEXT NOT NULL,
  target_period TEXT NOT NULL,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (indicator_id, ambition_slug)
);
CREATE INDEX outcome_kpis_ambition ON outcome_kpis (ambition_slug, indicator_id);

-- Targets for single areas, by the KPI's target period (the KPI's own target is the place's).
CREATE TABLE outcome_kpi_area_targets (
  kpi_id {{bigint}} NOT NULL REFERENCES outcome_kpis(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  target_value TEXT NOT NULL,
  PRIMARY KEY (kpi_id, area_code)
);

-- An organisation's sign-up to a KPI: the areas it works in (ONS codes, one a line), what it
-- contributes, who reports and how often (monthly | quarterly | annually).
CREATE TABLE outcome_kpi_signups (
  id {{id}},
  kpi_id {{bigint}} NOT NULL REFERENCES outcome_kpis(id) ON DELETE CASCADE,
  organisation_id {{bigint}} NOT NULL,
  areas TEXT NOT NULL DEFAULT '',
  contribution TEXT NOT NULL,
  reporter TEXT NOT NULL,
  frequency TEXT NOT NULL,
  created_by {{bigint}} NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kpi_id, organisation_id)
);
CREATE INDEX outcome_kpi_signups_org ON outcome_kpi_signups (organisation_id, kpi_id);
