#pragma once
// Full-text search, a core service called by name: every capability indexes its own resource
// types inside the transaction that changes them, and the /search page queries them all.
//   core::search::index(conn, "organisation", o.id, o.name, o.description, "/organisations/" + o.slug);
//   core::search::remove(conn, "organisation", o.id);
// One store over both engines: FTS5 with bm25 on SQLite, a weighted tsvector with a GIN index
// and ts_rank on PostgreSQL (table search_entries, core/migrations/0003; docs/DECISIONS.md).
#include <cstdint>
#include <string>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::core::search {

struct Hit {
  std::string type, title, url;
  std::string title_html, snippet_html;  // escaped text with <mark> around matched terms
  double rank = 0;
};
struct Page {
  std::vector<Hit> hits;
  std::int64_t total = 0;
};

// Adds or refreshes the entry of (type, id); writes nothing when nothing changed.
void index(Connection& c, const std::string& type, std::int64_t id, const std::string& title, const std::string& body,
           const std::string& url);
void remove(Connection& c, const std::string& type, std::int64_t id);
// Ranked results (title matches weigh more than the body); a query with no words finds nothing.
Page query(Connection& c, const std::string& text, int page = 1, int per_page = 10);

// Highlight markers: the store marks matches with \x01…\x02.
std::string strip_markers(std::string s);
// Escapes HTML, then turns \x01…\x02 into <mark>…</mark> (unbalanced markers are dropped).
std::string highlight_html(const std::string& marked);

}  // namespace goldthread::core::search
