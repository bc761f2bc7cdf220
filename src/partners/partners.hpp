#pragma once
// The partners capability: organisations (name, sector, org-id, website, areas served,
// description), endorsements, the organisations CSV import and the councils seeded from the
// place's areas. Other capabilities read organisations only through these functions, or in
// SQL through the two views partners publishes (migrations/0003):
//   partner_organisations (organisation_id, slug, name, sector)
//   partner_organisation_areas (organisation_id, area_code)
// Tables: organisations, organisation_areas, endorsements, partners_state (migrations/).
// Organisations are indexed for search (core::search, type "organisation") as they are written.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/csv_import.hpp"
#include "core/result.hpp"
#include "core/seed.hpp"
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

// Field limits in characters (docs/LIMITS.md): the form binder enforces them on every form
// and JSON body, the validators again for importers.
inline constexpr std::size_t kMaxOrganisationName = 200;
inline constexpr std::size_t kMaxOrgId = 80;
inline constexpr std::size_t kMaxWebsite = 500;
inline constexpr std::size_t kMaxOrganisationDescription = 5000;
inline constexpr std::size_t kMaxOrganisationAreas = 100;
inline constexpr std::size_t kMaxEndorsementBody = 200;
inline constexpr std::size_t kMaxDecisionReference = 200;
inline constexpr std::size_t kMaxEndorsementNote = 2000;

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

// The directory's query: every filter is optional ("" = any). Two queries: the page and the total.
struct DirectoryFilter {
  std::string search;     // case-insensitive substring of the name
  std::string sector;     // a sector code
  std::string area_code;  // ONS code of an area served; also finds those serving a wider area containing it
  int page = 1;           // 1-based
  int per_page = 20;
};
struct DirectoryPage {
  std::vector<Organisation> organisations;
  std::int64_t total = 0;
  // With an area filter: organisation id → "County-wide" (places::wider_area_label) for those
  // listed because they serve a wider area containing the one asked for.
  std::map<std::int64_t, std::string> wider_area;
};
DirectoryPage find_organisations(core::Connection& c, const DirectoryFilter& f);
// Organisations by id, for pages that show several (one query; unknown ids are skipped).
std::vector<Organisation> organisations_by_id(core::Connection& c, const std::vector<std::int64_t>& ids);
// Just their names, id → name (one small query; unknown ids are absent): for the session
// middleware, which labels the principal's memberships on every signed-in request.
std::map<std::int64_t, std::string> organisation_names(core::Connection& c, const std::vector<std::int64_t>& ids);
// org-id → organisation id of those registered (unknown org-ids are absent). One query per
// 500 distinct org-ids.
std::map<std::string, std::int64_t> organisation_ids_by_org_id(core::Connection& c,
                                                               const std::vector<std::string>& org_ids);
// Bumped by every organisation write: a cache of data that depends on organisations' sector
// or areas compares it.
std::int64_t organisations_version(core::Connection& c);
// The service: validates once (per-field errors; areas must be the current place's), inserts
// and audits in its own transaction. The address comes from the name ("organisation-N" when
// the name has no Latin letters or digits). Two saves of one name at the same moment: one
// wins, the other is a conflict (409), never a 500.
core::Result<Organisation> create_organisation(core::Database& db, const core::audit::Actor& actor,
                                               const OrganisationInput& in);
// Same, inside the caller's transaction (importers that write many rows at once).
core::Result<Organisation> create_organisation_in(core::Connection& c, const core::audit::Actor& actor,
                                                  const OrganisationInput& in);
// Validation only (per-field errors, no database): used by importers for dry runs.
std::vector<core::FieldError> validate_organisation(const OrganisationInput& in);
// Updates the fields of an existing organisation (slug kept); audited with before and after.
core::Result<Organisation> update_organisation(core::Database& db, const core::audit::Actor& actor, std::int64_t id,
                                               const OrganisationInput& in);
core::Result<Organisation> update_organisation_in(core::Connection& c, const core::audit::Actor& actor, std::int64_t id,
                                                  const OrganisationInput& in);

// CSV import (docs/IMPORT_FORMATS.md): rows are upserted by org-id, else name; audited as the
// system actor; nothing is written when a row is invalid unless skip_invalid.
core::ImportReport import_organisations_csv(core::Database& db, const std::string& csv_text,
                                            const core::ImportOptions& opts, const core::ImportProgress& progress = {});

// The partners seed (run after the place import): each council named by the place's areas
// becomes an organisation (by org-id; existing ones are left alone), and every organisation
// is (re)indexed for search. Idempotent.
core::Result<core::SeedReport> seed_from_place(core::Database& db);

// --- Endorsements: an organisation's governance endorsing the place's vision -----------------
struct Endorsement {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string organisation_name, organisation_slug;
  std::string endorsed_on;         // "YYYY-MM-DD" or "" when the source gives no date
  std::string body;                // who decided, e.g. "Full Council"
  std::string decision_reference;  // e.g. a resolution or minute number
  std::string note;
};
struct EndorsementInput {
  std::int64_t organisation_id = 0;
  std::string endorsed_on, body, decision_reference, note;
};
// Newest first by date (undated last), with the organisation's name.
std::vector<Endorsement> list_endorsements(core::Connection& c, std::int64_t place_id);
std::vector<Endorsement> endorsements_of(core::Connection& c, std::int64_t organisation_id);
// Records (or updates) an organisation's endorsement of the place's vision; audited.
// Errors: invalid (bad date, unknown organisation).
core::Result<Endorsement> record_endorsement(core::Connection& c, const core::audit::Actor& actor,
                                             std::int64_t place_id, const EndorsementInput& in);
// The service: the same in its own transaction.
core::Result<Endorsement> record_endorsement(core::Database& db, const core::audit::Actor& actor, std::int64_t place_id,
                                             const EndorsementInput& in);

void register_module(core::Registry& registry);

}  // namespace goldthread::partners
