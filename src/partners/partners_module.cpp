// Table of contents of the partners capability: migrations, routes, navigation, sections.
// Slot "organisation": other capabilities add to an organisation's page (accounts: "people").
#include "core/registry.hpp"
#include "partners/partner_handlers.hpp"
#include "partners/partners.hpp"

namespace goldthread::partners {

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("partners");
  r.add_migrations("partners");
  r.add_route("GET", "/organisations", Access::anyone(), directory);
  r.add_route("GET", "/organisations/{slug}", Access::anyone(), organisation);
  r.add_nav({"Organisations", "/organisations", 55});
  r.add_section("vision", endorsements_section);
}

}  // namespace goldthread::partners
