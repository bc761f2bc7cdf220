// The only SQL of core::comments.
#include "core/comments_store.hpp"

namespace goldthread::core::comments::store {
namespace {

constexpr const char* kColumns =
    "id, resource_type, resource_id, parent_id, depth, author_user_id, author_name, organisation_id, "
    "organisation_name, body, body_html, reply_count, created_at, edited_at, hidden_reason";

Comment from_row(const Row& r) {
  Comment m;
  m.id = r.integer(0);
  m.resource_type = r.text(1);
  m.resource_id = r.integer(2);
  m.parent_id = r.integer(3);
  m.depth = static_cast<int>(r.integer(4));
  m.author_user_id = r.integer(5);
  m.author_name = r.text(6);
  m.organisation_id = r.integer(7);
  m.organisation_name = r.text(8);
  m.body = r.text(9);
  m.body_html = r.text(10);
  m.reply_count = r.integer(11);
  m.created_at = r.text(12);
  m.edited_at = r.text(13);
  m.hidden_reason = r.text(14);
  return m;
}

std::vector<Comment> all(const ResultSet& rs) {
  std::vector<Comment> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) out.push_back(from_row(r));
  return out;
}

std::string select() {
  return std::string("SELECT ") + kColumns + " FROM comments ";
}

}  // namespace

std::int64_t insert(Connection& c, const Comment& m) {
  return c
      .query(
          "INSERT INTO comments (resource_type, resource_id, parent_id, depth, author_user_id, author_name, "
          "organisation_id, organisation_name, body, body_html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {m.resource_type, m.resource_id, m.parent_id, static_cast<std::int64_t>(m.depth), m.author_user_id,
           m.author_name, m.organisation_id, m.organisation_name, m.body, m.body_html, m.created_at})
      .rows.at(0)
      .integer(0);
}

std::optional<Comment> find(Connection& c, std::int64_t id) {
  auto rs = c.query(select() + "WHERE id = ?", {id});
  if (rs.rows.empty()) return std::nullopt;
  return from_row(rs.rows[0]);
}

void count_reply(Connection& c, std::int64_t parent_id) {
  c.query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?", {parent_id});
}

std::vector<Comment> top_level(Connection& c, const std::string& type, std::int64_t id, std::int64_t after_id,
                               int limit) {
  return all(
      c.query(select() + "WHERE resource_type = ? AND resource_id = ? AND parent_id = 0 AND id > ? ORDER BY id LIMIT ?",
              {type, id, after_id, static_cast<std::int64_t>(limit)}));
}

std::vector<Comment> first_replies(Connection& c, const std::vector<std::int64_t>& parents, int per_parent) {
  if (parents.empty()) return {};
  // One short index range per parent (comments_replies), joined in one statement.
  std::string sql;
  std::vector<Value> params;
  for (auto p : parents) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT * FROM (" + select() + "WHERE parent_id = ? ORDER BY id LIMIT ?) AS r" + std::to_string(p);
    params.emplace_back(std::in_place_type<std::int64_t>, p);
    params.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(per_parent));
  }
  return all(c.query(sql + " ORDER BY parent_id, id", params));
}

std::vector<Comment> replies(Connection& c, std::int64_t parent_id, std::int64_t after_id, int limit) {
  return all(c.query(select() + "WHERE parent_id = ? AND id > ? ORDER BY id LIMIT ?",
                     {parent_id, after_id, static_cast<std::int64_t>(limit)}));
}

std::int64_t count_for(Connection& c, const std::string& type, std::int64_t id) {
  return c.query("SELECT count(*) FROM comments WHERE resource_type = ? AND resource_id = ?", {type, id})
      .rows.at(0)
      .integer(0);
}

void update_body(Connection& c, std::int64_t id, const std::string& body, const std::string& html,
                 const std::string& edited_at) {
  c.query("UPDATE comments SET body = ?, body_html = ?, edited_at = ? WHERE id = ?", {body, html, edited_at, id});
}

