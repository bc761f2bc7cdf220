-- Where a vision project's links to ambitions and priorities come from, when they are not the
-- partnership's own decision (e.g. "Inferred from the project's description, …"). Shown beside
-- the links on every page that lists them.
ALTER TABLE vision_projects ADD COLUMN links_note TEXT NOT NULL DEFAULT '';
