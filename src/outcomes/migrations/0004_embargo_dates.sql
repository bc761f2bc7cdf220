-- Issue 12.10: every embargo date of an imported point, and when its end was recorded. An
-- embargo ends at midnight without a write; the first request after it records the end with an
-- audited write (outcomes/embargo.cpp), so the data version moves and every cached page and
-- export that shows figures is built again with them.
CREATE TABLE outcome_embargo_dates (
  embargo_until TEXT PRIMARY KEY,
  ended_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO outcome_embargo_dates (embargo_until)
  SELECT DISTINCT embargo_until FROM outcome_points WHERE embargo_until <> '';