void set_hidden(Connection& c, std::int64_t id, const std::string& reason, const std::string& at) {
  c.query("UPDATE comments SET hidden_reason = ?, hidden_at = ? WHERE id = ?", {reason, at, id});
}

std::int64_t add_report(Connection& c, std::int64_t comment_id, std::int64_t reporter, const std::string& reason) {
  return c
      .query(
          "INSERT INTO comment_reports (comment_id, reporter_user_id, reason, created_at) VALUES (?, ?, ?, ?) "
          "RETURNING id",
          {comment_id, reporter, reason, now_utc()})
      .rows.at(0)
      .integer(0);
}

std::int64_t resolve_reports(Connection& c, std::int64_t comment_id) {
  return c
      .query("UPDATE comment_reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at = ''",
             {now_utc(), comment_id})
      .changes;
}

std::vector<Reported> open_reports(Connection& c, int limit) {
  std::vector<Reported> out;
  auto ids = c.query(
      "SELECT comment_id, min(id) AS first FROM comment_reports WHERE resolved_at = '' GROUP BY comment_id "
      "ORDER BY first LIMIT ?",
      {static_cast<std::int64_t>(limit)});
  for (const auto& r : ids.rows) {
    auto m = find(c, r.integer(0));
    if (!m) continue;
    Reported rep{*m, {}, 0};
    for (const auto& x : c.query("SELECT reason FROM comment_reports WHERE comment_id = ? AND resolved_at = '' "
                                 "ORDER BY id",
                                 {m->id})
                             .rows)
      rep.reasons.push_back(x.text(0));
    rep.reports = static_cast<std::int64_t>(rep.reasons.size());
    out.push_back(std::move(rep));
  }
  return out;
}

std::vector<Comment> hidden(Connection& c, int limit) {
  return all(c.query(select() + "WHERE hidden_reason <> '' ORDER BY hidden_at DESC, id DESC LIMIT ?",
                     {static_cast<std::int64_t>(limit)}));
}

bool is_blocked(Connection& c, std::int64_t user_id) {
  return !c.query("SELECT 1 FROM comment_blocks WHERE user_id = ?", {user_id}).rows.empty();
}

bool block(Connection& c, const Block& b, std::int64_t by) {
  if (is_blocked(c, b.user_id)) return false;
  c.query("INSERT INTO comment_blocks (user_id, user_name, reason, blocked_by, created_at) VALUES (?, ?, ?, ?, ?)",
          {b.user_id, b.user_name, b.reason, by, now_utc()});
  return true;
}

bool unblock(Connection& c, std::int64_t user_id) {
  return c.query("DELETE FROM comment_blocks WHERE user_id = ?", {user_id}).changes > 0;
}

std::vector<Block> blocks(Connection& c) {
  std::vector<Block> out;
  for (const auto& r :
       c.query("SELECT user_id, user_name, reason, created_at FROM comment_blocks ORDER BY created_at, user_id").rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

void redact_author(Connection& c, std::int64_t user_id, const std::string& as_name) {
  c.query("UPDATE comments SET author_name = ? WHERE author_user_id = ?", {as_name, user_id});
  c.query("UPDATE comment_blocks SET user_name = ? WHERE user_id = ?", {as_name, user_id});
}

void remove_text_by_author(Connection& c, std::int64_t user_id) {
  c.query("UPDATE comments SET body = '', body_html = ?, organisation_name = '' WHERE author_user_id = ?",
          {std::string("<p><em>Removed by its author.</em></p>"), user_id});
}

std::optional<std::string> author_name(Connection& c, std::int64_t user_id) {
  auto rs = c.query("SELECT author_name FROM comments WHERE author_user_id = ? ORDER BY id DESC LIMIT 1", {user_id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].text(0);
}

}  // namespace goldthread::core::comments::store
