#pragma once
// Live opinion conversations (issue 15), inside the engagement capability: opening one,
// taking part one statement at a time, durable group-committed votes, the map recomputed in
// the background, moderation and the Pol.is open-data export. Internal to engagement; other
// capabilities use engagement.hpp.
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"
#include "engagement/engagement.hpp"

namespace goldthread::core {
class App;
class Context;
}  // namespace goldthread::core

namespace goldthread::engagement {

inline constexpr std::size_t kStatementMax = 280;  // characters, as Pol.is
inline constexpr std::size_t kQuestionMax = 200;
inline constexpr std::size_t kDescriptionMax = 4000;
inline constexpr std::size_t kRejectReasonMax = 500;
inline constexpr std::size_t kMaxSeedStatements = 100;

struct LiveSettings {
  std::int64_t conversation_id = 0;
  std::string ambitions, areas;      // one a line, as given
  std::string moderation = "after";  // "before": a statement is shown once accepted; "after": at once
  bool participants_add = true;
  bool anonymous = true;
  std::string opens_on, closes_on;  // YYYY-MM-DD or ""
  std::int64_t opened_by = 0;
};

struct LiveStatement {
  std::int64_t tid = 0;
  std::string body;
  int mod = 0;  // -1 rejected, 0 waiting, 1 accepted
  bool is_meta = false;
  std::int64_t author_pid = -1;
  std::string reject_reason, created_at;
};

struct NewConversation {
  std::string question, description;
  std::vector<std::string> ambitions, areas, seeds;
  std::string moderation = "after";
  bool participants_add = true, anonymous = true;
  std::string opens_on, closes_on;
};

// Whether people may vote now: a live conversation whose dates include today.
bool is_open(const LiveSettings& s, const std::string& today);
// Statements a participant may be shown: accepted ones, and waiting ones under "after".
bool is_votable(const LiveStatement& st, const LiveSettings& s);

// Opens a conversation (settings, seed statements accepted), audited. Returns its slug.
core::Result<std::string> open_conversation(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id,
                                            const NewConversation& in);

// The participant of this browser (cookie value) or account in a conversation, made when
// `create`; an anonymous browser row is joined to the account when it signs in.
std::optional<std::int64_t> participant_for(core::Database& db, std::int64_t conversation_id,
                                            const std::string& browser, std::int64_t user_id, bool create);

// Adds a participant's statement (length, near-duplicate check, moderation by mode), audited.
core::Result<LiveStatement> add_statement(core::Database& db, const core::audit::Actor& actor, const Conversation& c,
                                          const LiveSettings& s, std::int64_t pid, const std::string& text);
// Accept (mod 1) or reject (mod -1, with a reason) a statement, audited.
core::Status moderate_statement(core::Database& db, const core::audit::Actor& actor, const Conversation& c,
                                std::int64_t tid, int mod, const std::string& reason);

// Normalised text for the near-duplicate check (lower case, letters and digits, single spaces).
std::string statement_key(const std::string& text);

// The Pol.is open-data files of a conversation: "votes.csv", "comments.csv",
// "participants-votes.csv", "summary.csv".
std::map<std::string, std::string> export_polis(core::Database& db, const Conversation& c);

// For a live conversation, adds to the results page's model its live parts (the background
// map, when and from how many votes it was computed, where this participant sits, export
// links) and returns true; false for an imported conversation.
bool add_live_results(core::Context& ctx, const Conversation& c, nlohmann::json& model,
                      std::int64_t* map_votes = nullptr);

void register_live(core::Registry& registry);

}  // namespace goldthread::engagement
