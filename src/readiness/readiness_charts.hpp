#pragma once
// Server-rendered SVG (readiness_charts.cpp): each chart is shown beside a data table holding
// the same figures; role="img" with a title; Okabe-Ito colours, and every mark has a number.
#include <optional>
#include <string>
#include <vector>

#include "readiness/readiness_results.hpp"

namespace goldthread::readiness {

// Blocks (rows, by number) × groups (columns, by number): the median current level in each
// shown cell, darker for higher; hidden cells grey with a dash.
std::string heat_map_svg(const HeatMap& m, const std::string& title);

struct RadarSeries {
  std::vector<std::optional<double>> current, desired;  // one per block, in the framework's order
};
// Nine (or however many) axes, levels 1 to 5: current (solid blue) and desired (dashed orange).
std::string radar_svg(const RadarSeries& s, const std::string& title);

}  // namespace goldthread::readiness
