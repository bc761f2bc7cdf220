// Server-rendered SVG charts. Each is drawn beside a data table holding the same figures (the
// accessible version); the SVG has a title and role="img". Colours are the Okabe-Ito palette,
// safe for the common forms of colour blindness, and every colour also has a text label.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "outcomes/kpi_views.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_views.hpp"

namespace goldthread::outcomes {
namespace {

std::string esc(const std::string& s) {
  return core::html_escape(s);
}
std::string n(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string comparison_colour(Comparison c) {
  switch (c) {
    case Comparison::better:
      return "#0072B2";  // blue
    case Comparison::worse:
      return "#E69F00";  // orange
    case Comparison::similar:
      return "#BBBBBB";  // grey
    case Comparison::higher:
      return "#56B4E9";  // sky blue
    case Comparison::lower:
      return "#CC79A7";  // reddish purple
    case Comparison::not_compared:
      break;
  }
  return "#FFFFFF";
}

std::string bar_chart_svg(const store::Indicator& ind, const IndicatorAnalysis& a) {
  std::vector<const AreaSummary*> rows;
  for (const auto& s : a.areas)
    if (s.latest->period == a.latest_period) rows.push_back(&s);
  if (rows.empty()) return "";
  double hi = 0, lo = 0;
  for (auto* s : rows)
    if (s->latest_shown.value) {
      hi = std::max(hi, s->latest_shown.ci95 ? s->latest_shown.ci95->upper : *s->latest_shown.value);
      lo = std::min(lo, *s->latest_shown.value);
    }
  if (hi <= lo) hi = lo + 1;
  const double label_w = 150, bar_w = 330, row_h = 22, top = 8;
  const double h = top + row_h * static_cast<double>(rows.size()) + 8;
  auto x = [&](double v) { return label_w + (v - lo) / (hi - lo) * bar_w; };
  std::string svg = "<svg class=\"outcomes-chart\" role=\"img\" aria-labelledby=\"bar-title\" viewBox=\"0 0 560 " +
                    n(h) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"bar-title\">" + esc(ind.name) +
                    ": every area, latest period, coloured by comparison with England (the table below has the "
                    "figures)</title>";
  double y = top;
  for (auto* s : rows) {
    svg += "<text x=\"" + n(label_w - 6) + "\" y=\"" + n(y + 15) + "\" text-anchor=\"end\" font-size=\"12\">" +
           esc(s->area.name) + "</text>";
    if (s->latest_shown.value) {
      bool bench = s->area.kind == "region" || s->area.kind == "country";
      std::string fill = bench ? "#505a5f" : comparison_colour(s->vs_england);
      double x0 = x(std::min(0.0, *s->latest_shown.value)), x1 = x(std::max(0.0, *s->latest_shown.value));
      svg += "<rect x=\"" + n(x0) + "\" y=\"" + n(y + 3) + "\" width=\"" + n(std::max(1.0, x1 - x0)) +
             "\" height=\"16\" fill=\"" + fill + "\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"/>";
      if (s->latest_shown.ci95)
        svg += "<line x1=\"" + n(x(s->latest_shown.ci95->lower)) + "\" x2=\"" + n(x(s->latest_shown.ci95->upper)) +
               "\" y1=\"" + n(y + 11) + "\" y2=\"" + n(y + 11) + "\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>";
      svg += "<text x=\"" + n(std::min(x1, label_w + bar_w) + 4) + "\" y=\"" + n(y + 15) + "\" font-size=\"11\">" +
             esc(value_text(ind, s->latest_shown)) + "</text>";
    } else {
      svg += "<text x=\"" + n(label_w + 4) + "\" y=\"" + n(y + 15) + "\" font-size=\"11\">suppressed</text>";
    }
    y += row_h;
  }
  return svg + "</svg>";
}

std::string trend_chart_svg(const store::Indicator& ind, const std::vector<store::Point>& points, const AreaRef& area,
                            const std::string& benchmark_code) {
  struct P {
    std::string period;
    std::optional<double> v, lo, hi, bench;
  };
  std::vector<P> series;
  for (const auto& p : points) {
    if (p.area_code != area.code && p.area_code != benchmark_code) continue;
    if (series.empty() || series.back().period != p.period) series.push_back({p.period, {}, {}, {}, {}});
    auto s = shown(ind, p);
    if (p.area_code == area.code) {
      series.back().v = s.value;
      if (s.ci95) series.back().lo = s.ci95->lower, series.back().hi = s.ci95->upper;
    } else {
      series.back().bench = s.value;
    }
  }
  if (series.empty()) return "";
  double hi = -1e300, lo = 1e300;
  for (const auto& s : series)
    for (auto v : {s.v, s.lo, s.hi, s.bench})
      if (v) hi = std::max(hi, *v), lo = std::min(lo, *v);
  if (hi < lo) return "";
  if (hi - lo < 1e-9) hi = lo + 1;
  double pad = (hi - lo) * 0.1;
  hi += pad;
  lo -= pad;
  const double left = 60, width = 480, top = 10, height = 200;
  auto X = [&](std::size_t i) {
    return series.size() == 1 ? left + width / 2 : left + width * static_cast<double>(i) / (series.size() - 1);
  };
  auto Y = [&](double v) { return top + height - (v - lo) / (hi - lo) * height; };
  std::string svg =
      "<svg class=\"outcomes-chart\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 560 250\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"trend-title\">" +
      esc(ind.name) + " in " + esc(area.name) +
      " over time, with 95% confidence intervals and England as a dashed line (the "
      "table below has the figures)</title>";
  svg += "<line x1=\"" + n(left) + "\" x2=\"" + n(left) + "\" y1=\"" + n(top) + "\" y2=\"" + n(top + height) +
         "\" stroke=\"#505a5f\"/>";
  for (double v : {lo + pad, (lo + hi) / 2, hi - pad})
    svg += "<text x=\"" + n(left - 4) + "\" y=\"" + n(Y(v) + 4) + "\" text-anchor=\"end\" font-size=\"11\">" +
           esc(format_value(v, ind.unit, ind.value_type)) + "</text>";
  std::string line, bench;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& s = series[i];
    if (s.bench) bench += (bench.empty() ? "M" : "L") + n(X(i)) + " " + n(Y(*s.bench)) + " ";
    if (s.v) line += (line.empty() ? "M" : "L") + n(X(i)) + " " + n(Y(*s.v)) + " ";
    if (s.lo && s.hi)
      svg += "<line x1=\"" + n(X(i)) + "\" x2=\"" + n(X(i)) + "\" y1=\"" + n(Y(*s.lo)) + "\" y2=\"" + n(Y(*s.hi)) +
             "\" stroke=\"#0072B2\" stroke-width=\"1.5\"/>";
  }
  if (!bench.empty())
    svg += "<path d=\"" + bench + "\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>";
  if (!line.empty()) svg += "<path d=\"" + line + "\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2.5\"/>";
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i].v)
      svg += "<circle cx=\"" + n(X(i)) + "\" cy=\"" + n(Y(*series[i].v)) + "\" r=\"3.5\" fill=\"#0072B2\"/>";
  auto first = parse_period(series.front().period), last = parse_period(series.back().period);
  svg += "<text x=\"" + n(left) + "\" y=\"235\" font-size=\"11\">" + esc(first ? first->label : "") + "</text>";
  svg += "<text x=\"" + n(left + width) + "\" y=\"235\" text-anchor=\"end\" font-size=\"11\">" +
         esc(last ? last->label : "") + "</text>";
  return svg + "</svg>";
}

