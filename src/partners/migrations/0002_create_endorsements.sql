-- Areas served as a link table, so the directory can filter by area with an index.
CREATE TABLE organisation_areas (
  organisation_id {{bigint}} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  PRIMARY KEY (organisation_id, area_code)
);
CREATE INDEX organisation_areas_area ON organisation_areas (area_code, organisation_id);
CREATE INDEX organisations_sector_name ON organisations (sector, name);
CREATE INDEX organisations_name ON organisations (name);

-- An organisation's governance endorsing the place's vision (e.g. a council resolution).
-- endorsed_on is "YYYY-MM-DD" or "" when the source gives no date.
CREATE TABLE endorsements (
  id {{id}},
  organisation_id {{bigint}} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  place_id {{bigint}} NOT NULL,
  endorsed_on TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  decision_reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (place_id, organisation_id)
);
