// SQL for indicators, their links to ambitions and priorities, comparators and imports.
#include "outcomes/outcomes_store.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace goldthread::outcomes::store {
namespace {

constexpr const char* kColumns =
    "id, slug, name, definition, unit, value_type, multiplier, polarity, source_org, source_url, licence, "
    "attribution, frequency, dataset, suppress_below";

Indicator indicator_of(const core::Row& r) {
  Indicator i;
  i.id = r.integer(0);
  i.slug = r.text(1);
  i.name = r.text(2);
  i.definition = r.text(3);
  i.unit = r.text(4);
  i.value_type = r.text(5);
  i.multiplier = r.integer(6);
  i.polarity = r.text(7);
  i.source_org = r.text(8);
  i.source_url = r.text(9);
  i.licence = r.text(10);
  i.attribution = r.text(11);
  i.frequency = r.text(12);
  i.dataset = r.text(13);
  i.suppress_below = r.integer(14);
  return i;
}

// Fills ambitions and priorities for the given indicators (one query).
void load_links(core::Connection& c, std::vector<Indicator>& list) {
  if (list.empty()) return;
  std::string sql = "SELECT indicator_id, kind, slug FROM outcome_indicator_links WHERE indicator_id IN (";
  std::vector<core::Value> params;
  for (std::size_t i = 0; i < list.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(list[i].id);
  }
  sql += ") ORDER BY kind, slug";
  auto rs = c.query(sql, params);
  for (const auto& r : rs.rows)
    for (auto& ind : list)
      if (ind.id == r.integer(0)) (r.text(1) == "ambition" ? ind.ambitions : ind.priorities).push_back(r.text(2));
}

}  // namespace

std::string number_text(double v) {
  // The shortest text that reads back as the same double: exact, and much cheaper than printf.
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::optional<double> parse_number(const std::string& s) {
  if (s.empty() || s.size() > 40) return std::nullopt;
  for (char ch : s)
    if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '+' || ch == 'e' ||
          ch == 'E'))
      return std::nullopt;
  const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
  double v = 0;
  auto r = std::from_chars(begin, s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<Indicator> find_indicator(core::Connection& c, const std::string& slug) {
  auto row =
      core::first_row(c.query(std::string("SELECT ") + kColumns + " FROM outcome_indicators WHERE slug = ?", {slug}));
  if (!row) return std::nullopt;
  std::vector<Indicator> one{indicator_of(*row)};
  load_links(c, one);
  return one.front();
}

std::unordered_map<std::string, std::int64_t> indicator_ids(core::Connection& c) {
  std::unordered_map<std::string, std::int64_t> out;
  for (const auto& r : c.query("SELECT slug, id FROM outcome_indicators").rows) out.emplace(r.text(0), r.integer(1));
  return out;
}

std::vector<Indicator> list_indicators(core::Connection& c) {
  std::vector<Indicator> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + " FROM outcome_indicators ORDER BY name").rows)
    out.push_back(indicator_of(r));
  load_links(c, out);
  return out;
}

std::vector<Indicator> indicators_by_id(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<Indicator> out;
  if (ids.empty()) return out;
  std::string sql = std::string("SELECT ") + kColumns + " FROM outcome_indicators WHERE id IN (";
  std::vector<core::Value> params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(ids[i]);
  }
  for (const auto& r : c.query(sql + ") ORDER BY name", params).rows) out.push_back(indicator_of(r));
  load_links(c, out);
  return out;
}

std::vector<Indicator> indicators_linked(core::Connection& c, const std::string& kind, const std::string& slug) {
  std::vector<Indicator> out;
  std::string sql =
      "SELECT i.id, i.slug, i.name, i.definition, i.unit, i.value_type, i.multiplier, i.polarity, "
      "i.source_org, i.source_url, i.licence, i.attribution, i.frequency, i.dataset, i.suppress_below "
      "FROM outcome_indicators i JOIN outcome_indicator_links l ON l.indicator_id = i.id "
      "WHERE l.kind = ? AND l.slug = ? ORDER BY i.name";
  for (const auto& r : c.query(sql, {kind, slug}).rows) out.push_back(indicator_of(r));
  load_links(c, out);
  return out;
}

