-- One full-text index over organisations, initiatives, strategies and the vision.
-- kind: organisation | initiative | strategy | ambition | priority; ref_id is the row's id.
-- Text is stored without the control characters \x01 and \x02, which mark highlights.
CREATE TABLE search_documents (
  id {{id}},
  kind TEXT NOT NULL,
  ref_id {{bigint}} NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  href TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
-- sqlite-only
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', content_rowid='id',
                                           tokenize='porter unicode61');
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- end
-- postgres-only
ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED;
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
-- end
