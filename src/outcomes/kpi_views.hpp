#pragma once
// What the KPI pages, sections and the area profile show (kpi_views.cpp): pure, built from
// rows the handlers read. The resource JSON carries keys and numbers; screen JSON adds the
// display text the templates read.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outcomes/kpis.hpp"
#include "outcomes/outcomes_views.hpp"
#include "places/places.hpp"

namespace goldthread::outcomes {

// The place's areas and ambitions, which every KPI view names.
struct PlaceFrame {
  std::vector<AreaRef> refs;           // place areas, then region and England
  std::string place_code, place_name;  // the place as a whole: its county (or first area)
  std::vector<places::Ambition> ambitions;
  std::string area_name(const std::string& code) const;
  std::string ambition_title(const std::string& slug) const;
  std::vector<std::string> area_codes() const;  // the place's own areas
  std::vector<std::string> ambition_slugs() const;
};

struct OrganisationRef {
  std::int64_t id = 0;
  std::string slug, name;
};

struct SignUpView {
  store::SignUp signup;
  OrganisationRef organisation;
  Freshness fresh;
};

struct KpiAreaView {
  std::string area_code, area_name;
  AreaKpiStatus status;
};

struct KpiView {
  store::Kpi kpi;
  store::Indicator indicator;
  std::string ambition_title;
  KpiAreaView place;               // the place as a whole
  std::vector<KpiAreaView> areas;  // areas with their own targets
  std::optional<AreaSummary> latest;
  std::vector<store::Point> points;  // what `latest` points into
  std::vector<SignUpView> signups;
};

// Builds a KPI's view; `signups` of this KPI, `orgs` by id.
KpiView kpi_view(const store::Indicator& ind, const store::Kpi& kpi, std::vector<store::Point> points,
                 const PlaceFrame& frame, const std::vector<store::SignUp>& signups,
                 const std::map<std::int64_t, OrganisationRef>& orgs, const std::string& today);

void kpi_json(nlohmann::json& j, const KpiView& v, const PlaceFrame& frame, bool screen);
// The KPIs as a JSON array of kpi_json, in order.
nlohmann::json kpis_json(const std::vector<KpiView>& kpis, const PlaceFrame& frame, bool screen);
void signup_json(nlohmann::json& j, const SignUpView& v, const store::Indicator& ind, const PlaceFrame& frame,
                 bool screen);

// One KPI row of the area profile: the area's latest figure against England, the region and
// the other areas of the place at the same period.
struct ProfileRow {
  store::Indicator indicator;
  std::string ambition_title;
  std::optional<AreaSummary> area;    // nullopt: no figure for the area
  std::optional<double> england;      // at the area's latest period
  std::optional<double> worst, best;  // across the place's areas at that period (by polarity)
  std::string worst_area, best_area;
  std::vector<store::Point> points;  // what `area` points into
  std::optional<AreaKpiStatus> target;
};
struct AreaProfile {
  AreaRef area;
  std::vector<ProfileRow> rows;
};
ProfileRow profile_row(const store::Indicator& ind, const std::string& ambition_title, std::vector<store::Point> points,
                       const PlaceFrame& frame, const std::string& area_code, const store::Kpi* kpi);
void profile_json(nlohmann::json& j, const AreaProfile& p, bool screen);
std::string profile_csv(const AreaProfile& p);

// The map (outcomes_map.cpp): the place's districts and unitaries shaded by the latest value
// in five classes of a sequential blue palette; empty when the place has no bundled map.
std::string map_svg(const store::Indicator& ind, const IndicatorAnalysis& a, const std::string& title);
std::string map_attribution();

}  // namespace goldthread::outcomes
