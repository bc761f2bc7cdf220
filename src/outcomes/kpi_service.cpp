// Shared KPIs and sign-ups: the services (each owns its transaction and audits in it) and the
// pure rules for a KPI's target status and its data freshness (docs/OUTCOMES.md).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/service.hpp"
#include "outcomes/kpis.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_views.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

json kpi_json(const store::Kpi& k) {
  json targets = json::array();
  for (const auto& t : k.area_targets) targets.push_back({{"area_code", t.area_code}, {"value", t.value}});
  return {{"indicator_id", k.indicator_id},
          {"ambition", k.ambition_slug},
          {"baseline_value", k.baseline_value},
          {"baseline_period", k.baseline_period},
          {"target_value", k.target_value},
          {"target_period", k.target_period},
          {"area_targets", targets}};
}

json signup_json(const store::SignUp& s) {
  return {{"kpi_id", s.kpi_id},     {"organisation_id", s.organisation_id},
          {"areas", s.areas},       {"contribution", s.contribution},
          {"reporter", s.reporter}, {"frequency", s.frequency}};
}

// The shown value of `area` at `period`, if any.
std::optional<double> value_at(const store::Indicator& ind, const std::vector<store::Point>& points,
                               const std::string& area, const std::string& period) {
  for (const auto& p : points)
    if (p.area_code == area && p.period == period) {
      auto s = shown(ind, p);
      if (!s.suppressed) return s.value;
    }
  return std::nullopt;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& reporting_frequencies() {
  static const std::vector<std::pair<std::string, std::string>> v = {
      {"monthly", "Monthly"}, {"quarterly", "Quarterly"}, {"annually", "Once a year"}};
  return v;
}

core::Result<store::Kpi> save_kpi(core::Database& db, const core::audit::Actor& actor, const store::Indicator& ind,
                                  const KpiInput& in, const std::vector<std::string>& ambitions,
                                  const std::vector<std::string>& areas) {
  std::vector<core::FieldError> errors;
  store::Kpi k;
  k.indicator_id = ind.id;
  k.ambition_slug = in.ambition_slug;
  k.created_by = actor.user_id;
  if (!contains(ambitions, in.ambition_slug)) errors.push_back({"ambition", "Select the ambition this KPI measures"});
  auto number = [&](const std::string& text, const std::string& field, const std::string& what) {
    auto v = store::parse_number(text);
    if (!v)
      errors.push_back({field, text.empty() ? "Enter the " + what : "Enter the " + what + " as a number, like 74.5"});
    return v.value_or(0);
  };
  auto period = [&](const std::string& text, const std::string& field, const std::string& what) {
    auto p = parse_period(text);
    if (!p)
      errors.push_back({field, text.empty() ? "Enter the " + what
                                            : "Enter the " + what +
                                                  " as a year (2023), financial year (2023/24) or "
                                                  "quarter (2023 Q1)"});
    return p;
  };
  k.baseline_value = number(in.baseline_value, "baseline_value", "baseline value");
  auto bp = period(in.baseline_period, "baseline_period", "baseline period");
  k.target_value = number(in.target_value, "target_value", "target value");
  auto tp = period(in.target_period, "target_period", "target period");
  if (bp && tp && !(*bp < *tp))
    errors.push_back({"target_period", "The target period must be after the baseline period"});
  if (bp) k.baseline_period = bp->canonical;
  if (tp) k.target_period = tp->canonical;
  if (in.area_targets.size() > kMaxAreaTargets)
    errors.push_back({"area_targets", "Enter at most " + std::to_string(kMaxAreaTargets) + " area targets"});
  for (std::size_t i = 0; i < in.area_targets.size() && i < kMaxAreaTargets; ++i) {
    std::string line = in.area_targets[i];
    for (auto& ch : line)
      if (ch == ',' || ch == '=' || ch == '\t' || ch == ':') ch = ' ';
    auto sp = line.find(' ');
    std::string code = line.substr(0, sp);
    std::string value = sp == std::string::npos ? "" : line.substr(sp);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(' ') + 1);
    auto v = store::parse_number(value);
    std::string where = "Area targets, line " + std::to_string(i + 1) + ": ";
    if (!contains(areas, code)) {
      errors.push_back({"area_targets", where + "enter an area code of the place, like E07000066, then the target"});
      break;
    }
    if (!v) {
      errors.push_back({"area_targets", where + "enter the target for " + code + " as a number"});
      break;
    }
    bool dup = false;
    for (const auto& t : k.area_targets) dup = dup || t.area_code == code;
    if (dup) {
      errors.push_back({"area_targets", where + code + " has a target already"});
      break;
    }
    k.area_targets.push_back({code, *v});
  }
  std::sort(k.area_targets.begin(), k.area_targets.end(),
            [](const store::AreaTarget& a, const store::AreaTarget& b) { return a.area_code < b.area_code; });
  if (!errors.empty()) return core::Error::invalid("Check the KPI's details", errors);
  return core::transact<store::Kpi>(
      db, "Someone saved this KPI at the same moment: try again", [&](core::Connection& c) -> core::Result<store::Kpi> {
        auto before = store::kpis_of_indicators(c, {ind.id});
        const store::Kpi* old = nullptr;
        for (const auto& o : before)
          if (o.ambition_slug == k.ambition_slug) old = &o;
        if (!old && store::count_kpis_of_ambition(c, k.ambition_slug) >= kMaxKpisPerAmbition)
          return core::Error::invalid(
              "Check the KPI's details",
              {{"ambition", "This ambition has " + std::to_string(kMaxKpisPerAmbition) +
                                " KPIs already: the partnership keeps a small number for each ambition"}});
        store::Kpi saved = k;
        saved.id = store::save_kpi(c, k);
        if (!contains(ind.ambitions, k.ambition_slug)) {
          auto links = ind.ambitions;
          links.push_back(k.ambition_slug);
          store::set_links(c, ind.id, "ambition", links);
        }
        core::audit::record(c, actor,
                            {old ? "update" : "create", "kpi", std::to_string(saved.id),
                             old ? core::audit::to_text(kpi_json(*old)) : "", core::audit::to_text(kpi_json(saved))});
        return saved;
      });
}

