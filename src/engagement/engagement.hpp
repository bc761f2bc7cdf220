#pragma once
// The engagement capability (so far: opinion conversations). A conversation holds statements
// and participants' final votes (+1 agree, -1 disagree, 0 pass); its opinion map is computed
// by the pure opinion library (src/opinion) from those votes.
// Tables: conversations, statements, votes (migrations/0001_create_conversations.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Registry;
}

namespace goldthread::engagement {

// The CC BY 4.0 statement Pol.is open data must carry.
extern const char* const kPolisAttribution;

struct Conversation {
  std::int64_t id = 0;
  std::string slug, title, description, source_url, attribution, created_at;
};

struct PolisImportReport {
  std::string slug;
  std::int64_t statements = 0, votes = 0, participants = 0;
  // What the person importing must know, one sentence each (e.g. a comments.csv without a
  // `moderated` column: nothing is moderated out).
  std::vector<std::string> warnings;
  std::int64_t replay_updates = 0;  // engine updates of the replay (0: not replayed)
};

// Imports a Pol.is export folder (comments.csv; votes.csv or participants-votes.csv;
// summary.csv optional) as a new conversation, in one transaction. `slug` defaults to the
// folder name. Conflict when the slug exists; invalid when a file is missing or malformed.
// With `replay_window_ms` > 0 and a votes.csv (which carries vote times), the vote stream is
// replayed in time order through the engine's incremental updates, one per window of that
// much conversation time (opinion/replay.hpp; 1000 = Pol.is's poll), and the resulting map is
// stored: the conversation page shows Pol.is-like live groups, not a cold run's (issue 15.7).
// 0 (or participants-votes.csv only): no replay; the page computes the map from final votes.
core::Result<PolisImportReport> import_polis_dir(core::Database& db, const core::audit::Actor& actor,
                                                 const std::string& dir, std::string slug = "",
                                                 std::string description = "", std::int64_t replay_window_ms = 0);

// Imports each Pol.is export folder under `dir` that holds an example.txt as the example
// conversation "example-<folder>", with example.txt as its description (saying it is an
// example and where it comes from); the Pol.is attribution travels with it as with any
// import. One already there is left alone. Returns how many were imported.
core::Result<int> seed_example_conversations(core::Database& db, const std::string& dir);

std::vector<Conversation> list_conversations(core::Connection& c);
std::optional<Conversation> try_find_conversation(core::Connection& c, const std::string& slug);
// What a follow of a consultation or a conversation points at (comms' follows, issue 16.3):
// its title and address, or nothing when there is no such resource.
struct FollowTarget {
  std::string title, href;
};
std::optional<FollowTarget> find_follow_target(core::Connection& c, const std::string& type, std::int64_t id);

void register_module(core::Registry& registry);
// Consultations with surveys (consultation_handlers.cpp): routes, the site-map entry, the
// example consultation seed and the person redaction.
void register_consultations(core::Registry& registry);

// --- Proposals (issue 14.2; tables proposals, proposal_supports, proposal_settings,
// migrations/0020) ---------------------------------------------------------------------------
// Registers /proposals and its pages, the `proposals` commands and the example proposals.
void register_proposals(core::Registry& registry);
// The place's support threshold: once a proposal has this many supports it awaits an
// official answer. Audited. Invalid outside 1..10,000,000.
core::Status set_support_threshold(core::Database& db, const core::audit::Actor& actor, std::int64_t threshold);
// A deleted account's proposals stay, by "deleted user" (inside the deleting transaction).
void redact_proposal_author(core::Connection& c, std::int64_t user_id);
// The labelled example proposals for the place (idempotent). Returns how many were added.
core::Result<int> seed_example_proposals(core::Database& db);
struct GeneratedProposals {
  int proposals = 0, supports = 0;
  std::int64_t first_id = 0, last_id = 0;
  double support_seconds = 0;  // wall time of the supports, each its own committed transaction
};
// Benchmark data (bench/engagement): `count` proposals with random support counts, statuses,
// ambitions and areas, then `supports` real supports by distinct people through the service.
core::Result<GeneratedProposals> generate_proposals(core::Database& db, int count, int supports, std::uint32_t seed);

}  // namespace goldthread::engagement
