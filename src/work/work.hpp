#pragma once
// The work capability: initiatives (existing and new work, the vision projects), partner
// strategies with their alignment statements (the golden thread), the alignment matrix,
// follow / connect (follows are core's service), the /search page over core's search index,
// and CSV import of initiatives. Other capabilities include only this.
//
// Tables: initiatives, initiative_partners, initiative_alignments, initiative_areas,
// initiative_tags, strategies, strategy_alignments, connect_requests, work_state. See README.md.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/csv_import.hpp"
#include "core/result.hpp"
#include "core/seed.hpp"
#include "core/storage.hpp"
#include "work/markdown.hpp"  // the sanitised Markdown renderer, for other capabilities too (comms)

namespace goldthread::core {
class Registry;
}

namespace goldthread::work {

// Statuses in their life-cycle order: idea, planned, active, completed, stopped.
const std::vector<std::pair<std::string, std::string>>& statuses();  // code → label
bool is_status(const std::string& s);
// Guiding principles offered as tags (code → label); other codes are rejected.
const std::vector<std::pair<std::string, std::string>>& principles();

// Field limits in characters or entries (docs/LIMITS.md): the form binder enforces them on
// every form and JSON body; validate_initiative and validate_strategy again for importers.
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxSummary = 500;
inline constexpr std::size_t kMaxDescription = 20000;
inline constexpr std::size_t kMaxLeadName = 200;
inline constexpr std::size_t kMaxSponsors = 50, kMaxSponsor = 200;            // lines, characters a line
inline constexpr std::size_t kMaxPartnerLabels = 50, kMaxPartnerLabel = 100;  // lines, characters a line
inline constexpr std::size_t kMaxPartnerOrgIds = 100, kMaxOrgIdLength = 80;   // lines, characters a line
inline constexpr std::size_t kMaxPartnerOptions = 500;  // organisations offered by name on the initiative form
inline constexpr std::size_t kMaxLinks = 20, kMaxLinkLine = 2000;             // lines, characters a line
inline constexpr std::size_t kMaxStrategySummary = 2000;
inline constexpr std::size_t kMaxStatement = 2000;
inline constexpr std::size_t kMaxUrl = 2000;
inline constexpr std::size_t kMaxConnectMessage = 2000;

struct Link {
  std::string text, href;
};

// An ambition, or one of its priorities when priority_id != 0.
struct Alignment {
  std::int64_t ambition_id = 0;
  std::int64_t priority_id = 0;
  // Strategies: what the strategy says about it. Initiatives: the link's basis when the owner
  // did not decide it ("Inferred from the project's description, ..."); "" = the owner's own.
  std::string statement;
};

struct Initiative {
  std::int64_t id = 0;
  std::int64_t place_id = 0;
  std::string slug, title, summary, description;  // description is Markdown
  std::int64_t owner_organisation_id = 0;         // 0 = none recorded
  std::string status = "active", start_date, end_date;
  bool is_vision_project = false;
  std::string lead_name;
  std::int64_t lead_user_id = 0;
  std::vector<std::string> sponsors;        // free-text names
  std::vector<std::string> partner_labels;  // generic partners ("Health", "Voluntary Sector")
  std::vector<Link> links;
  std::vector<std::int64_t> partner_ids;  // organisations
  std::vector<Alignment> alignments;
  std::vector<std::string> areas;            // ONS codes
  std::vector<std::string> principles;       // principle codes
  std::vector<std::string> building_blocks;  // building block slugs
  // The description rendered when it was saved (work/markdown.hpp); empty when the row was
  // saved before HTML was stored, until initiative_description_html fills it.
  std::optional<std::string> description_html;
};

struct Strategy {
  std::int64_t id = 0;
  std::int64_t place_id = 0;
  std::string slug, title, summary;
  std::int64_t owner_organisation_id = 0;
  std::string owner_label;  // when the owner is not (yet) a registered organisation
  std::string period_start, period_end, url;
  std::vector<Alignment> alignments;
};

// --- Permissions (pure) -------------------------------------------------------------------
// Place and site admins edit everything; a partner member edits what their organisation owns.
bool can_edit(const core::Principal& p, std::int64_t owner_organisation_id);
// May create work owned by this organisation (0 = no owner: admins only).
bool can_own(const core::Principal& p, std::int64_t owner_organisation_id);

// --- Initiatives --------------------------------------------------------------------------
// Validates every field (per-field errors), then checks ids against the place's ambitions,
// priorities, areas and organisations. slug "" = derived from the title.
// Listing a partner organisation other than the owner records a claim (see "Partner claims"
// below) and mails that organisation's administrators a link under base_url.
core::Result<Initiative> create_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           const std::string& base_url = {});
core::Result<Initiative> update_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           const std::string& base_url = {});
// Creates or updates by (place, slug); nothing is written when nothing differs.
core::Result<Initiative> upsert_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           bool* changed = nullptr);
std::optional<Initiative> try_find_initiative(core::Connection& c, std::int64_t place_id, const std::string& slug);
std::optional<Initiative> try_find_initiative_by_id(core::Connection& c, std::int64_t id);
// Pure validation of the fields that need no database (used by the CSV dry run too).
std::vector<core::FieldError> validate_initiative(const Initiative& in);

