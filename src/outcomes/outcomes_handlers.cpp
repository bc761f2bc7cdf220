// The indicator list, an indicator's page (latest values by area, comparison, trend, charts)
// and the ambition page's "How we measure it" section.
#include "outcomes/outcomes_handlers.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/page.hpp"
#include "outcomes/indicator_page_views.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_store.hpp"
#include "outcomes/outcomes_views.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

// The place's areas (county, districts, unitaries) then the comparators (region, England).
std::vector<AreaRef> area_refs(core::Connection& c, const std::optional<places::Place>& place) {
  std::vector<AreaRef> out;
  if (place)
    for (const auto& a : places::list_areas(c, place->id))
      out.push_back(
          {a.code, a.name, a.tier == "upper" ? "county" : (a.tier == "lower" ? "district" : "unitary"), a.parent_code});
  std::vector<AreaRef> regions, countries;
  for (const auto& [code, name] : store::comparators(c))
    (code.rfind("E12", 0) == 0 ? regions : countries)
        .push_back({code, name, code.rfind("E12", 0) == 0 ? "region" : "country", ""});
  out.insert(out.end(), regions.begin(), regions.end());
  out.insert(out.end(), countries.begin(), countries.end());
  return out;
}

namespace {

double level_param(const core::Context& ctx) {
  return ctx.query("level").value_or("") == "99.8" ? 0.998 : 0.95;
}

std::vector<places::Ambition> place_ambitions(core::Context& ctx, core::Connection& c) {
  const auto& place = places::current_place(ctx, c);
  return place ? places::list_ambitions(c, place->id) : std::vector<places::Ambition>{};
}

std::vector<std::string> sorted(const std::set<std::string>& s) {
  return {s.begin(), s.end()};
}

}  // namespace

Response indicators_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto ambitions = place_ambitions(ctx, *conn);
  auto indicators = store::list_indicators(*conn);
  IndicatorsView v;
  std::set<std::string> attributions;
  for (const auto& ind : indicators) {
    v.items.push_back({ind, ambition_links(ind.ambitions, ambitions)});
    if (!ind.attribution.empty()) attributions.insert(ind.attribution);
  }
  v.attributions = sorted(attributions);
  v.can_import = ctx.principal.has(core::Role::partner_member) || ctx.principal.has(core::Role::place_admin);
  return core::render_page(ctx, {.template_name = "outcomes/indicators",
                                 .title = "Indicators",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v); }});
}

namespace {
Response build_indicator_page(core::Context& ctx);
}

// Cached per data version; an embargo ending moves it (embargo.cpp).
Response indicator_page(core::Context& ctx) {
  return core::cached_body(ctx, [&] { return build_indicator_page(ctx); });
}

namespace {
Response build_indicator_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto ind = store::find_indicator(*conn, ctx.param("slug"));
  if (!ind) return core::error_page(ctx, 404, "Page not found", "There is no indicator at this address.");
  const auto& place = places::current_place(ctx, *conn);
  auto ambitions = place_ambitions(ctx, *conn);
  auto refs = area_refs(*conn, place);
  auto points = store::points_of(*conn, ind->id, today_iso());
  double level = level_param(ctx);
  auto analysis = analyse(*ind, points, refs, level);
  // The trend chart's area: ?area=CODE, else the county (the first area with figures).
  std::string area_code = ctx.query("area").value_or("");
  const AreaRef* area = nullptr;
  for (const auto& s : analysis.areas)
    if (s.area.code == area_code) area = &s.area;
  if (!area && !analysis.areas.empty()) area = &analysis.areas.front().area;
  // Shared KPIs on this indicator and who signed up to each (issue 12.6).
  auto frame = place_frame(ctx, *conn);
  auto kpis = kpi_views_of(*conn, {*ind}, store::kpis_of_indicators(*conn, {ind->id}), frame);
  IndicatorPageView v{.indicator = *ind,
                      .ambitions = ambition_links(ind->ambitions, ambitions),
                      .analysis = analysis,
                      .points = points,
                      .level = level,
                      .trend_area = area,
                      .kpis = std::move(kpis),
                      .frame = frame};
  IndicatorScreen s;
  auto saved = ctx.query("saved").value_or("");
  if (saved == "kpi") s.banner = "Shared KPI saved";
  if (saved == "signup") s.banner = "Your organisation is signed up to this KPI";
  s.can_mark_kpi = ctx.principal.has(core::Role::place_admin);
  s.can_sign_up = ctx.principal.has(core::Role::partner_member) && !ctx.principal.memberships.empty();
  return core::render_page(ctx, {.template_name = "outcomes/indicator",
                                 .title = ind->name,
                                 .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, s); }});
}
}  // namespace

std::optional<core::Section> ambition_section(core::Context& ctx, const places::Ambition& ambition) {
  auto conn = ctx.db().acquire();
  auto inds = store::indicators_linked(*conn, "ambition", ambition.slug);
  if (inds.empty()) return std::nullopt;
  // An ambition's KPIs are among its indicators: saving a KPI links the two.
  const auto& place = places::current_place(ctx, *conn);
  auto refs = area_refs(*conn, place);
  std::vector<std::int64_t> ids;
  for (const auto& i : inds) ids.push_back(i.id);
  auto points = store::points_of_many(*conn, ids, today_iso());
  auto frame = place_frame(ctx, *conn);
  AmbitionMeasuresView v{.kpis = kpi_views_of(*conn, inds, store::kpis_of_ambition(*conn, ambition.slug), frame),
                         .frame = frame};
  v.analyses.reserve(inds.size());  // items point into it
  std::set<std::string> attributions;
  for (const auto& ind : inds) {
    const auto& analysis = v.analyses.emplace_back(analyse(ind, points[ind.id], refs, 0.95));
    AmbitionMeasure m{ind};
    // The place as a whole: its county (or first area) with figures.
    for (const auto& s : analysis.areas)
      if (s.area.kind != "region" && s.area.kind != "country") {
        m.latest = &s;
        break;
      }
    v.items.push_back(m);
    if (!ind.attribution.empty()) attributions.insert(ind.attribution);
  }
  v.attributions = sorted(attributions);
  json model;
  section_json(model, v, !ctx.wants_json());
  return core::make_section("outcomes", "How we measure progress", "outcomes/ambition_section", std::move(model));
}

}  // namespace goldthread::outcomes
