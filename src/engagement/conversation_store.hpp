#pragma once
#include <map>

#include "engagement/engagement.hpp"
#include "opinion/types.hpp"

namespace goldthread::engagement {

struct ConversationData {
  std::map<std::int64_t, std::string> statements;  // tid → text
  std::vector<opinion::Moderation> moderation;
  std::vector<opinion::Vote> votes;  // final votes, ordered by (tid, pid) as the Pol.is poller reads them
};

ConversationData load_conversation_data(core::Connection& c, std::int64_t conversation_id);
std::int64_t count_statements(core::Connection& c, std::int64_t conversation_id);

// Writes of the Pol.is importer (inside its transaction).
bool conversation_slug_taken(core::Connection& c, const std::string& slug);
std::int64_t insert_conversation(core::Connection& c, const std::string& slug, const std::string& title,
                                 const std::string& description, const std::string& source_url,
                                 const std::string& attribution);
void insert_statement(core::Connection& c, std::int64_t conversation_id, std::int64_t tid, const std::string& body,
                      std::int64_t moderation, bool is_meta);
void insert_vote(core::Connection& c, std::int64_t conversation_id, std::int64_t pid, std::int64_t tid,
                 std::int64_t vote, std::int64_t voted_at);

// A stored map (JSON text of opinion_map's shape): an import's replayed one, or a live
// conversation's latest. pid_groups: JSON [[pid, group], ...]; priorities: [[tid, p], ...].
struct StoredMap {
  std::int64_t votes = 0, updates = 0, window_ms = 0;
  std::string map, computed_at;
  std::string pid_groups = "[]", priorities = "[]";
};
void save_conversation_map(core::Connection& c, std::int64_t conversation_id, const StoredMap& m);
std::optional<StoredMap> try_conversation_map(core::Connection& c, std::int64_t conversation_id);

}  // namespace goldthread::engagement
