#pragma once
// SQL of the pledges capability (commitment_store.cpp, pledge_store.cpp): the only files with
// SQL. Services call these inside their transactions; pages call the readers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges::store {

// --- commitments ---
// A commitment from a row whose columns from `at` are commitment_columns() (prefix "c.").
Commitment commitment_from(const core::Row& r, std::size_t at = 0);
const char* commitment_columns();
std::int64_t insert_commitment(core::Connection& c, const CommitmentInput& in, const std::string& sector,
                               const std::string& side, const std::string& now);
std::optional<Commitment> find_commitment(core::Connection& c, std::int64_t id);
std::optional<std::int64_t> commitment_by_source_key(core::Connection& c, const std::string& key);
std::int64_t insert_update(core::Connection& c, std::int64_t commitment_id, const ProgressInput& in,
                           std::int64_t author_user_id, const std::string& author_name, const std::string& now);
void set_status(core::Connection& c, std::int64_t id, const std::string& status, const std::string& now);
std::vector<ProgressUpdate> updates_of(core::Connection& c, std::int64_t commitment_id);
std::vector<ProgressUpdate> latest_updates(core::Connection& c, const std::vector<std::int64_t>& ids);
std::vector<Commitment> of_user(core::Connection& c, std::int64_t user_id);
std::vector<Commitment> open_of_organisation(core::Connection& c, std::int64_t organisation_id);
std::vector<Commitment> by_ids(core::Connection& c, const std::vector<std::int64_t>& ids);
// Open commitments whose owner has an account: the reminder sweep's candidates.
std::vector<Commitment> open_with_owner(core::Connection& c);
// false when this reminder was already recorded.
bool reminder_sent(core::Connection& c, std::int64_t id, const std::string& kind, const std::string& key);
void record_reminder(core::Connection& c, std::int64_t id, const std::string& kind, const std::string& key,
                     const std::string& now);

// --- pledges ---
void insert_pledge(core::Connection& c, std::int64_t commitment_id, const std::string& pledged_as,
                   std::int64_t initiative_id, const std::string& made_at_label,
                   const std::vector<std::int64_t>& ambition_ids, std::int64_t event_id = 0, std::int64_t room_id = 0);
std::optional<Pledge> find_pledge(core::Connection& c, std::int64_t id);
// Pledges made at an event, oldest first (open_only: not complete).
std::vector<Pledge> pledges_at_event(core::Connection& c, std::int64_t event_id, bool open_only);
// Pledges made in a solution room, oldest first.
std::vector<Pledge> pledges_in_room(core::Connection& c, std::int64_t room_id);
// false when it was already linked to that event.
bool set_pledge_event(core::Connection& c, std::int64_t commitment_id, std::int64_t event_id);
// Events pledges were made at (ids), for the register's filter.
std::vector<std::int64_t> pledge_events(core::Connection& c);

struct RegisterFilter {
  std::int64_t ambition_id = 0, organisation_id = 0, event_id = 0, room_id = 0;
  std::string sector, side, status;
  int page = 1, per_page = 20;
};
struct RegisterPage {
  std::vector<Pledge> pledges;  // newest first
  std::int64_t total = 0;
};
RegisterPage find_pledges(core::Connection& c, const RegisterFilter& f);
// Export in batches: pledges with id below `before_id` (0 = from the newest), at most `limit`.
std::vector<Pledge> pledges_batch(core::Connection& c, const RegisterFilter& f, std::int64_t before_id, int limit);
// Organisations that have made a pledge (ids), for the register's filter.
std::vector<std::int64_t> pledging_organisations(core::Connection& c);

// The social contract: pledges serving ambitions, per (ambition, side): counts and the newest.
struct ContractCount {
  std::int64_t ambition_id = 0;
  std::string side;
  std::int64_t total = 0, complete = 0;
};
std::vector<ContractCount> contract_counts(core::Connection& c, std::int64_t ambition_id /* 0 = every ambition */);
// The newest `per_side` pledges of each (ambition, side).
std::vector<std::pair<std::int64_t, Pledge>> contract_pledges(core::Connection& c, std::int64_t ambition_id,
                                                              int per_side);

}  // namespace goldthread::pledges::store
