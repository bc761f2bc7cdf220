#pragma once
// Typed view models of the indicator list, an indicator's page and the ambition page's "How we
// measure progress" section (outcomes_handlers.cpp). Their representations — the resource (the
// JSON twin) and the template's model — are written in one place, indicator_page_json.cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "outcomes/kpi_views.hpp"
#include "outcomes/outcomes_views.hpp"

namespace goldthread::outcomes {

struct AmbitionLink {
  std::string slug, title;
};
// The ambitions an indicator names, in its order, among the place's.
std::vector<AmbitionLink> ambition_links(const std::vector<std::string>& slugs,
                                         const std::vector<places::Ambition>& ambitions);

// GET /indicators: every indicator with its ambitions, and the attributions the list carries.
struct IndicatorListItem {
  const store::Indicator& indicator;
  std::vector<AmbitionLink> ambitions = {};
};
struct IndicatorsView {
  std::vector<IndicatorListItem> items = {};
  std::vector<std::string> attributions = {};  // distinct, sorted
  bool can_import = false;                     // screen state
};
void to_json(nlohmann::json& j, const IndicatorsView& v);
void screen_json(nlohmann::json& j, const IndicatorsView& v);

// GET /indicators/{slug}: the latest figure of every area with its comparison and trend, the
// trend of one area over time against England, and the indicator's shared KPIs.
struct IndicatorPageView {
  const store::Indicator& indicator;
  std::vector<AmbitionLink> ambitions = {};
  const IndicatorAnalysis& analysis;
  const std::vector<store::Point>& points;
  double level = 0.95;                  // of the comparison's intervals: 0.95 or 0.998
  const AreaRef* trend_area = nullptr;  // the area whose trend is shown (?area=), if any
  std::vector<KpiView> kpis = {};
  const PlaceFrame& frame;
};
// What only the page shows: the banner after a save and what the visitor may do.
struct IndicatorScreen {
  std::string banner;
  bool can_mark_kpi = false, can_sign_up = false;
};
void to_json(nlohmann::json& j, const IndicatorPageView& v);
void screen_json(nlohmann::json& j, const IndicatorPageView& v, const IndicatorScreen& s);

// The ambition page's section: the place's latest figure of each indicator linked to the
// ambition, and the ambition's shared KPIs.
struct AmbitionMeasure {
  const store::Indicator& indicator;
  const AreaSummary* latest = nullptr;  // the place as a whole (its county or first area)
};
struct AmbitionMeasuresView {
  std::vector<IndicatorAnalysis> analyses = {};  // what `items[].latest` points into
  std::vector<AmbitionMeasure> items = {};
  std::vector<KpiView> kpis = {};
  const PlaceFrame& frame;
  std::vector<std::string> attributions = {};  // distinct, sorted
};
// One model for both representations (a section's model is its JSON twin); `screen` adds the
// display text the template reads.
void section_json(nlohmann::json& j, const AmbitionMeasuresView& v, bool screen);

}  // namespace goldthread::outcomes
