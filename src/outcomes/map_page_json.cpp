// The representations of an indicator's map page, in one place (outcomes/map_page_views.hpp).
#include <nlohmann/json.hpp>

#include "outcomes/map_page_views.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

namespace {

// An area's profile page; regions and countries are comparators without one.
json profile_href(const AreaSummary& s) {
  if (s.area.kind == "region" || s.area.kind == "country") return nullptr;
  return "/indicators/areas/" + s.area.code;
}

}  // namespace

void to_json(json& j, const MapPageView& v) {
  const auto& ind = v.indicator;
  const auto& a = v.analysis;
  json areas = json::array();
  for (const auto& s : a.areas) {
    if (s.latest->period != a.latest_period) continue;
    areas.push_back(
        {{"area_code", s.area.code},
         {"area_name", s.area.name},
         {"kind", s.area.kind},
         {"period", s.latest->period},
         {"value", s.latest_shown.value && !s.latest_shown.suppressed ? json(*s.latest_shown.value) : json(nullptr)},
         {"suppressed", s.latest_shown.suppressed},
         {"profile", profile_href(s)}});
  }
  j = {{"indicator", {{"slug", ind.slug}, {"name", ind.name}, {"href", "/indicators/" + ind.slug}}},
       {"period", a.latest_period.empty() ? json(nullptr) : json(a.latest_period)},
       {"areas", areas},
       {"attribution", attribution_of(ind)},
       {"boundaries_attribution", map_attribution()}};
}

void screen_json(json& j, const MapPageView& v) {
  to_json(j, v);
  json rows = json::array();
  for (const auto& s : v.analysis.areas)
    if (s.latest->period == v.analysis.latest_period) {
      json r = summary_json(v.indicator, s);
      r["profile_href"] = profile_href(s);
      rows.push_back(r);
    }
  j["rows"] = rows;
  j["has_rows"] = !rows.empty();
  j["period_label"] = v.period_label;
  j["map_svg"] = map_svg(v.indicator, v.analysis, v.indicator.name + " by area, " + v.period_label);
}

}  // namespace goldthread::outcomes
