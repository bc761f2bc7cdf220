// Table of contents of the outcomes capability: migrations, routes, navigation, the ambition
// section.
#include "core/registry.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {

std::vector<IndicatorSummary> indicators_for_ambition(core::Connection& c, const std::string& ambition_slug) {
  std::vector<IndicatorSummary> out;
  for (const auto& i : store::indicators_linked(c, "ambition", ambition_slug)) out.push_back({i.slug, i.name});
  return out;
}

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("outcomes");
  r.add_migrations("outcomes");
  const auto importers = Access::any_of({Role::partner_member, Role::place_admin});
  r.add_route("GET", "/indicators", Access::anyone(), indicators_page);
  r.add_route("GET", "/indicators/import", importers, import_page);
  r.add_route("POST", "/indicators/import", importers, import_handler);
  r.set_heavy("POST", "/indicators/import");
  // Not cached: an embargo ends with the date, not with an audited write.
  r.add_route("GET", "/indicators/{slug}", Access::anyone(), indicator_page);
  r.add_route("GET", "/indicators/{slug}/data.csv", Access::anyone(), indicator_csv);
  r.add_route("GET", "/indicators/{slug}/data.json", Access::anyone(), indicator_json);
  r.add_nav({"Indicators", "/indicators", 65});
  r.add_section<places::Ambition>("ambition", ambition_section);
}

}  // namespace goldthread::outcomes
