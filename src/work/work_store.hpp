#pragma once
// Helpers shared by the work capability's stores (not part of its public API).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/storage.hpp"
#include "work/work.hpp"

namespace goldthread::work {

std::vector<std::string> strings_from_json(const std::string& text);
// "" when every alignment names an ambition of the place and, if any, one of its priorities;
// otherwise a message for the form.
std::string check_alignments(core::Connection& c, std::int64_t place_id, const std::vector<Alignment>& alignments);

// Per-field errors of a strategy (title, owner_organisation_id, period, url, alignments).
std::vector<core::FieldError> validate_strategy(core::Connection& c, const Strategy& s);

// --- Queries of the sections work adds to other pages (work_sections_store.cpp) -------------
struct PriorityItem {
  std::int64_t priority_id = 0;  // 0 = the ambition as a whole
  std::string slug, title;       // an initiative, strategy or organisation (title = its name)
  std::string detail;            // initiatives: status; strategies: the alignment statement
  std::string basis;             // initiatives: the link's basis when not the owner's ("" = theirs)
};
std::map<std::int64_t, std::int64_t> initiative_counts_by_priority(core::Connection& c, std::int64_t ambition_id);
// The first `per_priority` initiatives of each priority (vision projects first, then by title).
std::vector<PriorityItem> initiatives_by_priority(core::Connection& c, std::int64_t ambition_id,
                                                  std::int64_t per_priority);
std::vector<PriorityItem> strategies_by_priority(core::Connection& c, std::int64_t ambition_id);
// The first `per_priority` organisations (by name) owning or partnering the priority's work.
std::vector<PriorityItem> partners_by_priority(core::Connection& c, std::int64_t ambition_id,
                                               std::int64_t per_priority);
// Strategies whose owner serves the area, by title (slug, title).
// Strategies owned by organisations serving any of these areas (an area and its wider areas).
std::vector<PriorityItem> strategies_in_area(core::Connection& c, std::int64_t place_id,
                                             const std::vector<std::string>& area_codes);
// "?, ?, ?" for an IN list of n values.
std::string marks(std::size_t n);

// The initiative's partner rows (claim_store.cpp): organisations still listed keep their state,
// ones no longer listed are removed, new ones are claims (confirmed when it is the owner).
// Returns the organisations newly claimed; record_claims audits each and mails its admins.
std::vector<std::int64_t> write_partners(core::Connection& c, const core::audit::Actor& actor, const Initiative& i);
void record_claims(core::Connection& c, const core::audit::Actor& actor, const Initiative& i,
                   const std::vector<std::int64_t>& claimed, const std::string& base_url);
// Sets a listing's state and audits the change (nothing when it is already in that state).
core::Result<PartnerLink> set_claim_status(core::Connection& c, const core::audit::Actor& actor,
                                           std::int64_t organisation_id, std::int64_t initiative_id,
                                           const std::string& status);

// Stores the lead's reply and audits it (connect_store.cpp); the caller owns the transaction.
core::Result<ConnectRequest> store_connect_reply(core::Connection& c, const core::Principal& lead,
                                                 std::int64_t request_id, const std::string& message);

// A deleted account (accounts' listener): their name and address leave the requests to connect.
void redact_connect_requests(core::Connection& c, std::int64_t user_id, const std::string& name,
                             const std::string& email);

}  // namespace goldthread::work
