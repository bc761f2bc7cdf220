// One search store over both engines: FTS5 with bm25 on SQLite, a weighted tsvector with a
// GIN index and ts_rank on PostgreSQL. Both mark matches with \x01…\x02, which
// highlight_html() turns into <mark> after escaping the text.
#include <algorithm>
#include <cctype>

#include "work/work.hpp"
#include "work/work_rules.hpp"

namespace goldthread::work {
namespace {

constexpr std::size_t kMaxWords = 8;

// Words of the query: letters and digits (and any non-ASCII byte, so "café" stays a word).
std::vector<std::string> words_of(const std::string& q) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char ch : q) {
    if (std::isalnum(ch) || ch >= 0x80)
      cur.push_back(static_cast<char>(ch));
    else if (!cur.empty())
      out.push_back(std::move(cur)), cur.clear();
  }
  if (!cur.empty()) out.push_back(cur);
  if (out.size() > kMaxWords) out.resize(kMaxWords);
  return out;
}

// Every word quoted, so FTS5 operators in user input are just text; the last word also
// matches as a prefix ("partner" finds "partnership").
std::string fts5_query(const std::vector<std::string>& words) {
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!q.empty()) q += " ";
    q += "\"" + words[i] + "\"";
    if (i + 1 == words.size() && words[i].size() >= 3) q += "*";
  }
  return q;
}

SearchHit hit_from(const core::Row& r) {
  SearchHit h;
  h.kind = r.text(0);
  h.title = strip_markers(r.text(1));
  h.href = r.text(2);
  h.title_html = highlight_html(r.text(3));
  h.snippet_html = highlight_html(markdown_as_text(r.text(4)));
  h.rank = r.real(5);
  return h;
}

// Snippets read as prose: newlines and Markdown list marks become single spaces.
std::string flatten(const std::string& text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    bool list_mark =
        (ch == '-' || ch == '*') && (i == 0 || text[i - 1] == '\n') && i + 1 < text.size() && text[i + 1] == ' ';
    if (std::isspace(static_cast<unsigned char>(ch)) || list_mark) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' '), space = false;
    out.push_back(ch);
  }
  return out;
}

}  // namespace

void index_document(core::Connection& c, const std::string& kind, std::int64_t ref_id, const std::string& title,
                    const std::string& body, const std::string& href) {
  auto t = strip_markers(title), b = flatten(strip_markers(body));
  auto rs = c.query("SELECT id, title, body, href FROM search_documents WHERE kind = ? AND ref_id = ?", {kind, ref_id});
  if (rs.rows.empty()) {
    c.query("INSERT INTO search_documents (kind, ref_id, title, body, href) VALUES (?, ?, ?, ?, ?)",
            {kind, ref_id, t, b, href});
  } else if (rs.rows[0].text(1) != t || rs.rows[0].text(2) != b || rs.rows[0].text(3) != href) {
    c.query("UPDATE search_documents SET title = ?, body = ?, href = ? WHERE id = ?",
            {t, b, href, rs.rows[0].integer(0)});
  }
}

SearchPage search(core::Connection& c, const std::string& query, int page, int per_page) {
  SearchPage out;
  auto words = words_of(query);
  if (words.empty()) return out;
  per_page = std::clamp(per_page, 1, 50);
  std::int64_t offset = static_cast<std::int64_t>(std::max(0, page - 1)) * per_page;
  if (c.engine() == core::Engine::sqlite) {
    auto q = fts5_query(words);
    out.total = c.query("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", {q}).rows.at(0).integer(0);
    auto rs = c.query(
        "SELECT d.kind, d.title, d.href, highlight(search_fts, 0, char(1), char(2)), "
        "snippet(search_fts, 1, char(1), char(2), '…', 24), -bm25(search_fts, 5.0, 1.0) AS score "
        "FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 5.0, 1.0), d.id LIMIT ? OFFSET ?",
        {q, static_cast<std::int64_t>(per_page), offset});
    for (const auto& r : rs.rows) out.hits.push_back(hit_from(r));
    return out;
  }
  // websearch_to_tsquery accepts any text; the words keep stray punctuation out of it.
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  out.total = c.query("SELECT count(*) FROM search_documents WHERE tsv @@ websearch_to_tsquery('english', ?)", {text})
                  .rows.at(0)
                  .integer(0);
  // Headlines are computed for the page's rows only (the inner query sorts and limits first).
  auto rs = c.query(
      "SELECT s.kind, s.title, s.href, "
      "ts_headline('english', s.title, s.q, 'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)), "
      "ts_headline('english', s.body, s.q, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \", "
      "StartSel=' || chr(1) || ', StopSel=' || chr(2)), s.score "
      "FROM (SELECT d.id, d.kind, d.title, d.body, d.href, q, ts_rank(d.tsv, q) AS score "
      "      FROM search_documents d, websearch_to_tsquery('english', ?) q WHERE d.tsv @@ q "
      "      ORDER BY score DESC, d.id LIMIT ? OFFSET ?) s ORDER BY s.score DESC, s.id",
      {text, static_cast<std::int64_t>(per_page), offset});
  for (const auto& r : rs.rows) out.hits.push_back(hit_from(r));
  return out;
}

}  // namespace goldthread::work
