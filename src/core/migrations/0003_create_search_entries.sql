-- Full-text search, a core service (core/search.hpp): one index over every capability's
-- resource types. type: organisation | initiative | strategy | ambition | priority | ...;
-- resource_id is the row's id in its owner's table. Text is stored without the control
-- characters \x01 and \x02, which mark highlights. The entries of work's former
-- search_documents table are copied here by work/migrations/0004 (see docs/DECISIONS.md).
CREATE TABLE search_entries (
  id {{id}},
  resource_type TEXT NOT NULL,
  resource_id {{bigint}} NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL,
  UNIQUE (resource_type, resource_id)
);
-- sqlite-only
CREATE VIRTUAL TABLE search_entries_fts USING fts5(title, body, content='search_entries', content_rowid='id',
                                                   tokenize='porter unicode61');
CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
  INSERT INTO search_entries_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
  INSERT INTO search_entries_fts (search_entries_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
  INSERT INTO search_entries_fts (search_entries_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_entries_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- end
-- postgres-only
ALTER TABLE search_entries ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED;
CREATE INDEX search_entries_tsv ON search_entries USING GIN (tsv);
-- end
