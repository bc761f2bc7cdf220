#pragma once
#include <optional>

#include "core/command.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"
#include "outcomes/kpi_views.hpp"
#include "outcomes/outcomes_views.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::outcomes {
core::Response indicators_page(core::Context& ctx);
core::Response indicator_page(core::Context& ctx);
core::Response indicator_csv(core::Context& ctx);
core::Response indicator_json(core::Context& ctx);
core::Response import_page(core::Context& ctx);
core::Response import_handler(core::Context& ctx);
int run_indicator_import(core::CommandInput& in);  // outcomes_commands.cpp
int run_metadata(core::CommandInput& in);
std::optional<core::Section> ambition_section(core::Context& ctx, const places::Ambition& ambition);
// The place's areas (county, districts, unitaries) then the comparators (region, England).
std::vector<AreaRef> area_refs(core::Connection& c, const std::optional<places::Place>& place);

// kpi_handlers.cpp
PlaceFrame place_frame(core::Context& ctx, core::Connection& c);
// The views of these KPIs (their indicators among `inds`), with sign-ups and freshness.
std::vector<KpiView> kpi_views_of(core::Connection& c, const std::vector<store::Indicator>& inds,
                                  const std::vector<store::Kpi>& kpis, const PlaceFrame& frame);
// embargo.cpp: today's date (YYYY-MM-DD, UTC), which decides what an embargo hides;
// set_today_for_test("") goes back to the clock.
std::string today_iso();
void set_today_for_test(const std::string& day);
// Records the end of every embargo dated on or before `today` not recorded yet, with one audit
// record (so the data version moves and cached views are built again); how many dates ended.
std::size_t end_embargoes_due(core::Database& db, const std::string& today);
// The middleware that calls end_embargoes_due before the first GET after an embargo's date.
std::shared_ptr<core::Middleware> embargo_clock();
core::Response kpi_form_page(core::Context& ctx);
core::Response kpi_form_handler(core::Context& ctx);
core::Response signup_page(core::Context& ctx);
core::Response signup_handler(core::Context& ctx);
// area_handlers.cpp
core::Response freshness_page(core::Context& ctx);
std::optional<core::Section> organisation_kpis_section(core::Context& ctx, const partners::Organisation& o);
core::Response area_profile_page(core::Context& ctx);
core::Response area_profile_csv(core::Context& ctx);
core::Response indicator_map_page(core::Context& ctx);
}  // namespace goldthread::outcomes
