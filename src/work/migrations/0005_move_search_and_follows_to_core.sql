-- Search and follows became core services (core/search.hpp, core/follows.hpp). Core's
-- migrations 0003 and 0004 created their tables; this hands work's rows over and drops work's
-- tables (it runs after core's migrations on every database: core registers first).
INSERT INTO search_entries (resource_type, resource_id, title, body, url)
  SELECT kind, ref_id, title, body, href FROM search_documents ORDER BY id;
INSERT INTO follows (resource_type, resource_id, user_id, created_at)
  SELECT 'initiative', initiative_id, user_id, created_at FROM initiative_follows;
DROP TABLE initiative_follows;
DROP TABLE search_documents;
-- sqlite-only
DROP TABLE search_fts;
-- end
