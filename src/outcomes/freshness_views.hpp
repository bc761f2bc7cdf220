#pragma once
// The typed views of the KPI freshness page (area_handlers.cpp): per organisation, the KPIs it
// signed up to and whether the latest expected figure is in; and of the organisation page's
// section of the same. Its representations are written in
// one place, outcomes/freshness_json.cpp.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/registry.hpp"
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

// The organisation page's "Shared KPIs" section: each KPI it signed up to, with its sign-up.
struct OrganisationKpisView {
  const PlaceFrame& frame;
  std::vector<KpiView> kpis = {};  // each with the organisation's one sign-up
};
core::Section organisation_kpis_section_of(const OrganisationKpisView& v, bool screen);

}  // namespace goldthread::outcomes
