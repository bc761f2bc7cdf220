// KPI views, sign-ups and the area profile: from rows to what the pages, sections and exports
// show. Pure.
#include "outcomes/kpi_views.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "outcomes/csv_reader.hpp"
#include "outcomes/outcomes_rules.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

std::string PlaceFrame::area_name(const std::string& code) const {
  for (const auto& r : refs)
    if (r.code == code) return r.name;
  return code;
}
std::string PlaceFrame::ambition_title(const std::string& slug) const {
  for (const auto& a : ambitions)
    if (a.slug == slug) return a.title;
  return slug;
}
std::vector<std::string> PlaceFrame::area_codes() const {
  std::vector<std::string> out;
  for (const auto& r : refs)
    if (r.kind != "region" && r.kind != "country") out.push_back(r.code);
  return out;
}
std::vector<std::string> PlaceFrame::ambition_slugs() const {
  std::vector<std::string> out;
  for (const auto& a : ambitions) out.push_back(a.slug);
  return out;
}

namespace {

std::string period_label(const std::string& canonical) {
  auto p = parse_period(canonical);
  return p ? p->label : canonical;
}

json opt_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string fmt(const store::Indicator& ind, double v) {
  return format_value(v, ind.unit, ind.value_type);
}

void area_status_json(json& j, const KpiAreaView& a, const store::Indicator& ind, bool screen) {
  j = {{"area_code", a.area_code},
       {"area_name", a.area_name},
       {"target", opt_number(a.status.target)},
       {"baseline", opt_number(a.status.baseline)},
       {"latest", opt_number(a.status.latest)},
       {"latest_period", a.status.latest_period.empty() ? json(nullptr) : json(a.status.latest_period)},
       {"status", a.status.has_target ? json(target_key(a.status.status)) : json(nullptr)}};
  if (!screen) return;
  j["target_text"] = a.status.target ? fmt(ind, *a.status.target) : "No target";
  j["latest_text"] = a.status.latest ? fmt(ind, *a.status.latest) + " (" + period_label(a.status.latest_period) + ")"
                                     : "No figures yet";
  j["status_label"] = a.status.has_target ? target_label(a.status.status) : "No target";
  j["status_key"] = a.status.has_target ? target_key(a.status.status) : "no-data";
}

std::string frequency_label(const std::string& f) {
  for (const auto& [v, label] : reporting_frequencies())
    if (v == f) return label;
  return f;
}

}  // namespace

KpiView kpi_view(const store::Indicator& ind, const store::Kpi& kpi, std::vector<store::Point> points,
                 const PlaceFrame& frame, const std::vector<store::SignUp>& signups,
                 const std::map<std::int64_t, OrganisationRef>& orgs, const std::string& today) {
  KpiView v;
  v.kpi = kpi;
  v.indicator = ind;
  v.ambition_title = frame.ambition_title(kpi.ambition_slug);
  v.points = std::move(points);
  v.place = {frame.place_code, frame.place_name, kpi_status(ind, kpi, v.points, frame.place_code, frame.place_code)};
  for (const auto& t : kpi.area_targets)
    v.areas.push_back(
        {t.area_code, frame.area_name(t.area_code), kpi_status(ind, kpi, v.points, t.area_code, frame.place_code)});
  auto analysis = analyse(ind, v.points, frame.refs, 0.95);
  for (const auto& s : analysis.areas)
    if (s.area.code == frame.place_code) v.latest = s;
  for (const auto& s : signups) {
    if (s.kpi_id != kpi.id) continue;
    auto it = orgs.find(s.organisation_id);
    if (it == orgs.end()) continue;  // the organisation is gone
    v.signups.push_back({s, it->second, freshness(ind, s, v.points, today)});
  }
  return v;
}

void signup_json(json& j, const SignUpView& v, const store::Indicator& ind, const PlaceFrame& frame, bool screen) {
  json areas = json::array();
  for (const auto& a : v.signup.areas) areas.push_back({{"code", a}, {"name", frame.area_name(a)}});
  json late = json::array();
  for (const auto& a : v.fresh.late) late.push_back({{"code", a}, {"name", frame.area_name(a)}});
  j = {{"organisation",
        {{"id", v.organisation.id}, {"name", v.organisation.name}, {"href", "/organisations/" + v.organisation.slug}}},
       {"kpi_id", v.signup.kpi_id},
       {"areas", areas},
       {"contribution", v.signup.contribution},
       {"reporter", v.signup.reporter},
       {"frequency", v.signup.frequency},
       {"signed_up_at", v.signup.created_at},
       {"updated_at", v.signup.updated_at},
       {"freshness",
        {{"due", v.fresh.due},
         {"expected_period", v.fresh.expected_period.empty() ? json(nullptr) : json(v.fresh.expected_period)},
         {"late_areas", late}}}};
  (void)ind;
  if (!screen) return;
  std::string names;
  for (const auto& a : v.signup.areas) names += (names.empty() ? "" : ", ") + frame.area_name(a);
  j["areas_text"] = names;
  j["frequency_label"] = frequency_label(v.signup.frequency);
  j["signed_up_text"] = core::display_date(v.signup.created_at.substr(0, 10));
  std::string late_names;
  for (const auto& a : v.fresh.late) late_names += (late_names.empty() ? "" : ", ") + frame.area_name(a);
  j["freshness_text"] = !v.fresh.due ? std::string("Up to date")
                        : v.fresh.expected_period.empty()
                            ? "No figures yet for " + late_names
                            : "No figure for " + period_label(v.fresh.expected_period) + " for " + late_names;
}

