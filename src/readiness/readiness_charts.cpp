// The heat map and the radar chart as SVG.
#include "readiness/readiness_charts.hpp"

#include <cmath>
#include <cstdio>

namespace goldthread::readiness {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string f1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A light-to-dark blue for levels 1..5 (text is white on the two darkest).
const char* fill_for(double median) {
  static const char* kBlues[] = {"#e8f1f8", "#bbd4ea", "#7fb0db", "#2b6cb0", "#0b4f8a"};
  int i = static_cast<int>(std::lround(median)) - 1;
  if (i < 0) i = 0;
  if (i > 4) i = 4;
  return kBlues[i];
}

}  // namespace

std::string heat_map_svg(const HeatMap& m, const std::string& title) {
  const int cell = 34, left = 28, top = 26;
  int cols = static_cast<int>(m.groups.size()) + 1;  // the place first
  int width = left + cols * cell + 4, height = top + static_cast<int>(m.rows.size()) * cell + 4;
  std::string s = "<svg class=\"readiness-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  std::to_string(width) + " " + std::to_string(height) +
                  "\" role=\"img\" aria-labelledby=\"heat-title\">";
  s += "<title id=\"heat-title\">" + esc(title) + "</title>";
  s +=
      "<text x=\"" + std::to_string(left + cell / 2) + "\" y=\"16\" font-size=\"11\" text-anchor=\"middle\">All</text>";
  for (int g = 1; g < cols; ++g)
    s += "<text x=\"" + std::to_string(left + g * cell + cell / 2) +
         "\" y=\"16\" font-size=\"11\" text-anchor=\"middle\">" + std::to_string(g) + "</text>";
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    int y = top + static_cast<int>(r) * cell;
    s += "<text x=\"4\" y=\"" + std::to_string(y + cell / 2 + 4) + "\" font-size=\"11\">" +
         std::to_string(m.rows[r].block->number) + "</text>";
    for (int g = 0; g < cols; ++g) {
      const Cell& c = g == 0 ? m.rows[r].place : m.rows[r].cells[g - 1];
      int x = left + g * cell;
      bool shown = c.state == CellState::shown;
      std::string fill = shown ? fill_for(c.current.median) : "#f3f2f1";
      s += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(cell - 2) +
           "\" height=\"" + std::to_string(cell - 2) + "\" fill=\"" + fill + "\" stroke=\"#b1b4b6\"/>";
      std::string label = shown ? f1(c.current.median) : (c.state == CellState::empty ? "" : "–");
      bool dark = shown && c.current.median >= 3.5;
      s += "<text x=\"" + std::to_string(x + (cell - 2) / 2) + "\" y=\"" + std::to_string(y + cell / 2 + 3) +
           "\" font-size=\"11\" text-anchor=\"middle\" fill=\"" + (dark ? "#ffffff" : "#0b0c0c") + "\">" + label +
           "</text>";
    }
  }
  return s + "</svg>";
}

std::string radar_svg(const RadarSeries& series, const std::string& title) {
  const double cx = 150, cy = 150, radius = 110;
  std::size_t n = std::max(series.current.size(), series.desired.size());
  auto point = [&](std::size_t i, double level) {
    double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    double r = radius * level / kMaxLevel;
    return std::make_pair(cx + r * std::cos(a), cy + r * std::sin(a));
  };
  std::string s =
      "<svg class=\"readiness-chart readiness-radar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 300\" "
      "role=\"img\" aria-labelledby=\"radar-title\"><title id=\"radar-title\">" +
      esc(title) + "</title>";
  if (n == 0) return s + "</svg>";
  for (int level = 1; level <= kMaxLevel; ++level) {
    std::string pts;
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, level);
      pts += f1(x) + "," + f1(y) + " ";
    }
    s += "<polygon points=\"" + pts + "\" fill=\"none\" stroke=\"#dddddd\"/>";
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto [x, y] = point(i, kMaxLevel);
    auto [lx, ly] = point(i, kMaxLevel + 0.7);
    s += "<line x1=\"150\" y1=\"150\" x2=\"" + f1(x) + "\" y2=\"" + f1(y) + "\" stroke=\"#b1b4b6\"/>";
    s += "<text x=\"" + f1(lx) + "\" y=\"" + f1(ly + 4) + "\" font-size=\"12\" text-anchor=\"middle\">" +
         std::to_string(i + 1) + "</text>";
  }
  auto shape = [&](const std::vector<std::optional<double>>& v, const char* colour, const char* dash) {
    std::string pts, dots;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i]) continue;  // a hidden or empty block: no point on that axis
      auto [x, y] = point(i, *v[i]);
      pts += f1(x) + "," + f1(y) + " ";
      dots += "<circle cx=\"" + f1(x) + "\" cy=\"" + f1(y) + "\" r=\"3\" fill=\"" + colour + "\"/>";
    }
    if (pts.empty()) return std::string();
    return "<polygon points=\"" + pts + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2.5\"" + dash +
           "/>" + dots;
  };
  s += shape(series.desired, "#E69F00", " stroke-dasharray=\"6 4\"");
  s += shape(series.current, "#0072B2", "");
  return s + "</svg>";
}

}  // namespace goldthread::readiness
