// Read-only outcome pages: the area profile (KPIs first, in the spirit of a spine chart) and
// its CSV, an indicator's map of the place's areas (issue 12.7, 12.9), the KPI freshness view
// and the organisation page's "Shared KPIs" section (issue 12.6).
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/csv_reader.hpp"
#include "outcomes/freshness_views.hpp"
#include "outcomes/kpi_views.hpp"
#include "outcomes/map_page_views.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

namespace {

// The profile of the area at {code}, or nullopt (404) when it is not an area of the place.
std::optional<AreaProfile> load_profile(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto frame = place_frame(ctx, *conn);
  const std::string code = ctx.param("code");
  AreaProfile profile;
  bool found = false;
  for (const auto& r : frame.refs)
    if (r.code == code && r.kind != "region" && r.kind != "country") {
      profile.area = r;
      found = true;
    }
  if (!found) return std::nullopt;
  // The indicators measuring an ambition (every KPI is one: saving a KPI links them), not
  // every upload: the profile is the place's outcomes for one area.
  std::vector<store::Indicator> inds;
  for (auto& i : store::list_indicators(*conn))
    if (!i.ambitions.empty()) inds.push_back(std::move(i));
  std::vector<std::int64_t> ids;
  for (const auto& i : inds) ids.push_back(i.id);
  auto kpis = store::kpis_of_indicators(*conn, ids);
  auto points = store::points_of_many(*conn, ids, today_iso());
  // KPIs first (by ambition), then every other indicator by name.
  std::vector<std::pair<const store::Indicator*, const store::Kpi*>> order;
  for (const auto& k : kpis)
    for (const auto& i : inds)
      if (i.id == k.indicator_id) {
        bool seen = false;
        for (const auto& [oi, ok] : order) seen = seen || oi->id == i.id;
        if (!seen) order.emplace_back(&i, &k);
      }
  for (const auto& i : inds) {
    bool seen = false;
    for (const auto& [oi, ok] : order) seen = seen || oi->id == i.id;
    if (!seen) order.emplace_back(&i, nullptr);
  }
  profile.rows.reserve(order.size());
  for (const auto& [i, k] : order) {
    std::string ambition = k ? frame.ambition_title(k->ambition_slug)
                             : (i->ambitions.empty() ? "" : frame.ambition_title(i->ambitions.front()));
    auto row = profile_row(*i, ambition, std::move(points[i->id]), frame, code, k);
    if (!row.area && !k) continue;  // no figure and not a KPI: nothing to show
    profile.rows.push_back(std::move(row));
  }
  return profile;
}

Response build_area_profile_page(core::Context& ctx) {
  auto profile = load_profile(ctx);
  if (!profile) return core::error_page(ctx, 404, "Page not found", "There is no area of the place at this address.");
  return core::render_page(ctx, {.template_name = "outcomes/area_profile",
                                 .title = profile->area.name + ": outcomes profile",
                                 .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}},
                                 .resource = [&](json& j) { profile_json(j, *profile, false); },
                                 .screen =
                                     [&](json& j) {
                                       profile_json(j, *profile, true);
                                       j["has_rows"] = !profile->rows.empty();
                                     }});
}

}  // namespace

Response area_profile_csv(core::Context& ctx) {
  auto profile = load_profile(ctx);
  if (!profile) return core::error_page(ctx, 404, "Page not found", "There is no area of the place at this address.");
  auto res = Response::text(profile_csv(*profile), 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"profile-" + profile->area.code + ".csv\"");
  return res;
}

namespace {
Response build_indicator_map_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto ind = store::find_indicator(*conn, ctx.param("slug"));
  if (!ind) return core::error_page(ctx, 404, "Page not found", "There is no indicator at this address.");
  auto frame = place_frame(ctx, *conn);
  auto points = store::points_of(*conn, ind->id, today_iso());
  auto analysis = analyse(*ind, points, frame.refs, 0.95);
  auto latest = parse_period(analysis.latest_period);
  MapPageView page{*ind, analysis, latest ? latest->label : analysis.latest_period};
  return core::render_page(
      ctx, {.template_name = "outcomes/map",
            .title = ind->name + ": map",
            .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}, {ind->name, "/indicators/" + ind->slug}},
            .resource = [&](json& j) { to_json(j, page); },
            .screen = [&](json& j) { screen_json(j, page); }});
}

}  // namespace

// Cached per data version (core::cached_body): figures change only with an audited import or
// KPI write, or when an embargo ends, which embargo.cpp records with an audited write.
Response area_profile_page(core::Context& ctx) {
  return core::cached_body(ctx, [&] { return build_area_profile_page(ctx); });
}

Response indicator_map_page(core::Context& ctx) {
  return core::cached_body(ctx, [&] { return build_indicator_map_page(ctx); });
}

// Per organisation, the KPIs it signed up to and whether the latest expected figure is in.
Response freshness_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto frame = place_frame(ctx, *conn);
  auto kpis = store::all_kpis(*conn);
  std::vector<std::int64_t> ind_ids;
  for (const auto& k : kpis) ind_ids.push_back(k.indicator_id);
  auto inds = store::indicators_by_id(*conn, ind_ids);
  auto views = kpi_views_of(*conn, inds, kpis, frame);
  // organisation id → (name, its sign-ups' JSON)
  std::map<std::string, std::pair<OrganisationRef, std::vector<const SignUpView*>>> by_org;
  std::map<const SignUpView*, const KpiView*> kpi_of;
  for (const auto& v : views)
    for (const auto& s : v.signups) {
      auto& e = by_org[s.organisation.name + "|" + std::to_string(s.organisation.id)];
      e.first = s.organisation;
      e.second.push_back(&s);
      kpi_of[&s] = &v;
    }
  FreshnessView page{frame};
  for (const auto& [key, e] : by_org) {
    FreshnessOrganisation o{e.first};
    for (const auto* s : e.second) {
      o.items.push_back({s, kpi_of[s]});
      o.due += s->fresh.due ? 1 : 0;
    }
    page.due += o.due;
    page.organisations.push_back(std::move(o));
  }
  return core::render_page(ctx, {.template_name = "outcomes/freshness",
                                 .title = "Are the shared KPIs up to date?",
                                 .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}},
                                 .resource = [&](json& j) { to_json(j, page); },
                                 .screen = [&](json& j) { screen_json(j, page); }});
}

std::optional<core::Section> organisation_kpis_section(core::Context& ctx, const partners::Organisation& o) {
  auto conn = ctx.db().acquire();
  auto mine = store::signups_of_organisation(*conn, o.id);
  if (mine.empty()) return std::nullopt;
  auto frame = place_frame(ctx, *conn);
  std::vector<std::int64_t> kpi_ids, ind_ids;
  for (const auto& s : mine) kpi_ids.push_back(s.kpi_id);
  auto kpis = store::kpis_by_id(*conn, kpi_ids);
  for (const auto& k : kpis) ind_ids.push_back(k.indicator_id);
  auto inds = store::indicators_by_id(*conn, ind_ids);
  auto points = store::points_of_many(*conn, ind_ids, today_iso());
  std::map<std::int64_t, OrganisationRef> self = {{o.id, {o.id, o.slug, o.name}}};
  OrganisationKpisView view{frame};
  for (const auto& k : kpis)
    for (const auto& i : inds)
      if (i.id == k.indicator_id) view.kpis.push_back(kpi_view(i, k, points[i.id], frame, mine, self, today_iso()));
  return organisation_kpis_section_of(view, !ctx.wants_json());
}

}  // namespace goldthread::outcomes