void kpi_json(json& j, const KpiView& v, const PlaceFrame& frame, bool screen) {
  const auto& ind = v.indicator;
  json areas = json::array();
  for (const auto& a : v.areas) {
    json x;
    area_status_json(x, a, ind, screen);
    areas.push_back(x);
  }
  json place;
  area_status_json(place, v.place, ind, screen);
  json signups = json::array();
  for (const auto& s : v.signups) {
    json x;
    signup_json(x, s, ind, frame, screen);
    signups.push_back(x);
  }
  j = {{"id", v.kpi.id},
       {"indicator", {{"slug", ind.slug}, {"name", ind.name}, {"href", "/indicators/" + ind.slug}}},
       {"ambition",
        {{"slug", v.kpi.ambition_slug}, {"title", v.ambition_title}, {"href", "/ambitions/" + v.kpi.ambition_slug}}},
       {"baseline", {{"value", v.kpi.baseline_value}, {"period", v.kpi.baseline_period}}},
       {"target", {{"value", v.kpi.target_value}, {"period", v.kpi.target_period}}},
       {"place", place},
       {"area_targets", areas},
       {"signups", signups},
       {"comparison_england", v.latest ? json(comparison_key(v.latest->vs_england)) : json(nullptr)},
       {"trend", v.latest ? json(trend_key(v.latest->trend.trend)) : json(nullptr)},
       {"trend_method", v.latest ? json(v.latest->trend.method) : json(nullptr)},
       {"links",
        {{"indicator", "/indicators/" + ind.slug},
         {"sign_up", "/indicators/" + ind.slug + "/sign-up?kpi=" + std::to_string(v.kpi.id)}}}};
  if (!screen) return;
  j["baseline_text"] = fmt(ind, v.kpi.baseline_value) + " (" + period_label(v.kpi.baseline_period) + ")";
  j["target_text"] = fmt(ind, v.kpi.target_value) + " by " + period_label(v.kpi.target_period);
  j["signups_text"] = core::count_of(static_cast<std::int64_t>(v.signups.size()), "organisation") + " signed up";
  j["has_signups"] = !v.signups.empty();
  j["has_area_targets"] = !v.areas.empty();
  if (v.latest) {
    j["latest"] = summary_json(ind, *v.latest);
  } else {
    j["latest"] = nullptr;
  }
}

ProfileRow profile_row(const store::Indicator& ind, const std::string& ambition_title, std::vector<store::Point> points,
                       const PlaceFrame& frame, const std::string& area_code, const store::Kpi* kpi) {
  ProfileRow row;
  row.indicator = ind;
  row.ambition_title = ambition_title;
  row.points = std::move(points);
  auto analysis = analyse(ind, row.points, frame.refs, 0.95);
  for (const auto& s : analysis.areas)
    if (s.area.code == area_code) row.area = s;
  if (kpi) row.target = kpi_status(ind, *kpi, row.points, area_code, frame.place_code);
  if (!row.area) return row;
  const auto& period = row.area->latest->period;
  auto polarity = parse_polarity(ind.polarity);
  auto own = frame.area_codes();
  for (const auto& p : row.points) {
    if (p.period != period) continue;
    auto s = shown(ind, p);
    if (s.suppressed || !s.value) continue;
    if (p.area_code == kEngland) row.england = s.value;
    // The districts and unitaries (not the county, which contains them).
    bool is_own = false;
    for (const auto& c : own) is_own = is_own || (c == p.area_code && c != frame.place_code);
    if (!is_own) continue;
    double v = *s.value;
    bool better_than_best = !row.best || (polarity == Polarity::lower_is_better ? v < *row.best : v > *row.best);
    bool worse_than_worst = !row.worst || (polarity == Polarity::lower_is_better ? v > *row.worst : v < *row.worst);
    if (better_than_best) {
      row.best = v;
      row.best_area = frame.area_name(p.area_code);
    }
    if (worse_than_worst) {
      row.worst = v;
      row.worst_area = frame.area_name(p.area_code);
    }
  }
  return row;
}

