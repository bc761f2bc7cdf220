#pragma once
// The typed view of an indicator's map of the place's areas (area_handlers.cpp, issue 12.7).
// Its representations are written in one place, outcomes/map_page_json.cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "outcomes/kpi_views.hpp"
#include "outcomes/outcomes_views.hpp"

namespace goldthread::outcomes {

struct MapPageView {
  const store::Indicator& indicator;
  const IndicatorAnalysis& analysis;  // the areas with a figure for the latest period are mapped
  std::string period_label;           // the latest period's label
};
void to_json(nlohmann::json& j, const MapPageView& v);
void screen_json(nlohmann::json& j, const MapPageView& v);

}  // namespace goldthread::outcomes
