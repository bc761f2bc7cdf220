#pragma once
// From an indicator and its points to what the pages and exports show: suppression, the
// benchmark comparison, the trend and the charts. Pure (no database): outcomes_views.cpp,
// outcomes_charts.cpp.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outcomes/methods.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {

struct AreaRef {
  std::string code, name, kind;  // kind: county, district, unitary, region, country
  std::string parent_code;
};

// What may be shown of a point: nothing of a suppressed one.
struct Shown {
  bool suppressed = false;
  std::optional<double> value;
  std::optional<Interval> ci95;  // published, or computed (Wilson / Byar) from the counts
  std::string ci_method;         // "published" | "Wilson score" | "Byar" | ""
};
Shown shown(const store::Indicator& ind, const store::Point& p);
// The interval at `level` (0.95 or 0.998) for the comparison.
std::optional<Interval> interval_at(const store::Indicator& ind, const store::Point& p, const Shown& s, double level);

struct AreaSummary {
  AreaRef area;
  const store::Point* latest = nullptr;
  Shown latest_shown;
  Comparison vs_england = Comparison::not_compared, vs_region = Comparison::not_compared;
  TrendResult trend;
};
struct IndicatorAnalysis {
  std::vector<std::string> periods;  // canonical, ordered
  std::string latest_period;         // the latest period with any area's figure
  std::vector<AreaSummary> areas;    // place areas first, then comparators
};
IndicatorAnalysis analyse(const store::Indicator& ind, const std::vector<store::Point>& points,
                          const std::vector<AreaRef>& areas, double level);

nlohmann::json summary_json(const store::Indicator& ind, const AreaSummary& s);
std::string value_text(const store::Indicator& ind, const Shown& s);

// Server-rendered SVG (outcomes_charts.cpp). Colours: docs/OUTCOMES.md ("Colours").
std::string bar_chart_svg(const store::Indicator& ind, const IndicatorAnalysis& a);
std::string trend_chart_svg(const store::Indicator& ind, const std::vector<store::Point>& points, const AreaRef& area,
                            const std::string& benchmark_code);
std::string comparison_colour(Comparison c);

// The attribution every page and export showing ELS data carries.
std::string attribution_of(const store::Indicator& ind);

}  // namespace goldthread::outcomes
