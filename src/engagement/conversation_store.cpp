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

}  // namespace goldthread::engagement
