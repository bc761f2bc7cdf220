// SQL of news items, and of each person's mail preferences and digests.
#include "comms/comms_store.hpp"

namespace goldthread::comms::store {
namespace {

constexpr const char* kNewsCols =
    "id, slug, title, body_markdown, body_html, tags, organisation_id, author_user_id, author_name, published_at";

NewsItem news(const core::Row& r) {
  return {r.integer(0),       r.text(1),    r.text(2),    r.text(3), r.text(4),
          tags_of(r.text(5)), r.integer(6), r.integer(7), r.text(8), r.text(9)};
}

}  // namespace

bool news_slug_taken(core::Connection& c, const std::string& slug) {
  return !c.query("SELECT 1 FROM news_items WHERE slug = ?", {slug}).rows.empty();
}

std::int64_t insert_news(core::Connection& c, const NewsItem& n) {
  return c
      .query(
          "INSERT INTO news_items (slug, title, body_markdown, body_html, tags, organisation_id, author_user_id, "
          "author_name, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {n.slug, n.title, n.body_markdown, n.body_html, tags_text(n.tags), n.organisation_id, n.author_user_id,
           n.author_name, n.published_at})
      .rows.at(0)
      .integer(0);
}

std::optional<NewsItem> find_news(core::Connection& c, const std::string& slug) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kNewsCols + " FROM news_items WHERE slug = ?", {slug}));
  if (!r) return std::nullopt;
  return news(*r);
}

std::vector<NewsItem> list_news(core::Connection& c, const std::string& tag, int page, int per_page,
                                std::int64_t& total) {
  std::string where = tag.empty() ? "1 = 1" : "tags LIKE ?";
  std::vector<core::Value> params;
  if (!tag.empty()) params.emplace_back("% " + tag + " %");
  total = c.query("SELECT count(*) FROM news_items WHERE " + where, params).rows.at(0).integer(0);
  params.emplace_back(std::int64_t{per_page});
  params.emplace_back(static_cast<std::int64_t>(page - 1) * per_page);
  std::vector<NewsItem> out;
  for (const auto& r : c.query(std::string("SELECT ") + kNewsCols + " FROM news_items WHERE " + where +
                                   " ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
                               params)
                           .rows)
    out.push_back(news(r));
  return out;
}

std::map<std::int64_t, std::map<std::string, std::string>> preferences_of(core::Connection& c,
                                                                          const std::vector<std::int64_t>& users) {
  std::map<std::int64_t, std::map<std::string, std::string>> out;
  for (std::size_t at = 0; at < users.size(); at += 500) {
    std::string marks;
    std::vector<core::Value> params;
    for (std::size_t k = at; k < users.size() && k < at + 500; ++k) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(users[k]);
    }
    for (const auto& r :
         c.query("SELECT user_id, kind, frequency FROM comms_preferences WHERE user_id IN (" + marks + ")", params)
             .rows)
      out[r.integer(0)][r.text(1)] = r.text(2);
  }
  return out;
}

void set_preference(core::Connection& c, std::int64_t user_id, const std::string& kind, const std::string& frequency) {
  c.query("DELETE FROM comms_preferences WHERE user_id = ? AND kind = ?", {user_id, kind});
  c.query("INSERT INTO comms_preferences (user_id, kind, frequency) VALUES (?, ?, ?)", {user_id, kind, frequency});
}

std::optional<std::int64_t> user_of_token(core::Connection& c, const std::string& token) {
  auto r = core::first_row(c.query("SELECT user_id FROM comms_mail_tokens WHERE token = ?", {token}));
  if (!r) return std::nullopt;
  return r->integer(0);
}

bool record_digest(core::Connection& c, std::int64_t user_id, const std::string& period, const std::string& key,
                   std::int64_t entries, const std::string& now) {
  return c.query(
              "INSERT INTO comms_digests (user_id, period, period_key, entries, sent_at) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT DO NOTHING",
              {user_id, period, key, entries, now})
             .changes == 1;
}

void remove_person(core::Connection& c, std::int64_t user_id) {
  c.query("DELETE FROM comms_preferences WHERE user_id = ?", {user_id});
  c.query("DELETE FROM comms_mail_tokens WHERE user_id = ?", {user_id});
  c.query("DELETE FROM comms_digests WHERE user_id = ?", {user_id});
}

}  // namespace goldthread::comms::store

namespace goldthread::comms::store {

std::string mail_token(core::Connection& c, std::int64_t user_id, const std::string& fresh) {
  auto r = core::first_row(c.query("SELECT token FROM comms_mail_tokens WHERE user_id = ?", {user_id}));
  if (r) return r->text(0);
  c.query("INSERT INTO comms_mail_tokens (user_id, token) VALUES (?, ?)", {user_id, fresh});
  return fresh;
}

std::map<std::int64_t, std::string> mail_tokens(core::Connection& c, const std::vector<std::int64_t>& users,
                                                const std::function<std::string()>& fresh) {
  std::map<std::int64_t, std::string> out;
  for (std::size_t at = 0; at < users.size(); at += 500) {
    std::string marks;
    std::vector<core::Value> params;
    for (std::size_t k = at; k < users.size() && k < at + 500; ++k) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(users[k]);
    }
    for (const auto& r :
         c.query("SELECT user_id, token FROM comms_mail_tokens WHERE user_id IN (" + marks + ")", params).rows)
      out[r.integer(0)] = r.text(1);
  }
  for (auto u : users)
    if (!out.contains(u)) {
      auto t = fresh();
      c.query("INSERT INTO comms_mail_tokens (user_id, token) VALUES (?, ?)", {u, t});
      out[u] = t;
    }
  return out;
}

}  // namespace goldthread::comms::store
