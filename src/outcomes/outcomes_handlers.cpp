// The indicator list, an indicator's page (latest values by area, comparison, trend, charts)
// and the ambition page's "How we measure it" section.
#include "outcomes/outcomes_handlers.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/page.hpp"
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

json ambition_links(const std::vector<std::string>& slugs, const std::vector<places::Ambition>& ambitions) {
  json out = json::array();
  for (const auto& s : slugs)
    for (const auto& a : ambitions)
      if (a.slug == s) out.push_back({{"slug", a.slug}, {"title", a.title}, {"href", "/ambitions/" + a.slug}});
  return out;
}

json opt(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

const char* kComparisonMethod =
    "Compared with England and the region by Fingertips' method: better or worse when the area's confidence "
    "interval lies wholly on one side of the benchmark's value, similar when it contains it, not compared "
    "when there is no interval. Intervals are the published 95% limits, or computed from the counts (Wilson score "
    "for proportions, Byar for rates).";

double level_param(const core::Context& ctx) {
  return ctx.query("level").value_or("") == "99.8" ? 0.998 : 0.95;
}

}  // namespace

Response indicators_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = places::current_place(ctx, *conn);
  std::vector<places::Ambition> ambitions;
  if (place) ambitions = places::list_ambitions(*conn, place->id);
  json items = json::array();
  std::set<std::string> attributions;
  for (const auto& ind : store::list_indicators(*conn)) {
    items.push_back({{"slug", ind.slug},
                     {"name", ind.name},
                     {"href", "/indicators/" + ind.slug},
                     {"unit", ind.unit},
                     {"polarity", ind.polarity},
                     {"source_org", ind.source_org},
                     {"ambitions", ambition_links(ind.ambitions, ambitions)}});
    if (!ind.attribution.empty()) attributions.insert(ind.attribution);
  }
  json model = {
      {"indicators", items},
      {"has_indicators", !items.empty()},
      {"attributions", json(std::vector<std::string>(attributions.begin(), attributions.end()))},
      {"can_import", ctx.principal.has(core::Role::partner_member) || ctx.principal.has(core::Role::place_admin)},
      {"links", {{"self", "/indicators"}, {"import", "/indicators/import"}}}};
  return core::render_page(ctx, "outcomes/indicators", "Indicators", model, 200, {{"Home", "/"}});
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
  std::vector<places::Ambition> ambitions;
  if (place) ambitions = places::list_ambitions(*conn, place->id);
  auto refs = area_refs(*conn, place);
  auto points = store::points_of(*conn, ind->id, today_iso());
  double level = level_param(ctx);
  auto analysis = analyse(*ind, points, refs, level);

  json rows = json::array();
  for (const auto& s : analysis.areas) rows.push_back(summary_json(*ind, s));
  // The trend chart's area: ?area=CODE, else the county (the first area with figures).
  std::string area_code = ctx.query("area").value_or("");
  const AreaRef* area = nullptr;
  for (const auto& s : analysis.areas)
    if (s.area.code == area_code) area = &s.area;
  if (!area && !analysis.areas.empty()) area = &analysis.areas.front().area;
  json trend_rows = json::array();
  std::string trend_svg;
  if (area) {
    trend_svg = trend_chart_svg(*ind, points, *area, kEngland);
    std::map<std::string, std::string> england;
    for (const auto& p : points)
      if (p.area_code == kEngland) england[p.period] = value_text(*ind, shown(*ind, p));
    for (const auto& p : points) {
      if (p.area_code != area->code) continue;
      auto s = shown(*ind, p);
      auto period = parse_period(p.period);
      trend_rows.push_back({{"period", p.period},
                            {"period_label", period ? period->label : p.period},
                            {"value_text", value_text(*ind, s)},
                            {"ci_text", s.ci95 ? json(format_value(s.ci95->lower, ind->unit, ind->value_type) + " to " +
                                                      format_value(s.ci95->upper, ind->unit, ind->value_type))
                                               : json(nullptr)},
                            {"provisional", p.status == "provisional"},
                            {"england", england.count(p.period) ? json(england[p.period]) : json(nullptr)}});
    }
  }
  json area_options = json::array();
  for (const auto& s : analysis.areas)
    area_options.push_back(
        {{"value", s.area.code}, {"text", s.area.name}, {"selected", area && s.area.code == area->code}});
  auto latest = parse_period(analysis.latest_period);
  auto polarity = parse_polarity(ind->polarity);
  json model = {{"indicator",
                 {{"slug", ind->slug},
                  {"name", ind->name},
                  {"definition", opt(ind->definition)},
                  {"unit", opt(ind->unit)},
                  {"value_type", ind->value_type},
                  {"multiplier", ind->multiplier ? json(ind->multiplier) : json(nullptr)},
                  {"polarity", polarity_key(polarity)},
                  {"polarity_label", polarity_label(polarity)},
                  {"source_org", opt(ind->source_org)},
                  {"source_url", opt(ind->source_url)},
                  {"licence", opt(ind->licence)},
                  {"attribution", opt(attribution_of(*ind))},
                  {"frequency", opt(ind->frequency)},
                  {"suppress_below", ind->suppress_below ? json(ind->suppress_below) : json(nullptr)},
                  {"ambitions", ambition_links(ind->ambitions, ambitions)}}},
                {"latest_period", latest ? json(latest->label) : json(nullptr)},
                {"areas", rows},
                {"has_areas", !rows.empty()},
                {"level", level == 0.998 ? "99.8%" : "95%"},
                {"level_998", level == 0.998},
                {"methods",
                 {{"comparison", kComparisonMethod},
                  {"trend",
                   "Trend over the last five points: the chi-square test for trend (Cochran-Armitage, 95%) where "
                   "counts are published; otherwise whether the first and last of the five 95% intervals overlap "
                   "(a simpler rule, not a significance test of the whole series); not tested with fewer than five "
                   "points or without intervals."}}},
                {"trend_area", area ? json({{"code", area->code}, {"name", area->name}}) : json(nullptr)},
                {"trend_rows", trend_rows},
                {"area_options", area_options},
                {"links",
                 {{"self", "/indicators/" + ind->slug},
                  {"map", "/indicators/" + ind->slug + "/map"},
                  {"csv", "/indicators/" + ind->slug + "/data.csv"},
                  {"json", "/indicators/" + ind->slug + "/data.json"}}}};
  // Shared KPIs on this indicator and who signed up to each (issue 12.6).
  auto frame = place_frame(ctx, *conn);
  auto kpi_list = store::kpis_of_indicators(*conn, {ind->id});
  auto views = kpi_views_of(*conn, {*ind}, kpi_list, frame);
  json kpis = json::array();
  for (const auto& v : views) {
    json k;
    kpi_json(k, v, frame, !ctx.wants_json());
    kpis.push_back(std::move(k));
  }
  model["kpis"] = kpis;
  if (!ctx.wants_json()) {
    model["bar_svg"] = bar_chart_svg(*ind, analysis);
    model["trend_svg"] = trend_svg;
    model["has_kpis"] = !kpis.empty();
    model["can_mark_kpi"] = ctx.principal.has(core::Role::place_admin);
    model["can_sign_up"] = ctx.principal.has(core::Role::partner_member) && !ctx.principal.memberships.empty();
    auto saved = ctx.query("saved").value_or("");
    model["banner"] = saved == "kpi"      ? json("Shared KPI saved")
                      : saved == "signup" ? json("Your organisation is signed up to this KPI")
                                          : json(nullptr);
    for (auto& row : model["areas"])
      if (row["kind"] != "region" && row["kind"] != "country")
        row["profile_href"] = "/indicators/areas/" + row["area_code"].get<std::string>();
  }
  return core::render_page(ctx, "outcomes/indicator", ind->name, model, 200,
                           {{"Home", "/"}, {"Indicators", "/indicators"}});
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
  json items = json::array();
  std::set<std::string> attributions;
  for (const auto& ind : inds) {
    auto analysis = analyse(ind, points[ind.id], refs, 0.95);
    json item = {{"name", ind.name}, {"href", "/indicators/" + ind.slug}, {"latest", nullptr}};
    // The place as a whole: its county (or first area) with figures.
    for (const auto& s : analysis.areas)
      if (s.area.kind != "region" && s.area.kind != "country") {
        item["latest"] = summary_json(ind, s);
        break;
      }
    items.push_back(item);
    if (!ind.attribution.empty()) attributions.insert(ind.attribution);
  }
  auto frame = place_frame(ctx, *conn);
  auto kpi_views = kpi_views_of(*conn, inds, store::kpis_of_ambition(*conn, ambition.slug), frame);
  json kpis = json::array();
  for (const auto& v : kpi_views) {
    json k;
    kpi_json(k, v, frame, !ctx.wants_json());
    kpis.push_back(std::move(k));
  }
  json model = {{"items", items},
                {"has_items", !items.empty()},
                {"kpis", kpis},
                {"has_kpis", !kpis.empty()},
                {"freshness_href", "/indicators/freshness"},
                {"attributions", json(std::vector<std::string>(attributions.begin(), attributions.end()))}};
  return core::make_section("outcomes", "How we measure progress", "outcomes/ambition_section", model);
}

}  // namespace goldthread::outcomes