namespace {

// The bundled boundaries (data/outcomes/essex-map.geo.json, built by scripts/outcomes_map.py),
// parsed once.
struct MapShape {
  std::string code, name, path;
};
struct MapData {
  double width = 0, height = 0;
  std::string attribution;
  std::vector<MapShape> shapes;
};
const MapData& map_data() {
  static const MapData data = [] {
    MapData d;
    auto text = core::embedded_file("data/outcomes/essex-map.geo.json");
    if (!text) return d;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) return d;
    d.width = j.value("width", 0.0);
    d.height = j.value("height", 0.0);
    d.attribution = j.value("attribution", "");
    for (const auto& a : j["areas"])
      d.shapes.push_back({a.value("code", ""), a.value("name", ""), a.value("path", "")});
    return d;
  }();
  return data;
}

// ColorBrewer "Blues", five classes: sequential, readable with the common colour blindnesses
// and in greyscale; darker = higher, whatever the polarity.
const char* const kBlues[] = {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"};

}  // namespace

std::string map_attribution() {
  return map_data().attribution;
}

std::string map_svg(const store::Indicator& ind, const IndicatorAnalysis& a, const std::string& title) {
  const auto& m = map_data();
  if (m.shapes.empty()) return "";
  std::map<std::string, const AreaSummary*> at;
  for (const auto& s : a.areas)
    if (s.latest->period == a.latest_period) at[s.area.code] = &s;
  std::optional<double> lo, hi;
  for (const auto& sh : m.shapes) {
    auto it = at.find(sh.code);
    if (it == at.end() || !it->second->latest_shown.value || it->second->latest_shown.suppressed) continue;
    double v = *it->second->latest_shown.value;
    lo = lo ? std::min(*lo, v) : v;
    hi = hi ? std::max(*hi, v) : v;
  }
  auto klass = [&](double v) {
    if (!lo || *hi <= *lo) return 2;
    int k = static_cast<int>((v - *lo) / (*hi - *lo) * 5);
    return std::clamp(k, 0, 4);
  };
  const double legend_h = 40;
  std::string svg = "<svg class=\"outcomes-map\" role=\"img\" aria-labelledby=\"map-title\" viewBox=\"0 0 " +
                    n(m.width) + " " + n(m.height + legend_h) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">" + esc(title) +
                    "</title><defs><pattern id=\"map-none\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                    "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><path d=\"M0,6 L6,0\" stroke=\"#505a5f\" "
                    "stroke-width=\"1\"/></pattern></defs>";
  for (const auto& sh : m.shapes) {
    auto it = at.find(sh.code);
    bool has = it != at.end() && it->second->latest_shown.value && !it->second->latest_shown.suppressed;
    std::string fill = has ? kBlues[klass(*it->second->latest_shown.value)] : "url(#map-none)";
    std::string label = sh.name + ": " + (it != at.end() ? value_text(ind, it->second->latest_shown) : "no figure");
    svg += "<path d=\"" + sh.path + "\" fill=\"" + fill + "\" stroke=\"#0b0c0c\" stroke-width=\"0.8\"><title>" +
           esc(label) + "</title></path>";
  }
  // The legend: five swatches with the lower bound of each class, and "no figure".
  double y = m.height + 8;
  for (int k = 0; k < 5 && lo; ++k) {
    double x = 4 + k * 92;
    double from = *lo + (*hi - *lo) * k / 5.0;
    svg += "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"16\" height=\"16\" fill=\"" + kBlues[k] +
           "\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"/><text x=\"" + n(x + 20) + "\" y=\"" + n(y + 13) +
           "\" font-size=\"12\" fill=\"#0b0c0c\">" +
           esc((k ? "from " : "") + format_value(from, ind.unit, ind.value_type)) + "</text>";
  }
  svg += "<rect x=\"" + n(4 + 5 * 92) + "\" y=\"" + n(y) +
         "\" width=\"16\" height=\"16\" fill=\"url(#map-none)\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"/><text x=\"" +
         n(4 + 5 * 92 + 20) + "\" y=\"" + n(y + 13) + "\" font-size=\"12\" fill=\"#0b0c0c\">no figure</text>";
  return svg + "</svg>";
}

}  // namespace goldthread::outcomes
