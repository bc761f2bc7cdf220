// Suppression, intervals, comparison and trend for the indicator pages and exports.
#include "outcomes/outcomes_views.hpp"

#include <algorithm>
#include <set>

#include "outcomes/outcomes_rules.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

Shown shown(const store::Indicator& ind, const store::Point& p) {
  Shown s;
  if (suppressed(p.value, p.numerator, ind.value_type, static_cast<long>(ind.suppress_below))) {
    s.suppressed = true;
    return s;
  }
  s.value = p.value;
  if (p.lci && p.uci) {
    s.ci95 = Interval{*p.lci, *p.uci};
    s.ci_method = "published";
  } else if (p.numerator && p.denominator && *p.denominator > 0) {
    if (ind.value_type == "percentage") {
      auto w = wilson(*p.numerator, *p.denominator);
      s.ci95 = Interval{w.lower * 100, w.upper * 100};
      s.ci_method = "Wilson score";
    } else if (ind.value_type == "rate" && ind.multiplier > 0) {
      auto b = byar(*p.numerator);
      double k = static_cast<double>(ind.multiplier) / *p.denominator;
      s.ci95 = Interval{b.lower * k, b.upper * k};
      s.ci_method = "Byar";
    }
  }
  return s;
}

std::optional<Interval> interval_at(const store::Indicator& ind, const store::Point& p, const Shown& s, double level) {
  if (!s.ci95 || !s.value) return std::nullopt;
  if (level == 0.95) return s.ci95;
  if (s.ci_method == "Wilson score") {
    auto w = wilson(*p.numerator, *p.denominator, level);
    return Interval{w.lower * 100, w.upper * 100};
  }
  if (s.ci_method == "Byar") {
    auto b = byar(*p.numerator, level);
    double k = static_cast<double>(ind.multiplier) / *p.denominator;
    return Interval{b.lower * k, b.upper * k};
  }
  return rescale(*s.value, *s.ci95, level);
}

IndicatorAnalysis analyse(const store::Indicator& ind, const std::vector<store::Point>& points,
                          const std::vector<AreaRef>& areas, double level) {
  IndicatorAnalysis a;
  std::map<std::string, std::vector<const store::Point*>> by_area;
  std::vector<std::pair<std::string, std::string>> periods;  // (sort key, canonical)
  std::set<std::string> seen;
  for (const auto& p : points) {
    by_area[p.area_code].push_back(&p);
    if (seen.insert(p.period).second)
      periods.emplace_back(p.period_start + "|" + std::to_string(1000 + p.period_months), p.period);
  }
  std::sort(periods.begin(), periods.end());
  for (auto& [k, v] : periods) a.periods.push_back(v);
  if (!a.periods.empty()) a.latest_period = a.periods.back();
  auto at = [&](const std::string& code, const std::string& period) -> const store::Point* {
    auto it = by_area.find(code);
    if (it == by_area.end()) return nullptr;
    for (auto* p : it->second)
      if (p->period == period) return p;
    return nullptr;
  };
  std::string region;
  for (const auto& r : areas)
    if (r.kind == "region" && by_area.count(r.code)) region = r.code;
  auto benchmark = [&](const std::string& code, const std::string& period) -> std::optional<double> {
    if (code.empty()) return std::nullopt;
    auto* p = at(code, period);
    if (!p) return std::nullopt;
    auto s = shown(ind, *p);
    return s.value;
  };
  auto polarity = parse_polarity(ind.polarity);
  for (const auto& ref : areas) {
    auto it = by_area.find(ref.code);
    if (it == by_area.end()) continue;
    AreaSummary s;
    s.area = ref;
    s.latest = it->second.back();
    s.latest_shown = shown(ind, *s.latest);
    auto ci = interval_at(ind, *s.latest, s.latest_shown, level);
    if (ref.code != kEngland) s.vs_england = compare(ci, benchmark(kEngland, s.latest->period), polarity);
    if (ref.kind != "region" && ref.kind != "country")
      s.vs_region = compare(ci, benchmark(region, s.latest->period), polarity);
    std::vector<TrendPoint> tp;
    for (auto* p : it->second) {
      auto sh = shown(ind, *p);
      if (sh.suppressed || !sh.value) continue;
      tp.push_back({*sh.value, sh.ci95, p->numerator, p->denominator});
    }
    s.trend = trend_of(tp);
    a.areas.push_back(std::move(s));
  }
  return a;
}

std::string value_text(const store::Indicator& ind, const Shown& s) {
  if (s.suppressed || !s.value) return "suppressed";
  return format_value(*s.value, ind.unit, ind.value_type);
}

json summary_json(const store::Indicator& ind, const AreaSummary& s) {
  auto period = parse_period(s.latest->period);
  json j = {{"area_code", s.area.code},
            {"area_name", s.area.name},
            {"kind", s.area.kind},
            {"period", s.latest->period},
            {"period_label", period ? period->label : s.latest->period},
            {"value", s.latest_shown.value ? json(*s.latest_shown.value) : json(nullptr)},
            {"value_text", value_text(ind, s.latest_shown)},
            {"suppressed", s.latest_shown.suppressed},
            {"provisional", s.latest->status == "provisional"},
            {"low_reliability", s.latest->quality == "u"},
            {"vs_england", {{"key", comparison_key(s.vs_england)}, {"label", comparison_label(s.vs_england)}}},
            {"vs_region", {{"key", comparison_key(s.vs_region)}, {"label", comparison_label(s.vs_region)}}},
            {"trend",
             {{"key", trend_key(s.trend.trend)}, {"label", trend_label(s.trend.trend)}, {"method", s.trend.method}}}};
  if (s.latest_shown.ci95)
    j["ci_text"] = format_value(s.latest_shown.ci95->lower, ind.unit, ind.value_type) + " to " +
                   format_value(s.latest_shown.ci95->upper, ind.unit, ind.value_type);
  else
    j["ci_text"] = nullptr;
  j["href"] = "/indicators/" + ind.slug + "?area=" + s.area.code;
  return j;
}

std::string attribution_of(const store::Indicator& ind) {
  if (!ind.attribution.empty()) return ind.attribution;
  if (ind.source_org.empty()) return "";
  return "Source: " + ind.source_org + ".";
}

}  // namespace goldthread::outcomes
