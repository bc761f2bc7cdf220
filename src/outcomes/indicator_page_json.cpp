// The indicator list, an indicator's page and the ambition section as JSON: the resource (the
// JSON twin: fields, numbers as numbers, links) and the template's model (display text, the
// charts, what the visitor may do). docs/API.md, "Outcomes".
#include <map>
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "outcomes/indicator_page_views.hpp"
#include "outcomes/outcomes_rules.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

std::vector<AmbitionLink> ambition_links(const std::vector<std::string>& slugs,
                                         const std::vector<places::Ambition>& ambitions) {
  std::vector<AmbitionLink> out;
  for (const auto& s : slugs)
    for (const auto& a : ambitions)
      if (a.slug == s) out.push_back({a.slug, a.title});
  return out;
}

namespace {

const char* kComparisonMethod =
    "Compared with England and the region by Fingertips' method: better or worse when the area's confidence "
    "interval lies wholly on one side of the benchmark's value, similar when it contains it, not compared "
    "when there is no interval. Intervals are the published 95% limits, or computed from the counts (Wilson score "
    "for proportions, Byar for rates).";
const char* kTrendMethod =
    "Trend over the last five points: the chi-square test for trend (Cochran-Armitage, 95%) where "
    "counts are published; otherwise whether the first and last of the five 95% intervals overlap "
    "(a simpler rule, not a significance test of the whole series); not tested with fewer than five "
    "points or without intervals.";

json links_json(const std::vector<AmbitionLink>& links) {
  json out = json::array();
  for (const auto& a : links) out.push_back({{"slug", a.slug}, {"title", a.title}, {"href", "/ambitions/" + a.slug}});
  return out;
}

json number_or_null(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string period_label(const std::string& period) {
  auto p = parse_period(period);
  return p ? p->label : period;
}

std::string interval_text(const store::Indicator& ind, const Interval& ci) {
  return format_value(ci.lower, ind.unit, ind.value_type) + " to " + format_value(ci.upper, ind.unit, ind.value_type);
}

// The trend area's points in period order, each with England's value at the same period.
json trend_json(const IndicatorPageView& v, bool screen) {
  if (!v.trend_area) return nullptr;
  const auto& ind = v.indicator;
  std::map<std::string, Shown> england;
  for (const auto& p : v.points)
    if (p.area_code == kEngland) england[p.period] = shown(ind, p);
  json points = json::array();
  for (const auto& p : v.points) {
    if (p.area_code != v.trend_area->code) continue;
    auto s = shown(ind, p);
    auto e = england.find(p.period);
    json row = {
        {"period", p.period}, {"period_label", period_label(p.period)}, {"provisional", p.status == "provisional"}};
    if (screen) {
      row["value_text"] = value_text(ind, s);
      row["ci_text"] = s.ci95 ? json(interval_text(ind, *s.ci95)) : json(nullptr);
      row["england"] = e != england.end() ? json(value_text(ind, e->second)) : json(nullptr);
    } else {
      row["value"] = number_or_null(s.value);
      row["suppressed"] = s.suppressed;
      row["ci95"] = s.ci95 ? json{{"lower", s.ci95->lower}, {"upper", s.ci95->upper}} : json(nullptr);
      row["england"] = e != england.end() ? number_or_null(e->second.value) : json(nullptr);
    }
    points.push_back(std::move(row));
  }
  return {{"area", {{"code", v.trend_area->code}, {"name", v.trend_area->name}}}, {"points", std::move(points)}};
}

json areas_json(const IndicatorPageView& v) {
  json rows = json::array();
  for (const auto& s : v.analysis.areas) rows.push_back(summary_json(v.indicator, s));
  return rows;
}

json indicator_fields(const IndicatorPageView& v) {
  const auto& ind = v.indicator;
  auto polarity = parse_polarity(ind.polarity);
  return {{"slug", ind.slug},
          {"name", ind.name},
          {"definition", core::text_or_null(ind.definition)},
          {"unit", core::text_or_null(ind.unit)},
          {"value_type", ind.value_type},
          {"multiplier", ind.multiplier ? json(ind.multiplier) : json(nullptr)},
          {"polarity", polarity_key(polarity)},
          {"polarity_label", polarity_label(polarity)},
          {"source_org", core::text_or_null(ind.source_org)},
          {"source_url", core::text_or_null(ind.source_url)},
          {"licence", core::text_or_null(ind.licence)},
          {"attribution", core::text_or_null(attribution_of(ind))},
          {"frequency", core::text_or_null(ind.frequency)},
          {"suppress_below", ind.suppress_below ? json(ind.suppress_below) : json(nullptr)},
          {"ambitions", links_json(v.ambitions)}};
}

json page_links(const store::Indicator& ind) {
  const std::string self = "/indicators/" + ind.slug;
  return {{"self", self}, {"map", self + "/map"}, {"csv", self + "/data.csv"}, {"json", self + "/data.json"}};
}

}  // namespace

void to_json(json& j, const IndicatorsView& v) {
  json items = json::array();
  for (const auto& it : v.items)
    items.push_back({{"slug", it.indicator.slug},
                     {"name", it.indicator.name},
                     {"href", "/indicators/" + it.indicator.slug},
                     {"unit", it.indicator.unit},
                     {"polarity", it.indicator.polarity},
                     {"source_org", it.indicator.source_org},
                     {"ambitions", links_json(it.ambitions)}});
  j = {{"indicators", std::move(items)},
       {"attributions", v.attributions},
       {"links", {{"self", "/indicators"}, {"import", "/indicators/import"}}}};
}

void screen_json(json& j, const IndicatorsView& v) {
  to_json(j, v);
  j["has_indicators"] = !v.items.empty();
  j["can_import"] = v.can_import;
}

void to_json(json& j, const IndicatorPageView& v) {
  const auto& latest = v.analysis.latest_period;
  j = {{"indicator", indicator_fields(v)},
       {"latest_period", core::text_or_null(latest)},
       {"latest_period_label", latest.empty() ? json(nullptr) : json(period_label(latest))},
       {"level", v.level},
       {"areas", areas_json(v)},
       {"methods", {{"comparison", kComparisonMethod}, {"trend", kTrendMethod}}},
       {"trend", trend_json(v, false)},
       {"kpis", kpis_json(v.kpis, v.frame, false)},
       {"links", page_links(v.indicator)}};
}

void screen_json(json& j, const IndicatorPageView& v, const IndicatorScreen& s) {
  const auto& ind = v.indicator;
  const auto& latest = v.analysis.latest_period;
  auto rows = areas_json(v);
  for (auto& row : rows)
    if (row["kind"] != "region" && row["kind"] != "country")
      row["profile_href"] = "/indicators/areas/" + row["area_code"].get<std::string>();
  json area_options = json::array();
  for (const auto& a : v.analysis.areas)
    area_options.push_back({{"value", a.area.code},
                            {"text", a.area.name},
                            {"selected", v.trend_area && a.area.code == v.trend_area->code}});
  auto trend = trend_json(v, true);
  auto kpis = kpis_json(v.kpis, v.frame, true);
  j = {{"indicator", indicator_fields(v)},
       {"latest_period", latest.empty() ? json(nullptr) : json(period_label(latest))},
       {"areas", rows},
       {"has_areas", !rows.empty()},
       {"level", v.level == 0.998 ? "99.8%" : "95%"},
       {"level_998", v.level == 0.998},
       {"methods", {{"comparison", kComparisonMethod}, {"trend", kTrendMethod}}},
       {"trend_area", trend.is_null() ? json(nullptr) : trend["area"]},
       {"trend_rows", trend.is_null() ? json::array() : trend["points"]},
       {"area_options", area_options},
       {"links", page_links(ind)},
       {"kpis", kpis},
       {"has_kpis", !kpis.empty()},
       {"bar_svg", bar_chart_svg(ind, v.analysis)},
       {"trend_svg", v.trend_area ? trend_chart_svg(ind, v.points, *v.trend_area, kEngland) : std::string()},
       {"can_mark_kpi", s.can_mark_kpi},
       {"can_sign_up", s.can_sign_up},
       {"banner", core::text_or_null(s.banner)}};
}

void section_json(json& j, const AmbitionMeasuresView& v, bool screen) {
  json items = json::array();
  for (const auto& m : v.items)
    items.push_back({{"name", m.indicator.name},
                     {"href", "/indicators/" + m.indicator.slug},
                     {"latest", m.latest ? summary_json(m.indicator, *m.latest) : json(nullptr)}});
  auto kpis = kpis_json(v.kpis, v.frame, screen);
  j = {{"items", items}, {"kpis", kpis}, {"freshness_href", "/indicators/freshness"}, {"attributions", v.attributions}};
  if (screen) {
    j["has_items"] = !items.empty();
    j["has_kpis"] = !kpis.empty();
  }
}

}  // namespace goldthread::outcomes