// The description's HTML: the stored rendering, else rendered now (within the Markdown
// bounds, escaped text beyond them) and stored for the next reader.
std::string initiative_description_html(core::Connection& c, const Initiative& i);
// Markdown for other capabilities' fields: work::markdown_problem and work::render_markdown
// are core's (core/markdown.hpp), aliased by work/markdown.hpp included above.

struct InitiativeFilter {
  std::int64_t place_id = 0;
  std::string search, status, sector;
  std::string area_code;  // also finds work covering a wider area that contains it (places::area_and_parents)
  std::int64_t organisation_id = 0;  // owner or partner
  std::int64_t ambition_id = 0, priority_id = 0;
  bool vision_projects_only = false;
  int page = 1, per_page = 20;
};
struct InitiativeSummary {
  std::int64_t id = 0;
  std::string slug, title, summary, status, owner_name;
  bool is_vision_project = false;
  // With an area filter: "County-wide" (places::wider_area_label) when the initiative is listed
  // because it covers a wider area containing the one asked for; "" when it names that area.
  std::string wider_area;
};
struct InitiativePage {
  std::vector<InitiativeSummary> items;
  std::int64_t total = 0;
};
InitiativePage find_initiatives(core::Connection& c, const InitiativeFilter& f);
// The place's initiatives tagged with any of these building blocks, as (block slug, initiative),
// by block then title; one query (used by readiness for its weak blocks).
std::vector<std::pair<std::string, InitiativeSummary>> initiatives_by_building_block(
    core::Connection& c, std::int64_t place_id, const std::vector<std::string>& block_slugs);

// The services behind the forms: each owns its transaction, validates once, writes and audits.
// Two saves of one title at the same moment: one wins, the other is a conflict (409). A title
// with no Latin letters or digits gets the address "initiative-N" / "strategy-N".
core::Result<Initiative> save_new_initiative(core::Database& db, const core::audit::Actor& actor, Initiative in,
                                             const std::string& base_url = {});
core::Result<Initiative> save_initiative_changes(core::Database& db, const core::audit::Actor& actor, Initiative in,
                                                 const std::string& base_url = {});

// --- Partner claims (issue 10.8) ------------------------------------------------------------
// An initiative's partner organisation other than its owner is a claim until an administrator
// of that organisation confirms it. Until then every page that shows the listing says who made
// it ("listed by Essex County Council, not yet confirmed by Beta Trust"); a declined listing is
// shown nowhere (and stays declined when the initiative is saved again); only confirmed
// partners count in the matrix and the ambition pages. Initiative::partner_ids holds all three.
struct PartnerLink {
  std::int64_t initiative_id = 0, organisation_id = 0;
  std::string status;                                                   // claimed | confirmed | declined
  std::int64_t claimed_by_organisation_id = 0, claimed_by_user_id = 0;  // 0 = none recorded
  std::string claimed_at, initiative_title, initiative_slug;
};
std::vector<PartnerLink> partner_links_of(core::Connection& c, std::int64_t initiative_id);
// Listings of these organisations by other organisations' initiatives ("" = any status),
// waiting claims first, at most `limit`.
std::vector<PartnerLink> partner_claims_on(core::Connection& c, const std::vector<std::int64_t>& organisation_ids,
                                           const std::string& status, int limit);
