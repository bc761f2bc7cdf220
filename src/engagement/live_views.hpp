#pragma once
// View models of live conversations and their JSON (live_views.cpp): the page's screen model
// and, separately, the resource (no screen state).
#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "engagement/live.hpp"
#include "engagement/live_runtime.hpp"

namespace goldthread::engagement {

struct TakePartView {
  Conversation conversation;
  LiveSettings settings;
  bool live = false, open = false, may_vote = false, sign_in_needed = false;
  std::optional<LiveStatement> statement;  // the one to vote on now
  std::optional<int> current_vote;         // when changing a vote
  std::int64_t voted = 0, total = 0;
  std::string skipped;         // comma-separated tids skipped this round
  std::string banner;          // "voted", "added", "waiting"
  std::string statement_text;  // the add-statement field, sent back on error
  std::optional<core::Error> error;
};
void take_part_resource(nlohmann::json& j, const TakePartView& v);
void take_part_screen(nlohmann::json& j, const TakePartView& v);

struct NewConversationView {
  NewConversation values;
  std::optional<core::Error> error;
  std::string seeds_text, ambitions_text, areas_text;
};
void new_conversation_screen(nlohmann::json& j, const NewConversationView& v);

struct ModerationView {
  Conversation conversation;
  std::vector<LiveStatement> statements;
  std::string banner;
  std::optional<core::Error> error;
};
void moderation_resource(nlohmann::json& j, const ModerationView& v);
void moderation_screen(nlohmann::json& j, const ModerationView& v);

// What the results page adds for a live conversation: when the map was computed, from how
// many votes, and where this participant sits.
struct LiveResults {
  LiveSettings settings;
  std::shared_ptr<const MapSnapshot> snapshot;
  std::optional<int> my_group;  // index into the map's groups
  std::int64_t my_votes = 0;
};
void live_results_resource(nlohmann::json& j, const LiveResults& r);
void live_results_screen(nlohmann::json& j, const LiveResults& r);

}  // namespace goldthread::engagement
