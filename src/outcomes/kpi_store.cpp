// SQL for shared KPIs, their area targets and organisations' sign-ups (issue 12.6).
#include <algorithm>

#include "core/text.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes::store {
namespace {

constexpr const char* kKpiColumns =
    "id, indicator_id, ambition_slug, baseline_value, baseline_period, target_value, target_period, created_by, "
    "created_at, updated_at";
constexpr const char* kSignUpColumns =
    "id, kpi_id, organisation_id, areas, contribution, reporter, frequency, created_by, created_at, updated_at";

double num(const std::string& s) {
  return parse_number(s).value_or(0);
}

std::string in_list(std::size_t n) {
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s + ")";
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<Kpi> kpis_from(core::Connection& c, const std::string& where, const std::vector<core::Value>& params) {
  std::vector<Kpi> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kKpiColumns + " FROM outcome_kpis " + where + " ORDER BY ambition_slug, id",
               params)
           .rows) {
    Kpi k;
    k.id = r.integer(0);
    k.indicator_id = r.integer(1);
    k.ambition_slug = r.text(2);
    k.baseline_value = num(r.text(3));
    k.baseline_period = r.text(4);
    k.target_value = num(r.text(5));
    k.target_period = r.text(6);
    k.created_by = r.integer(7);
    k.created_at = r.text(8);
    k.updated_at = r.text(9);
    out.push_back(std::move(k));
  }
  if (out.empty()) return out;
  std::vector<core::Value> ids;
  for (const auto& k : out) ids.emplace_back(k.id);
  auto rs = c.query("SELECT kpi_id, area_code, target_value FROM outcome_kpi_area_targets WHERE kpi_id IN " +
                        in_list(ids.size()) + " ORDER BY kpi_id, area_code",
                    ids);
  for (const auto& r : rs.rows)
    for (auto& k : out)
      if (k.id == r.integer(0)) k.area_targets.push_back({r.text(1), num(r.text(2))});
  return out;
}

std::vector<SignUp> signups_from(core::Connection& c, const std::string& where,
                                 const std::vector<core::Value>& params) {
  std::vector<SignUp> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kSignUpColumns + " FROM outcome_kpi_signups " + where + " ORDER BY kpi_id, id",
               params)
           .rows) {
    SignUp s;
    s.id = r.integer(0);
    s.kpi_id = r.integer(1);
    s.organisation_id = r.integer(2);
    s.areas = lines_of(r.text(3));
    s.contribution = r.text(4);
    s.reporter = r.text(5);
    s.frequency = r.text(6);
    s.created_by = r.integer(7);
    s.created_at = r.text(8);
    s.updated_at = r.text(9);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<Kpi> kpis_of_indicators(core::Connection& c, const std::vector<std::int64_t>& indicator_ids) {
  if (indicator_ids.empty()) return {};
  std::vector<core::Value> p(indicator_ids.begin(), indicator_ids.end());
  return kpis_from(c, "WHERE indicator_id IN " + in_list(p.size()), p);
}

std::vector<Kpi> kpis_of_ambition(core::Connection& c, const std::string& ambition_slug) {
  return kpis_from(c, "WHERE ambition_slug = ?", {ambition_slug});
}

std::vector<Kpi> kpis_by_id(core::Connection& c, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<core::Value> p(ids.begin(), ids.end());
  return kpis_from(c, "WHERE id IN " + in_list(p.size()), p);
}

std::vector<Kpi> all_kpis(core::Connection& c) {
  return kpis_from(c, "", {});
}

std::int64_t count_kpis_of_ambition(core::Connection& c, const std::string& ambition_slug) {
  return c.query("SELECT COUNT(*) FROM outcome_kpis WHERE ambition_slug = ?", {ambition_slug}).rows.at(0).integer(0);
}

std::int64_t save_kpi(core::Connection& c, const Kpi& k) {
  auto now = core::now_utc();
  auto existing = core::first_row(c.query("SELECT id FROM outcome_kpis WHERE indicator_id = ? AND ambition_slug = ?",
                                          {k.indicator_id, k.ambition_slug}));
  std::int64_t id = 0;
  if (existing) {
    id = existing->integer(0);
    c.query(
        "UPDATE outcome_kpis SET baseline_value = ?, baseline_period = ?, target_value = ?, target_period = ?, "
        "updated_at = ? WHERE id = ?",
        {number_text(k.baseline_value), k.baseline_period, number_text(k.target_value), k.target_period, now, id});
    c.query("DELETE FROM outcome_kpi_area_targets WHERE kpi_id = ?", {id});
  } else {
    id = c.query(
              "INSERT INTO outcome_kpis (indicator_id, ambition_slug, baseline_value, baseline_period, target_value, "
              "target_period, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {k.indicator_id, k.ambition_slug, number_text(k.baseline_value), k.baseline_period,
               number_text(k.target_value), k.target_period, k.created_by, now, now})
             .rows.at(0)
             .integer(0);
  }
  for (const auto& t : k.area_targets)
    c.query("INSERT INTO outcome_kpi_area_targets (kpi_id, area_code, target_value) VALUES (?, ?, ?)",
            {id, t.area_code, number_text(t.value)});
  return id;
}

std::vector<SignUp> signups_of_kpis(core::Connection& c, const std::vector<std::int64_t>& kpi_ids) {
  if (kpi_ids.empty()) return {};
  std::vector<core::Value> p(kpi_ids.begin(), kpi_ids.end());
  return signups_from(c, "WHERE kpi_id IN " + in_list(p.size()), p);
}

std::vector<SignUp> signups_of_organisation(core::Connection& c, std::int64_t organisation_id) {
  return signups_from(c, "WHERE organisation_id = ?", {organisation_id});
}

std::vector<SignUp> all_signups(core::Connection& c) {
  return signups_from(c, "", {});
}

std::optional<SignUp> find_signup(core::Connection& c, std::int64_t kpi_id, std::int64_t organisation_id) {
  auto v = signups_from(c, "WHERE kpi_id = ? AND organisation_id = ?", {kpi_id, organisation_id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::int64_t save_signup(core::Connection& c, const SignUp& s) {
  auto now = core::now_utc();
  auto existing = core::first_row(c.query("SELECT id FROM outcome_kpi_signups WHERE kpi_id = ? AND organisation_id = ?",
                                          {s.kpi_id, s.organisation_id}));
  if (existing) {
    auto id = existing->integer(0);
    c.query(
        "UPDATE outcome_kpi_signups SET areas = ?, contribution = ?, reporter = ?, frequency = ?, updated_at = ? "
        "WHERE id = ?",
        {core::join(s.areas, "\n"), s.contribution, s.reporter, s.frequency, now, id});
    return id;
  }
  return c
      .query(
          "INSERT INTO outcome_kpi_signups (kpi_id, organisation_id, areas, contribution, reporter, frequency, "
          "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {s.kpi_id, s.organisation_id, core::join(s.areas, "\n"), s.contribution, s.reporter, s.frequency,
           s.created_by, now, now})
      .rows.at(0)
      .integer(0);
}

}  // namespace goldthread::outcomes::store
