#pragma once
// Proposals (issue 14.2), internal to engagement: the types, the store (proposal_store.cpp,
// the only SQL) and the services (proposal_service.cpp, which own the transactions).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class App;
}

namespace goldthread::engagement {

// The conflict message of a proposal write that lost a race (proposal_service, proposal_supports).
inline constexpr const char* kSameProposal = "This proposal was changed by someone else at the same moment. Try again.";

// Limits (docs/LIMITS.md).
inline constexpr std::size_t kMaxProposalTitle = 150;
inline constexpr std::size_t kMinProposalTitle = 10;
inline constexpr std::size_t kMaxProposalBody = 10000;
inline constexpr std::size_t kMaxAnswerReasons = 5000;
inline constexpr std::int64_t kDefaultSupportThreshold = 50;
inline constexpr std::int64_t kMaxSupportThreshold = 10000000;
inline constexpr int kProposalsPerPage = 20;
// Lists count at most this many matches ("more than 1,000 proposals").
inline constexpr std::int64_t kMaxCounted = 1000;

// Statuses: "open" (collecting supports), "awaiting" (threshold reached, no answer yet), and
// the four official answers.
inline constexpr const char* kAnswerStatuses[] = {"accepted", "considering", "not-taken-forward", "already-happening"};
bool is_answer_status(const std::string& s);
bool is_proposal_status(const std::string& s);
std::string status_label(const std::string& s);

struct Proposal {
  std::int64_t id = 0, place_id = 0;
  std::string slug, title, body, body_html;
  std::int64_t ambition_id = 0;
  std::string area_code;
  std::int64_t author_user_id = 0;
  std::string author_name;
  std::int64_t supports = 0;
  std::string status = "open";
  std::string threshold_reached_at;  // "" = not reached
  std::string answer_reasons, answer_reasons_html;
  std::int64_t answer_initiative_id = 0;
  std::string answered_by_name, answered_by_organisation, answered_at;
  bool is_example = false;
  std::string created_at;
};

struct ProposalInput {
  std::string title, body, ambition, area;  // ambition slug, area code ("" = none)
  std::string slug = "";                    // seeds only; "" = from the title
};

struct AnswerInput {
  std::string status, reasons, initiative;  // initiative slug ("" = none)
  std::int64_t organisation_id = 0;         // answering for one of the person's organisations
};

// Sort orders: "newest", "supported", "random" (stable per visitor: `seed`).
struct ProposalQuery {
  std::int64_t place_id = 0;
  std::string sort = "newest";
  std::int64_t seed = 0;
  std::int64_t ambition_id = 0;         // 0 = any
  std::vector<std::string> area_codes;  // empty = any (the area and its wider areas)
  std::string status;                   // "" = any; "answered" = any of the four answers
  // Keyset cursor: the last row of the previous page ("" = first page).
  std::string after;
  int per_page = kProposalsPerPage;
};

struct ProposalPage {
  std::vector<Proposal> items;
  std::int64_t total = 0;   // at most kMaxCounted
  bool total_exact = true;  // false: more than kMaxCounted match
  std::string next_after;   // "" = last page
};

struct SupportResult {
  Proposal proposal;
  bool changed = false;  // false: already supported (or not supported, for a withdrawal)
};

namespace proposal_store {
std::optional<Proposal> find(core::Connection& c, std::int64_t id);
std::optional<Proposal> find_by_slug(core::Connection& c, const std::string& slug);
bool slug_taken(core::Connection& c, const std::string& slug);
std::int64_t insert(core::Connection& c, const Proposal& p);
ProposalPage list(core::Connection& c, const ProposalQuery& q);
std::int64_t threshold(core::Connection& c, std::int64_t place_id);
void set_threshold(core::Connection& c, std::int64_t place_id, std::int64_t threshold);
// true when a support row was added; then the counter and status move in the same
// transaction and `p` gets the new supports, status and threshold_reached_at.
bool add_support(core::Connection& c, Proposal& p, std::int64_t user_id, std::int64_t threshold);
// true when a support row was removed; `p.supports` is then the new count.
bool remove_support(core::Connection& c, Proposal& p, std::int64_t user_id);
bool has_support(core::Connection& c, std::int64_t proposal_id, std::int64_t user_id);
std::vector<std::int64_t> supporter_ids(core::Connection& c, std::int64_t proposal_id);
void save_answer(core::Connection& c, const Proposal& p);
bool example_exists(core::Connection& c, const std::string& slug);
void redact_author(core::Connection& c, std::int64_t user_id);
// Deletes the person's proposals with their supports; returns their ids.
std::vector<std::int64_t> delete_by_author(core::Connection& c, std::int64_t user_id);
// The benchmark generator's counts (no support rows behind them).
void set_generated(core::Connection& c, std::int64_t id, std::int64_t supports, const std::string& status);
}  // namespace proposal_store

// --- Services (each one transaction, audited) ---------------------------------------------
std::vector<core::FieldError> validate_proposal(const ProposalInput& in);
// validate_proposal and the ambition and area against the place's (read-only; for handlers
// to show every problem before any guard counts the write).
std::vector<core::FieldError> check_proposal(core::Connection& c, const ProposalInput& in);
core::Result<Proposal> create_proposal(core::Database& db, const core::Principal& who, const std::string& request_id,
                                       const ProposalInput& in);
// The same inside a caller's transaction (seeds, the generator).
core::Result<Proposal> create_proposal_in(core::Connection& c, const core::audit::Actor& actor,
                                          std::int64_t author_user_id, const std::string& author_name,
                                          const ProposalInput& in, bool is_example = false);
// The person chose to remove what they wrote on deleting their account (issue 14.6): their
// proposals go, with those proposals' supports and search entries.
void remove_proposals_of(core::Connection& c, std::int64_t user_id);
// Supports (proposal_supports.cpp). These two are one transaction each (the generator, tests).
core::Result<SupportResult> support_proposal(core::Database& db, const core::Principal& who,
                                             const std::string& request_id, std::int64_t proposal_id);
core::Result<SupportResult> withdraw_support(core::Database& db, const core::Principal& who,
                                             const std::string& request_id, std::int64_t proposal_id);
// The same through the App's group commit (what the web uses): concurrent supports and
// withdrawals commit together, each with its counter update and audit record, in one
// transaction; this returns only after that commit (issue 14.4).
core::Result<SupportResult> change_support(core::App& app, const core::Principal& who, const std::string& request_id,
                                           std::int64_t proposal_id, bool support);
bool may_answer(const core::Principal& p);
core::Result<Proposal> answer_proposal(core::Database& db, const core::Principal& who, const std::string& request_id,
                                       std::int64_t proposal_id, const AnswerInput& in);

}  // namespace goldthread::engagement