void profile_json(json& j, const AreaProfile& p, bool screen) {
  json rows = json::array();
  for (const auto& r : p.rows) {
    const auto& ind = r.indicator;
    json x = {{"indicator", {{"slug", ind.slug}, {"name", ind.name}, {"href", "/indicators/" + ind.slug}}},
              {"ambition", r.ambition_title},
              {"polarity", ind.polarity},
              {"england", opt_number(r.england)},
              {"worst", opt_number(r.worst)},
              {"best", opt_number(r.best)},
              {"worst_area", r.worst_area.empty() ? json(nullptr) : json(r.worst_area)},
              {"best_area", r.best_area.empty() ? json(nullptr) : json(r.best_area)},
              {"target_status", r.target && r.target->has_target ? json(target_key(r.target->status)) : json(nullptr)},
              {"target", r.target ? opt_number(r.target->target) : json(nullptr)}};
    if (r.area) {
      x["period"] = r.area->latest->period;
      x["value"] = opt_number(r.area->latest_shown.value);
      x["suppressed"] = r.area->latest_shown.suppressed;
      x["vs_england"] = comparison_key(r.area->vs_england);
      x["trend"] = trend_key(r.area->trend.trend);
    } else {
      x["period"] = nullptr;
      x["value"] = nullptr;
      x["suppressed"] = false;
      x["vs_england"] = nullptr;
      x["trend"] = nullptr;
    }
    if (screen) {
      auto t = [&](const std::optional<double>& v) { return v ? fmt(ind, *v) : std::string("No figure"); };
      x["value_text"] = r.area ? value_text(ind, r.area->latest_shown) : "No figure";
      x["period_label"] = r.area ? period_label(r.area->latest->period) : "";
      x["england_text"] = t(r.england);
      x["worst_text"] = r.worst ? t(r.worst) + " (" + r.worst_area + ")" : "No figure";
      x["best_text"] = r.best ? t(r.best) + " (" + r.best_area + ")" : "No figure";
      x["vs_england_label"] = r.area ? comparison_label(r.area->vs_england) : "Not compared";
      x["vs_england_key"] = r.area ? comparison_key(r.area->vs_england) : "not-compared";
      x["trend_label"] = r.area ? trend_label(r.area->trend.trend) : "Not enough data";
      x["target_label"] = r.target && r.target->has_target ? target_label(r.target->status) : "No target";
      x["target_key"] = r.target && r.target->has_target ? target_key(r.target->status) : "no-data";
      x["is_kpi"] = r.target.has_value();
      x["attribution"] = attribution_of(ind);
    }
    rows.push_back(std::move(x));
  }
  j = {{"area", {{"code", p.area.code}, {"name", p.area.name}, {"kind", p.area.kind}}},
       {"indicators", rows},
       {"links",
        {{"self", "/indicators/areas/" + p.area.code}, {"csv", "/indicators/areas/" + p.area.code + "/profile.csv"}}}};
}

std::string profile_csv(const AreaProfile& p) {
  std::string out = csv::row({"area_code", "area_name", "indicator", "indicator_name", "period", "period_label",
                              "value", "suppressed", "england", "compared_with_england", "trend", "worst", "worst_area",
                              "best", "best_area", "kpi_target", "target_status", "attribution"});
  auto n = [](const std::optional<double>& v) { return v ? store::number_text(*v) : std::string(); };
  for (const auto& r : p.rows) {
    const auto& ind = r.indicator;
    bool sup = r.area && r.area->latest_shown.suppressed;
    out +=
        csv::row({p.area.code, p.area.name, ind.slug, ind.name, r.area ? r.area->latest->period : "",
                  r.area ? period_label(r.area->latest->period) : "",
                  sup ? "suppressed" : (r.area ? n(r.area->latest_shown.value) : ""), sup ? "yes" : "no", n(r.england),
                  r.area ? comparison_key(r.area->vs_england) : "", r.area ? trend_key(r.area->trend.trend) : "",
                  n(r.worst), r.worst_area, n(r.best), r.best_area, r.target ? n(r.target->target) : "",
                  r.target && r.target->has_target ? target_key(r.target->status) : "", attribution_of(ind)});
  }
  return out;
}

json kpis_json(const std::vector<KpiView>& kpis, const PlaceFrame& frame, bool screen) {
  json out = json::array();
  for (const auto& v : kpis) {
    json k;
    kpi_json(k, v, frame, screen);
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace goldthread::outcomes
