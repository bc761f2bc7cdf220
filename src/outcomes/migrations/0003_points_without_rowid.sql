-- Issue 12.10: on SQLite the points live in their key's order (WITHOUT ROWID), so an import
-- maintains one B-tree instead of a table and an index, and an indicator's points are read
-- as one contiguous range. The key is the unique index of 0001; the surrogate id (read by
-- nothing) goes. PostgreSQL keeps its table and unique index.
-- Each import records the latest embargo date of the points it wrote, so pages can tell
-- cheaply whether some figure becomes public at a later midnight (no write marks that).
ALTER TABLE outcome_imports ADD COLUMN latest_embargo TEXT NOT NULL DEFAULT '';
UPDATE outcome_imports SET latest_embargo =
  COALESCE((SELECT MAX(p.embargo_until) FROM outcome_points p WHERE p.import_id = outcome_imports.id), '');
-- sqlite-only
CREATE TABLE outcome_points_keyed (
  indicator_id INTEGER NOT NULL REFERENCES outcome_indicators(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_months INTEGER NOT NULL,
  value TEXT,
  lci TEXT,
  uci TEXT,
  numerator TEXT,
  denominator TEXT,
  status TEXT NOT NULL DEFAULT 'final',
  quality TEXT NOT NULL DEFAULT '',
  embargo_until TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  import_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (indicator_id, period_start, period_months, period, area_code)
) WITHOUT ROWID;
INSERT INTO outcome_points_keyed (indicator_id, area_code, period, period_start, period_months, value, lci, uci,
                                  numerator, denominator, status, quality, embargo_until, notes, import_id)
  SELECT indicator_id, area_code, period, period_start, period_months, value, lci, uci, numerator, denominator, status,
         quality, embargo_until, notes, import_id FROM outcome_points;
DROP TABLE outcome_points;
ALTER TABLE outcome_points_keyed RENAME TO outcome_points;
-- end
