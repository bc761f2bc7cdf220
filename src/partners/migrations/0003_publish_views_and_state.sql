-- Views published for other capabilities' aggregate queries (read-only; the column names are
-- the contract). The work capability filters and orders its counts by an organisation's
-- sector, areas and name inside one GROUP BY; an id list instead would be an unbounded
-- parameter list. See docs/DECISIONS.md, "Reading another capability's data".
CREATE VIEW partner_organisations AS
  SELECT id AS organisation_id, slug, name, sector FROM organisations;
CREATE VIEW partner_organisation_areas AS
  SELECT organisation_id, area_code FROM organisation_areas;
-- A version bumped by every organisation write, so another capability's cache of data that
-- depends on organisations (the alignment matrix by sector or area) knows when it is stale.
CREATE TABLE partners_state (
  id INTEGER PRIMARY KEY,
  version {{bigint}} NOT NULL DEFAULT 0
);
INSERT INTO partners_state (id, version) VALUES (1, 0);
