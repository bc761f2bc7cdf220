// The one list of capability modules (STYLE.md §1). Core never includes a capability.
#include "app/modules.hpp"

#include "accounts/accounts.hpp"
#include "app/site_map.hpp"
#include "assemblies/assemblies.hpp"
#include "comms/comms.hpp"
#include "core/core_routes.hpp"
#include "core/registry.hpp"
#include "engagement/engagement.hpp"
#include "outcomes/outcomes.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/readiness.hpp"
#include "work/work.hpp"

namespace goldthread::app {

void register_modules(core::Registry& r) {
  register_site_map(r);  // the header: six sections (docs/SITEMAP.md)
  core::register_core_routes(r);
  accounts::register_module(r);  // sessions and CSRF: its middleware runs first
  places::register_module(r);
  partners::register_module(r);
  engagement::register_module(r);
  work::register_module(r);
  pledges::register_module(r);
  outcomes::register_module(r);
  assemblies::register_module(r);
  readiness::register_module(r);
  comms::register_module(r);  // after the capabilities whose pages it adds sections to
}

}  // namespace goldthread::app
