#pragma once
// The partners capability: organisations (name, sector, org-id, website, areas served,
// description). Other capabilities read organisations only through these functions.
// Tables: organisations (migrations/0001_create_organisations.sql).
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

namespace goldthread::partners {

// Sector codes, stored as text: county-council, district-council, unitary-council,
// parish-council, nhs, police, fire-rescue, education, university, voluntary-community,
// business, other.
const std::vector<std::pair<std::string, std::string>>& sectors();  // code → label
bool is_sector(const std::string& code);
bool is_org_id(const std::string& s);  // e.g. GB-LAE-ESS, GB-CHC-1234567

struct Organisation {
  std::int64_t id = 0;
  std::string slug, name, sector, org_id, website, description;
  std::vector<std::string> areas;  // ONS codes
};

struct OrganisationInput {
  std::string name, sector, org_id, website, description;
  std::vector<std::string> areas;
};

std::optional<Organisation> try_find_organisation(core::Connection& c, std::int64_t id);
std::optional<Organisation> try_find_organisation_by_slug(core::Connection& c, const std::string& slug);
// Name search (case-insensitive substring), ordered by name.
std::vector<Organisation> list_organisations(core::Connection& c, const std::string& search = "", int limit = 100,
                                             int offset = 0);
// Validates (per-field errors), inserts and audits in one transaction.
core::Result<Organisation> create_organisation(core::Database& db, const core::audit::Actor& actor,
                                               const OrganisationInput& in);

void register_module(core::Registry& registry);

}  // namespace goldthread::partners
