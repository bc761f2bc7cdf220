// One search store over both engines: FTS5 with bm25 on SQLite, a weighted tsvector with a
// GIN index and ts_rank on PostgreSQL. Both mark matches with \x01…\x02, which
// highlight_html() turns into <mark> after escaping the text.
#include <algorithm>
#include <cctype>

#include "core/search.hpp"
#include "core/text.hpp"

namespace goldthread::core::search {
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

Hit hit_from(const Row& r) {
  Hit h;
  h.type = r.text(0);
  h.title = strip_markers(r.text(1));
  h.url = r.text(2);
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

std::string markdown_as_text(const std::string& md) {
  std::string out;
  out.reserve(md.size());
  bool line_start = true;
  for (std::size_t i = 0; i < md.size(); ++i) {
    char ch = md[i];
    if (line_start && (ch == '#' || ch == '>' || ch == ' ')) continue;  // "## Heading", "> quote"
    line_start = ch == '\n';
    if (ch == '*' || ch == '`' || ch == '~') continue;
    // "_emphasis_" and "__bold__": an underscore at the edge of a word; inside one
    // (snake_case) it is part of the word.
    if (ch == '_') {
      auto word = [&](std::size_t k) { return k < md.size() && std::isalnum(static_cast<unsigned char>(md[k])); };
      if (!(i > 0 && word(i - 1) && word(i + 1))) continue;
    }
    if (ch == '[') continue;
    if (ch == ']' && i + 1 < md.size() && md[i + 1] == '(') {  // "](target)": drop the target
      auto close = md.find(')', i + 2);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    out.push_back(ch);
  }
  return out;
}

std::string strip_markers(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char ch) { return ch == '\x01' || ch == '\x02'; }), s.end());
  return s;
}

std::string highlight_html(const std::string& marked) {
  std::string out;
  out.reserve(marked.size() + 32);
  bool open = false;
  for (char ch : marked) {
    switch (ch) {
      case '\x01':
        if (!open) out += "<mark>", open = true;
        break;
      case '\x02':
        if (open) out += "</mark>", open = false;
        break;
      default:
        append_html_escaped(out, ch);
    }
  }
  if (open) out += "</mark>";
  return out;
}

void index(Connection& c, const std::string& type, std::int64_t id, const std::string& title, const std::string& body,
           const std::string& url) {
  auto t = strip_markers(title), b = flatten(strip_markers(body));
  auto rs = c.query("SELECT id, title, body, url FROM search_entries WHERE resource_type = ? AND resource_id = ?",
                    {type, id});
  if (rs.rows.empty()) {
    c.query("INSERT INTO search_entries (resource_type, resource_id, title, body, url) VALUES (?, ?, ?, ?, ?)",
            {type, id, t, b, url});
  } else if (rs.rows[0].text(1) != t || rs.rows[0].text(2) != b || rs.rows[0].text(3) != url) {
    c.query("UPDATE search_entries SET title = ?, body = ?, url = ? WHERE id = ?", {t, b, url, rs.rows[0].integer(0)});
  }
}

void remove(Connection& c, const std::string& type, std::int64_t id) {
  c.query("DELETE FROM search_entries WHERE resource_type = ? AND resource_id = ?", {type, id});
}

Page query(Connection& c, const std::string& text_in, int page, int per_page) {
  Page out;
  auto words = words_of(text_in);
  if (words.empty()) return out;
  per_page = std::clamp(per_page, 1, 50);
  std::int64_t offset = static_cast<std::int64_t>(std::max(0, page - 1)) * per_page;
  if (c.engine() == Engine::sqlite) {
    auto q = fts5_query(words);
    out.total =
        c.query("SELECT count(*) FROM search_entries_fts WHERE search_entries_fts MATCH ?", {q}).rows.at(0).integer(0);
    auto rs = c.query(
        "SELECT d.resource_type, d.title, d.url, highlight(search_entries_fts, 0, char(1), char(2)), "
        "snippet(search_entries_fts, 1, char(1), char(2), '…', 24), -bm25(search_entries_fts, 5.0, 1.0) AS score "
        "FROM search_entries_fts JOIN search_entries d ON d.id = search_entries_fts.rowid "
        "WHERE search_entries_fts MATCH ? ORDER BY bm25(search_entries_fts, 5.0, 1.0), d.id LIMIT ? OFFSET ?",
        {q, static_cast<std::int64_t>(per_page), offset});
    for (const auto& r : rs.rows) out.hits.push_back(hit_from(r));
    return out;
  }
  // websearch_to_tsquery accepts any text; the words keep stray punctuation out of it.
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  out.total = c.query("SELECT count(*) FROM search_entries WHERE tsv @@ websearch_to_tsquery('english', ?)", {text})
                  .rows.at(0)
                  .integer(0);
  // Headlines are computed for the page's rows only (the inner query sorts and limits first).
  auto rs = c.query(
      "SELECT s.resource_type, s.title, s.url, "
      "ts_headline('english', s.title, s.q, 'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)), "
      "ts_headline('english', s.body, s.q, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \", "
      "StartSel=' || chr(1) || ', StopSel=' || chr(2)), s.score "
      "FROM (SELECT d.id, d.resource_type, d.title, d.body, d.url, q, ts_rank(d.tsv, q) AS score "
      "      FROM search_entries d, websearch_to_tsquery('english', ?) q WHERE d.tsv @@ q "
      "      ORDER BY score DESC, d.id LIMIT ? OFFSET ?) s ORDER BY s.score DESC, s.id",
      {text, static_cast<std::int64_t>(per_page), offset});
  for (const auto& r : rs.rows) out.hits.push_back(hit_from(r));
  return out;
}

}  // namespace goldthread::core::search