std::pair<std::int64_t, bool> save_indicator(core::Connection& c, const Indicator& in, bool only_if_absent) {
  auto existing = core::first_row(
      c.query(std::string("SELECT ") + kColumns + " FROM outcome_indicators WHERE slug = ?", {in.slug}));
  auto now = core::now_utc();
  if (!existing) {
    auto rs = c.query(
        "INSERT INTO outcome_indicators (slug, name, definition, unit, value_type, multiplier, polarity, source_org, "
        "source_url, licence, attribution, frequency, dataset, suppress_below, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {in.slug, in.name, in.definition, in.unit, in.value_type, in.multiplier, in.polarity, in.source_org,
         in.source_url, in.licence, in.attribution, in.frequency, in.dataset, in.suppress_below, now, now});
    return {rs.rows.at(0).integer(0), true};
  }
  auto old = indicator_of(*existing);
  if (only_if_absent) return {old.id, false};
  bool same = old.name == in.name && old.definition == in.definition && old.unit == in.unit &&
              old.value_type == in.value_type && old.multiplier == in.multiplier && old.polarity == in.polarity &&
              old.source_org == in.source_org && old.source_url == in.source_url && old.licence == in.licence &&
              old.attribution == in.attribution && old.frequency == in.frequency && old.dataset == in.dataset &&
              old.suppress_below == in.suppress_below;
  if (same) return {old.id, false};
  c.query(
      "UPDATE outcome_indicators SET name = ?, definition = ?, unit = ?, value_type = ?, multiplier = ?, "
      "polarity = ?, source_org = ?, source_url = ?, licence = ?, attribution = ?, frequency = ?, dataset = ?, "
      "suppress_below = ?, updated_at = ? WHERE id = ?",
      {in.name, in.definition, in.unit, in.value_type, in.multiplier, in.polarity, in.source_org, in.source_url,
       in.licence, in.attribution, in.frequency, in.dataset, in.suppress_below, now, old.id});
  return {old.id, true};
}

void set_links(core::Connection& c, std::int64_t id, const std::string& kind, const std::vector<std::string>& slugs) {
  c.query("DELETE FROM outcome_indicator_links WHERE indicator_id = ? AND kind = ?", {id, kind});
  for (const auto& s : slugs)
    c.query("INSERT INTO outcome_indicator_links (indicator_id, kind, slug) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            {id, kind, s});
}

std::int64_t count_indicators(core::Connection& c) {
  return c.query("SELECT COUNT(*) FROM outcome_indicators").rows.at(0).integer(0);
}

void save_comparator(core::Connection& c, const std::string& code, const std::string& name, const std::string& kind) {
  c.query("INSERT INTO outcome_comparators (code, name, kind) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING",
          {code, name, kind});
}

std::map<std::string, std::string> comparators(core::Connection& c) {
  std::map<std::string, std::string> out;
  for (const auto& r : c.query("SELECT code, name FROM outcome_comparators ORDER BY code").rows)
    out[r.text(0)] = r.text(1);
  return out;
}

std::int64_t record_import(core::Connection& c, const std::string& file_name, std::size_t rows, std::size_t created,
                           std::size_t updated, std::size_t unchanged, std::int64_t user_id,
                           std::int64_t organisation_id) {
  auto rs = c.query(
      "INSERT INTO outcome_imports (file_name, rows_read, created, updated, unchanged, actor_user_id, "
      "organisation_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {file_name, static_cast<std::int64_t>(rows), static_cast<std::int64_t>(created),
       static_cast<std::int64_t>(updated), static_cast<std::int64_t>(unchanged), user_id, organisation_id,
       core::now_utc()});
  return rs.rows.at(0).integer(0);
}

void finish_import(core::Connection& c, std::int64_t id, std::size_t rows, std::size_t created, std::size_t updated,
                   std::size_t unchanged, const std::string& latest_embargo) {
  c.query(
      "UPDATE outcome_imports SET rows_read = ?, created = ?, updated = ?, unchanged = ?, latest_embargo = ? WHERE "
      "id = ?",
      {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(created), static_cast<std::int64_t>(updated),
       static_cast<std::int64_t>(unchanged), latest_embargo, id});
}

void record_embargo_dates(core::Connection& c, const std::set<std::string>& dates, const std::string& today) {
  const std::string now = core::now_utc();
  for (const auto& d : dates)  // a date already past needs no recorded end later
    c.query(
        "INSERT INTO outcome_embargo_dates (embargo_until, ended_at) VALUES (?, ?) ON CONFLICT (embargo_until) DO "
        "NOTHING",
        {d, d <= today ? now : std::string()});
}

std::string next_embargo_end(core::Connection& c) {
  auto rs = c.query("SELECT MIN(embargo_until) FROM outcome_embargo_dates WHERE ended_at = ''");
  return rs.rows.empty() ? std::string() : rs.rows.front().text(0);
}

std::vector<std::string> end_embargoes(core::Connection& c, const std::string& today) {
  std::vector<std::string> out;
  auto rs = c.query(
      "UPDATE outcome_embargo_dates SET ended_at = ? WHERE ended_at = '' AND embargo_until <= ? RETURNING "
      "embargo_until",
      {core::now_utc(), today});
  for (const auto& r : rs.rows) out.push_back(r.text(0));
  return out;
}

}  // namespace goldthread::outcomes::store
