#pragma once
// SQL of live conversations (live_store.cpp is the only file with it).
#include "engagement/live.hpp"
#include "opinion/types.hpp"

namespace goldthread::engagement {

struct StoredVote {
  std::int64_t conversation_id = 0, pid = 0, tid = 0;
  int value = 0;
  std::int64_t voted_at = 0;  // ms since the epoch
};

void insert_live_settings(core::Connection& c, const LiveSettings& s);
std::optional<LiveSettings> try_live_settings(core::Connection& c, std::int64_t conversation_id);
std::vector<LiveStatement> list_live_statements(core::Connection& c, std::int64_t conversation_id);
std::int64_t next_statement_tid(core::Connection& c, std::int64_t conversation_id);
void insert_live_statement(core::Connection& c, std::int64_t conversation_id, const LiveStatement& st);
bool update_statement_moderation(core::Connection& c, std::int64_t conversation_id, std::int64_t tid, int mod,
                                 const std::string& reason);

std::optional<std::int64_t> participant_by_user(core::Connection& c, std::int64_t conversation_id,
                                                std::int64_t user_id);
// (pid, user_id) of the browser's participant.
std::optional<std::pair<std::int64_t, std::int64_t>> participant_by_browser(core::Connection& c,
                                                                            std::int64_t conversation_id,
                                                                            const std::string& browser);
void join_participant(core::Connection& c, std::int64_t conversation_id, std::int64_t pid, std::int64_t user_id);
std::int64_t insert_participant(core::Connection& c, std::int64_t conversation_id, const std::string& browser,
                                std::int64_t user_id);
// Anonymous browsers' participants (browser → pid), those missing made, in a few statements
// whatever the number (the group-commit writer's batch). `browsers`: distinct.
std::map<std::string, std::int64_t> participants_for_browsers(core::Connection& c, std::int64_t conversation_id,
                                                              const std::vector<std::string>& browsers);

// tid → vote of one participant.
std::map<std::int64_t, int> votes_of(core::Connection& c, std::int64_t conversation_id, std::int64_t pid);
// Upserts (a changed vote replaces the old one).
void upsert_votes(core::Connection& c, const std::vector<StoredVote>& votes);
std::vector<StoredVote> all_votes(core::Connection& c, std::int64_t conversation_id);
std::int64_t count_votes(core::Connection& c, std::int64_t conversation_id);

}  // namespace goldthread::engagement
