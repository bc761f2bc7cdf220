#include "engagement/conversation_store.hpp"

namespace goldthread::engagement {
namespace {
constexpr const char* kCols = "id, slug, title, description, source_url, attribution, created_at";
Conversation from_row(const core::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}
}  // namespace

std::vector<Conversation> list_conversations(core::Connection& c) {
  std::vector<Conversation> out;
  for (const auto& r : c.query(std::string("SELECT ") + kCols + " FROM conversations ORDER BY title").rows)
    out.push_back(from_row(r));
  return out;
}

std::optional<Conversation> try_find_conversation(core::Connection& c, const std::string& slug) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM conversations WHERE slug = ?", {slug});
  if (rs.rows.empty()) return std::nullopt;
  return from_row(rs.rows[0]);
}

std::optional<FollowTarget> find_follow_target(core::Connection& c, const std::string& type, std::int64_t id) {
  if (type == "conversation") {
    auto rs = c.query("SELECT title, slug FROM conversations WHERE id = ?", {id});
    if (rs.rows.empty()) return std::nullopt;
    return FollowTarget{rs.rows[0].text(0), "/conversations/" + rs.rows[0].text(1)};
  }
  if (type == "consultation") {
    auto rs = c.query("SELECT title, slug FROM consultations WHERE id = ?", {id});
    if (rs.rows.empty()) return std::nullopt;
    return FollowTarget{rs.rows[0].text(0), "/consultations/" + rs.rows[0].text(1)};
  }
  return std::nullopt;
}

ConversationData load_conversation_data(core::Connection& c, std::int64_t conversation_id) {
  ConversationData d;
  for (const auto& r :
       c.query("SELECT tid, body, moderation, is_meta FROM statements WHERE conversation_id = ? ORDER BY tid",
               {conversation_id})
           .rows) {
    d.statements[r.integer(0)] = r.text(1);
    d.moderation.push_back({r.integer(0), static_cast<int>(r.integer(2)), r.integer(3) != 0});
  }
  auto rs = c.query("SELECT pid, tid, vote, voted_at FROM votes WHERE conversation_id = ? ORDER BY tid, pid",
                    {conversation_id});
  d.votes.reserve(rs.rows.size());
  for (const auto& r : rs.rows)
    d.votes.push_back({r.integer(0), r.integer(1), static_cast<std::int8_t>(r.integer(2)), r.integer(3)});
  return d;
}

bool conversation_slug_taken(core::Connection& c, const std::string& slug) {
  return !c.query("SELECT id FROM conversations WHERE slug = ?", {slug}).rows.empty();
}

std::int64_t insert_conversation(core::Connection& c, const std::string& slug, const std::string& title,
                                 const std::string& description, const std::string& source_url,
                                 const std::string& attribution) {
  return c
      .query(
          "INSERT INTO conversations (slug, title, description, source_url, attribution, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {slug, title, description, source_url, attribution, core::now_utc()})
      .rows.at(0)
      .integer(0);
}

void insert_statement(core::Connection& c, std::int64_t conversation_id, std::int64_t tid, const std::string& body,
                      std::int64_t moderation, bool is_meta) {
  c.query("INSERT INTO statements (conversation_id, tid, body, moderation, is_meta) VALUES (?, ?, ?, ?, ?)",
          {conversation_id, tid, body, moderation, static_cast<std::int64_t>(is_meta ? 1 : 0)});
}

void insert_vote(core::Connection& c, std::int64_t conversation_id, std::int64_t pid, std::int64_t tid,
                 std::int64_t vote, std::int64_t voted_at) {
  c.query("INSERT INTO votes (conversation_id, pid, tid, vote, voted_at) VALUES (?, ?, ?, ?, ?)",
          {conversation_id, pid, tid, vote, voted_at});
}

std::int64_t count_statements(core::Connection& c, std::int64_t conversation_id) {
  return c.query("SELECT count(*) FROM statements WHERE conversation_id = ?", {conversation_id}).rows.at(0).integer(0);
}

void save_conversation_map(core::Connection& c, std::int64_t conversation_id, const StoredMap& m) {
  c.query(
      "INSERT INTO conversation_maps (conversation_id, votes, updates, window_ms, map, computed_at, pid_groups, "
      "priorities) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET votes = excluded.votes, "
      "updates = excluded.updates, window_ms = excluded.window_ms, map = excluded.map, "
      "computed_at = excluded.computed_at, pid_groups = excluded.pid_groups, priorities = excluded.priorities",
      {conversation_id, m.votes, m.updates, m.window_ms, m.map, m.computed_at, m.pid_groups, m.priorities});
}

std::optional<StoredMap> try_conversation_map(core::Connection& c, std::int64_t conversation_id) {
  auto rs = c.query(
      "SELECT votes, updates, window_ms, map, computed_at, pid_groups, priorities FROM conversation_maps "
      "WHERE conversation_id = ?",
      {conversation_id});
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  return StoredMap{r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}

}  // namespace goldthread::engagement
