#pragma once
// The pledges capability: the commitment mechanism (text, owner, due date, status on the Open
// Government Partnership's completion scale, append-only progress updates, staleness and
// reminders) and pledges, the public pledge register and the social contract. Other
// capabilities include only this header: solution-room next steps and readiness actions are
// commitments of their own kind, made with create_commitment_in inside their own transaction.
//
// Tables: commitments, commitment_updates, commitment_reminders, pledges, pledge_ambitions
// (migrations/). See README.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/result.hpp"
#include "core/seed.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Registry;
}

namespace goldthread::pledges {

// Field limits in characters (docs/LIMITS.md).
inline constexpr std::size_t kMaxCommitmentText = 1000;
inline constexpr std::size_t kMaxOwnerRole = 200;
inline constexpr std::size_t kMaxProgressNote = 2000;
inline constexpr std::size_t kMaxEvidenceText = 2000;
inline constexpr std::size_t kMaxEvidenceUrl = 2000;
inline constexpr std::size_t kMaxPledgeAmbitions = 20;

// --- The completion scale and staleness (pure; commitment_rules.cpp) ------------------------
// Codes in scale order: not-started, limited, substantial, complete (code → label).
const std::vector<std::pair<std::string, std::string>>& completion_scale();
bool is_completion(const std::string& code);
std::string completion_label(const std::string& code);  // a label of either scale
// Each kind has its scale: "next-step" uses not-started, in-progress, done, dropped (issue
// 11.4); every other kind the completion scale. Only "complete" needs evidence.
const std::vector<std::pair<std::string, std::string>>& status_scale(const std::string& kind);
bool is_status_of(const std::string& kind, const std::string& code);
// complete, done and dropped: never stale, never past due, not among open commitments.
bool is_closed_status(const std::string& status);

// The assembly's six-month rhythm: no update for 3 months → no_recent_update, for 6 →
// overdue_update. A complete commitment is never stale. Computed here and nowhere else.
enum class Staleness { fresh, no_recent_update, overdue_update };
inline constexpr int kNoRecentUpdateMonths = 3;
inline constexpr int kOverdueUpdateMonths = 6;
inline constexpr int kDueSoonDays = 14;
// last_update: an ISO date or timestamp ("2026-09-01" or "2026-09-01T10:00:00Z"); today:
// "YYYY-MM-DD". Calendar months: 30 November + 3 months is the last day of February.
Staleness staleness_of(const std::string& last_update, const std::string& today, const std::string& status);
const char* staleness_code(Staleness s);   // "fresh", "no-recent-update", "overdue-update"
const char* staleness_label(Staleness s);  // "", "No recent update", "Overdue for an update"
// Not complete and its due date has passed.
bool past_due(const std::string& due_on, const std::string& today, const std::string& status);
// Today's date in UTC, "YYYY-MM-DD".
std::string today_utc();

// The side of the social contract an organisation's sector belongs to; "residents" for a
// commitment made without an organisation. Codes in display order (code → label):
// public-sector, business, voluntary-community, residents, other.
const std::vector<std::pair<std::string, std::string>>& sides();
std::string side_of_sector(const std::string& sector);  // "" sector → "residents"
std::string side_label(const std::string& side);

// --- Commitments --------------------------------------------------------------------------
struct CommitmentInput {
  std::string kind = "pledge";  // the capability's word: "pledge", "next-step", ...
  std::string href_prefix;      // its page is href_prefix + id, e.g. "/pledges/"
  std::string text;
  std::int64_t owner_user_id = 0;  // 0: a person without an account (bundled data)
  std::string owner_name, owner_role;
  std::int64_t organisation_id = 0;  // 0: none; its sector is recorded from partners.hpp
  std::string due_on;                // "YYYY-MM-DD" or ""
  std::string source_key;            // bundled data only: makes seeding idempotent
  std::string created_at;            // "" = now (bundled data gives the date it was made)
};

struct Commitment {
  std::int64_t id = 0;
  std::string kind, href, text;
  std::int64_t owner_user_id = 0;
  std::string owner_name, owner_role;
  std::int64_t organisation_id = 0;
  std::string organisation_name, organisation_slug;  // filled from partners.hpp
  std::string sector, side, due_on, status, last_update_at, created_at;
};

struct ProgressInput {
  std::string status;  // a completion code
  std::string note;
  std::string evidence_text, evidence_url;  // "complete" requires evidence_text
};

struct ProgressUpdate {
  std::int64_t id = 0, commitment_id = 0, author_user_id = 0;
  std::string status, note, evidence_text, evidence_url, author_name, created_at;
};

// Per-field errors of a progress update (no database): status on the scale, a note, evidence
// for "complete", an http(s) link.
std::vector<core::FieldError> validate_progress(const ProgressInput& in, const std::string& kind = "pledge");
std::vector<core::FieldError> validate_commitment(const CommitmentInput& in);

// Inside the caller's transaction: validates, records the organisation's sector and side,
// inserts and audits (action "create", resource type = kind). Errors: invalid (fields),
// not_found (unknown organisation).
core::Result<Commitment> create_commitment_in(core::Connection& c, const core::audit::Actor& actor,
                                              const CommitmentInput& in);
// Appends a progress update and moves the status; audited ("progress"). No permission check:
// callers check can_update_commitment first.
core::Result<ProgressUpdate> add_progress_in(core::Connection& c, const core::audit::Actor& actor,
                                             std::int64_t commitment_id, const ProgressInput& in);
// The service: checks the principal may update it (else forbidden), then the same in its own
// transaction.
core::Result<ProgressUpdate> record_progress(core::Database& db, const core::Principal& who,
                                             const core::audit::Actor& actor, std::int64_t commitment_id,
                                             const ProgressInput& in);

// The owner, a member of the owning organisation, or a place or site admin.
bool can_update_commitment(const core::Principal& p, const Commitment& c);

std::optional<Commitment> try_find_commitment(core::Connection& c, std::int64_t id);
// The append-only history, oldest first.
std::vector<ProgressUpdate> progress_of(core::Connection& c, std::int64_t commitment_id);
// Every commitment a person owns (any kind), open ones first, by due date.
std::vector<Commitment> commitments_of_user(core::Connection& c, std::int64_t user_id);
// An organisation's open (not complete) commitments, by due date.
std::vector<Commitment> open_commitments_of_organisation(core::Connection& c, std::int64_t organisation_id);
// Several commitments by id, in id order, with organisation names (two queries).
std::vector<Commitment> commitments_by_id(core::Connection& c, const std::vector<std::int64_t>& ids);
// The newest update of each commitment (one query; commitments without one are absent).
std::vector<ProgressUpdate> latest_updates(core::Connection& c, const std::vector<std::int64_t>& ids);

// --- Reminders ----------------------------------------------------------------------------
struct ReminderReport {
  int due_soon = 0, no_recent_update = 0, overdue_update = 0;
  int already_sent = 0;  // reminders a previous sweep sent
  int no_address = 0;    // owners without an account: nothing to send
};
// One sweep: a mail 14 days before the due date and one when a commitment goes stale (each
// staleness level once per last update), each in its own transaction with its audit record
// and a row in commitment_reminders, so a reminder is never sent twice — not by a second
// sweep, not by two sweeps at once. `today` "YYYY-MM-DD"; base_url for links in the mail.
ReminderReport send_reminders(core::Database& db, const std::string& today, const std::string& base_url);

// --- Pledges ------------------------------------------------------------------------------
// self: a person for themselves; resident: a resident; organisation: a member for their
// organisation (the sector is recorded).
bool is_pledged_as(const std::string& s);

struct PledgeInput {
  std::string pledged_as = "self";
  std::int64_t organisation_id = 0;  // required for "organisation"
  std::string text, owner_role, due_on;
  std::vector<std::int64_t> ambition_ids;
  std::int64_t initiative_id = 0;  // optional
  std::int64_t event_id = 0;       // optional: the assemblies event it was made at (issue 11.7)
  std::int64_t room_id = 0;        // optional: the solution room it was made in (issue 11.5)
};

struct Pledge {
  Commitment commitment;
  std::string pledged_as, made_at_label;
  std::int64_t initiative_id = 0;
  std::int64_t event_id = 0;  // 0: not made at a known event
  std::int64_t room_id = 0;   // 0: not made in a solution room (else event_id is the room's event)
  std::vector<std::int64_t> ambition_ids;
};

// The service: checks a pledge for an organisation is made by one of its members, the
// ambitions are the place's, the initiative exists, the due date is not in the past
// (`today`), the event exists and the room (if any) is one of the place's and of that event
// (a room without an event gives the pledge the room's event), then creates the commitment and
// the pledge and audits, in one transaction.
core::Result<Pledge> make_pledge(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                 const PledgeInput& in, const std::string& today);
std::optional<Pledge> try_find_pledge(core::Connection& c, std::int64_t id);
// Every pledge made at an event (issue 11.7), oldest first, with organisation names (a
// bounded number of queries). open_only: leave out complete ones (the next event's list).
std::vector<Pledge> pledges_of_event(core::Connection& c, std::int64_t event_id, bool open_only = false);
// Every pledge made in a solution room (issue 11.5), oldest first, the same way.
std::vector<Pledge> pledges_of_room(core::Connection& c, std::int64_t room_id);
// Bundled data (the assemblies seed): links the pledge seeded under source_key to the event
// it was made at; false when there is no such pledge. Idempotent; audited when it changes.
bool link_seeded_pledge_to_event_in(core::Connection& c, const core::audit::Actor& actor, const std::string& source_key,
                                    std::int64_t event_id);

// --- Bundled data -------------------------------------------------------------------------
// After the place and work seeds: the pledges of "<place>-pledges.json" beside the place file
// (none when it is absent), their organisations created through partners.hpp when missing.
// One transaction; idempotent (by each pledge's key). Registered with Registry::add_seed.
core::Result<core::SeedReport> seed_from_place_file(core::Database& db, const std::string& place_file);

void register_module(core::Registry& registry);
// pledge_commands.cpp: `goldthread pledges remind` and the seed.
void register_commands(core::Registry& registry);

}  // namespace goldthread::pledges
