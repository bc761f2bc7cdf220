// Table of contents of the partners capability: migrations, routes, navigation, sections.
// Slot "organisation": other capabilities add to an organisation's page (accounts: "people").
#include "core/csv_import.hpp"
#include "core/registry.hpp"
#include "partners/partner_handlers.hpp"
#include "partners/partners.hpp"

namespace goldthread::partners {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("partners");
  r.add_migrations("partners");
  r.add_route("GET", "/organisations", Access::anyone(), directory);
  // Organisation admins are partner members; the handlers check which organisation.
  const auto managers = Access::any_of({Role::partner_member, Role::place_admin});
  r.add_route("GET", "/organisations/new", Access::any_of({Role::place_admin}), new_organisation_page);
  r.add_route("POST", "/organisations", Access::any_of({Role::place_admin}), create_organisation_handler);
  // Its content depends on the data and the visitor's privileges only: served from memory
  // until the next audited write (core::cached_body).
  r.add_cached_page("/organisations/{slug}", organisation);
  r.add_route("GET", "/organisations/{slug}/edit", managers, edit_organisation_page);
  r.add_route("POST", "/organisations/{slug}", managers, update_organisation_handler);
  r.add_route("GET", "/organisations/{slug}/endorsement", managers, endorsement_page);
  r.add_route("POST", "/organisations/{slug}/endorsement", managers, record_endorsement_handler);
  r.add_nav({"Organisations", "/organisations", 55});
  r.add_section<places::Place>("vision", endorsements_section);
  r.add_command({{"import", "organisations"},
                 "Import organisations from a CSV file (docs/IMPORT_FORMATS.md)",
                 core::csv_import_args(),
                 [](core::CommandInput& in) { return core::run_csv_import(in, import_organisations_csv); }});
  r.add_seed([](core::Database& db, const std::string&) { return seed_from_place(db); });
}

}  // namespace goldthread::partners
