#pragma once
// The typed view of the KPI freshness page (area_handlers.cpp): per organisation, the KPIs it
// signed up to and whether the latest expected figure is in. Its representations are written in
// one place, outcomes/freshness_json.cpp.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "outcomes/kpi_views.hpp"

namespace goldthread::outcomes {

struct FreshnessItem {
  const SignUpView* signup = nullptr;
  const KpiView* kpi = nullptr;
};
struct FreshnessOrganisation {
  OrganisationRef organisation;
  std::vector<FreshnessItem> items = {};
  std::size_t due = 0;  // sign-ups waiting for a figure
};
struct FreshnessView {
  const PlaceFrame& frame;
  std::vector<FreshnessOrganisation> organisations = {};  // by name
  std::size_t due = 0;
};
void to_json(nlohmann::json& j, const FreshnessView& v);
void screen_json(nlohmann::json& j, const FreshnessView& v);

}  // namespace goldthread::outcomes