std::int64_t count_pending_claims(core::Connection& c, const std::vector<std::int64_t>& organisation_ids);
// Who made the claim, for "listed by …": the owner organisation's name, else the person's.
std::string claimant_name(core::Connection& c, const PartnerLink& l,
                          const std::map<std::int64_t, std::string>& organisation_names);
// The service behind the claims page: only an administrator of the listed organisation may
// confirm or decline (forbidden otherwise); not_found when there is no such listing. Audited
// as "confirm" / "decline" partner_claim "<initiative id>-<organisation id>".
core::Result<PartnerLink> decide_partner_claim(core::Database& db, const core::Principal& who,
                                               std::int64_t organisation_id, std::int64_t initiative_id, bool confirm);

// --- Strategies ---------------------------------------------------------------------------
core::Result<Strategy> upsert_strategy(core::Connection& c, const core::audit::Actor& actor, Strategy in,
                                       bool* changed = nullptr);
std::optional<Strategy> try_find_strategy(core::Connection& c, std::int64_t place_id, const std::string& slug);
std::vector<Strategy> list_strategies(core::Connection& c, std::int64_t place_id,
                                      std::int64_t owner_organisation_id = 0);
// The service behind the form (see save_new_initiative): a new strategy's title must be free.
core::Result<Strategy> save_strategy(core::Database& db, const core::audit::Actor& actor, Strategy in, bool creating);

// --- Follow and connect ---------------------------------------------------------------------
core::Status follow_initiative(core::Connection& c, const core::Principal& who, std::int64_t initiative_id);
core::Status unfollow_initiative(core::Connection& c, const core::Principal& who, std::int64_t initiative_id);
// Who follows what is core's service (core/follows.hpp, type "initiative"); these add the
// sign-in and existence checks and the audit record.

struct ConnectRequest {
  std::int64_t id = 0, initiative_id = 0, user_id = 0;
  std::string initiative_title, initiative_slug, user_name, message, status, created_at;
  std::string reply, replied_at;  // status "replied" once the lead answered
};
// Stores a request to the initiative's lead; audited. Errors: invalid (empty or too long
// message), not_found, conflict (an open request from this person already exists).
core::Result<ConnectRequest> request_connection(core::Connection& c, const core::Principal& who,
                                                std::int64_t initiative_id, const std::string& message);
// Requests for initiatives this person leads (lead_user_id) or whose owner organisation they
// are a member of; newest first.
std::vector<ConnectRequest> connect_requests_for(core::Connection& c, const core::Principal& lead);
// How many of those still wait for a reply (status "new").
std::size_t open_connect_requests_for(core::Connection& c, const core::Principal& lead);
// The lead (or a member of the owner organisation) answers a request: the reply is stored, the
// request becomes "replied", the person who asked gets it by e-mail, all audited in one
// transaction. Errors: invalid (empty or too long), not_found, forbidden (not theirs to answer).
core::Result<ConnectRequest> reply_to_connection(core::Database& db, const core::Principal& lead,
                                                 std::int64_t request_id, const std::string& message,
                                                 const std::string& base_url);

// --- Seeding from the place data --------------------------------------------------------
using SeedReport = core::SeedReport;
// The work seed, after the place import and the partners seed: the vision projects and the
// examples of joint working become initiatives, the optional "<place>-work.json" beside the
// place file adds endorsements and strategies. Idempotent (by slug).
core::Result<SeedReport> seed_from_place_file(core::Database& db, const std::string& place_file);

// --- CSV import (docs/IMPORT_FORMATS.md) -------------------------------------------------
using ImportProblem = core::ImportProblem;
using ImportOptions = core::ImportOptions;
using ImportReport = core::ImportReport;
using ImportProgress = core::ImportProgress;
// Every row is checked; nothing is written when any row is invalid unless skip_invalid.
// Rows are upserted by slug; audited as the system actor. A file that is not CSV gives one
// problem on row 0. (Organisations: partners::import_organisations_csv.)
ImportReport import_initiatives_csv(core::Database& db, const std::string& csv_text, const ImportOptions& opts,
                                    const ImportProgress& progress = {});

void register_module(core::Registry& registry);

}  // namespace goldthread::work