core::Result<store::SignUp> sign_up(core::Database& db, const core::audit::Actor& actor, const store::Kpi& kpi,
                                    const SignUpInput& in, const std::vector<std::string>& areas) {
  std::vector<core::FieldError> errors;
  if (in.organisation_id <= 0) errors.push_back({"acting_for", "Select the organisation that is signing up"});
  if (in.areas.empty()) errors.push_back({"areas", "Select the areas your organisation works on"});
  for (const auto& a : in.areas)
    if (!contains(areas, a)) {
      errors.push_back({"areas", "Select areas from the list"});
      break;
    }
  if (in.contribution.empty()) errors.push_back({"contribution", "Describe what your organisation will contribute"});
  if (in.reporter.empty()) errors.push_back({"reporter", "Enter who will report figures, such as a team or a role"});
  bool known = false;
  for (const auto& [v, label] : reporting_frequencies()) known = known || v == in.frequency;
  if (!known) errors.push_back({"frequency", "Select how often your organisation will report"});
  if (!errors.empty()) return core::Error::invalid("Check your sign-up", errors);
  store::SignUp s;
  s.kpi_id = kpi.id;
  s.organisation_id = in.organisation_id;
  s.areas = in.areas;
  s.contribution = in.contribution;
  s.reporter = in.reporter;
  s.frequency = in.frequency;
  s.created_by = actor.user_id;
  return core::transact<store::SignUp>(
      db, "Your organisation signed up at the same moment: try again",
      [&](core::Connection& c) -> core::Result<store::SignUp> {
        auto old = store::find_signup(c, kpi.id, in.organisation_id);
        s.id = store::save_signup(c, s);
        core::audit::record(c, actor,
                            {old ? "update" : "create", "kpi-signup", std::to_string(s.id),
                             old ? core::audit::to_text(signup_json(*old)) : "", core::audit::to_text(signup_json(s))});
        return s;
      });
}

double fraction_elapsed(const std::string& baseline_period, const std::string& latest_period,
                        const std::string& target_period) {
  auto b = parse_period(baseline_period), l = parse_period(latest_period), t = parse_period(target_period);
  if (!b || !l || !t) return 1;
  long total = days_between(b->start, t->start);
  if (total <= 0) return 1;
  double f = static_cast<double>(days_between(b->start, l->start)) / static_cast<double>(total);
  return std::clamp(f, 0.0, 1.0);
}

AreaKpiStatus kpi_status(const store::Indicator& ind, const store::Kpi& kpi, const std::vector<store::Point>& points,
                         const std::string& area_code, const std::string& place_code) {
  AreaKpiStatus out;
  for (const auto& t : kpi.area_targets)
    if (t.area_code == area_code) {
      out.target = t.value;
      out.baseline = value_at(ind, points, area_code, kpi.baseline_period).value_or(kpi.baseline_value);
    }
  if (!out.target && area_code == place_code) {
    out.target = kpi.target_value;
    out.baseline = kpi.baseline_value;
  }
  out.has_target = out.target.has_value();
  // Points come ordered by period: the last shown figure of the area is its latest.
  for (const auto& p : points) {
    if (p.area_code != area_code) continue;
    auto s = shown(ind, p);
    if (s.suppressed || !s.value) continue;
    out.latest = s.value;
    out.latest_period = p.period;
  }
  if (!out.has_target || !out.latest) return out;
  out.status = target_status(out.latest, fraction_elapsed(kpi.baseline_period, out.latest_period, kpi.target_period),
                             *out.baseline, *out.target, parse_polarity(ind.polarity));
  return out;
}

int cadence_months(const std::string& indicator_frequency, const std::string& signup_frequency) {
  std::string f;
  for (char ch : indicator_frequency) f += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (f.rfind("annual", 0) == 0 || f.rfind("yearly", 0) == 0) return 12;
  if (f.rfind("quarter", 0) == 0) return 3;
  if (f.rfind("month", 0) == 0) return 1;
  if (signup_frequency == "monthly") return 1;
  if (signup_frequency == "quarterly") return 3;
  return 12;
}

std::string next_period(const Period& p, int months) {
  auto start = months_after(p.start, months);
  if (p.months == 0) return start;
  if (p.months % 12 == 0 && !p.rolling) return start + "/P" + std::to_string(p.months / 12) + "Y";
  return start + "/P" + std::to_string(p.months) + "M";
}

Freshness freshness(const store::Indicator& ind, const store::SignUp& s, const std::vector<store::Point>& points,
                    const std::string& today) {
  Freshness out;
  int step = cadence_months(ind.frequency, s.frequency);
  for (const auto& area : s.areas) {
    std::optional<Period> latest;
    for (const auto& p : points)
      if (p.area_code == area && p.value) latest = parse_period(p.period);
    if (!latest) {
      out.due = true;
      out.late.push_back(area);
      continue;
    }
    auto next = parse_period(next_period(*latest, step));
    if (!next) continue;
    auto ended = months_after(next->start, next->months);
    if (months_after(ended, step) <= today) {
      out.due = true;
      out.late.push_back(area);
      if (out.expected_period.empty() || next->canonical < out.expected_period) out.expected_period = next->canonical;
    }
  }
  return out;
}

}  // namespace goldthread::outcomes
