// SQL for data points: the importer's batched writes and the views' ordered reads.
#include <algorithm>

#include "outcomes/outcomes_store.hpp"
#include "outcomes/point_pages.hpp"

namespace goldthread::outcomes::store {
namespace {

constexpr const char* kPointColumns =
    "indicator_id, area_code, period, period_start, period_months, value, lci, uci, numerator, denominator, status, "
    "quality, embargo_until, notes";
constexpr std::size_t kBatch = kInsertRows;

core::Value num(const std::optional<double>& v) {
  return v ? core::Value(number_text(*v)) : core::Value(nullptr);
}
std::optional<double> opt_num(const core::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return parse_number(r.text(i));
}

Point point_of(const core::Row& r) {
  Point p;
  p.indicator_id = r.integer(0);
  p.area_code = r.text(1);
  p.period = r.text(2);
  p.period_start = r.text(3);
  p.period_months = static_cast<int>(r.integer(4));
  p.value = opt_num(r, 5);
  p.lci = opt_num(r, 6);
  p.uci = opt_num(r, 7);
  p.numerator = opt_num(r, 8);
  p.denominator = opt_num(r, 9);
  p.status = r.text(10);
  p.quality = r.text(11);
  p.embargo_until = r.text(12);
  p.notes = r.text(13);
  return p;
}

void push_point(std::vector<core::Value>& params, const Point& p, std::int64_t import_id) {
  params.insert(params.end(),
                {p.indicator_id, p.area_code, p.period, p.period_start, static_cast<std::int64_t>(p.period_months),
                 num(p.value), num(p.lci), num(p.uci), num(p.numerator), num(p.denominator), p.status, p.quality,
                 p.embargo_until, p.notes, import_id});
}

std::string insert_sql(std::size_t rows) {
  std::string sql = std::string("INSERT INTO outcome_points (") + kPointColumns + ", import_id) VALUES ";
  for (std::size_t i = 0; i < rows; ++i)
    sql += i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  return sql;
}

}  // namespace

std::string fingerprint(const Point& p) {
  auto t = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string("~"); };
  return t(p.value) + "|" + t(p.lci) + "|" + t(p.uci) + "|" + t(p.numerator) + "|" + t(p.denominator) + "|" + p.status +
         "|" + p.quality + "|" + p.embargo_until + "|" + p.notes;
}

std::vector<Point> points_of(core::Connection& c, std::int64_t indicator_id, const std::string& today) {
  std::vector<Point> out;
  auto rs = c.query(std::string("SELECT ") + kPointColumns +
                        " FROM outcome_points WHERE indicator_id = ? AND (embargo_until = '' OR embargo_until <= ?) "
                        "ORDER BY period_start, period_months, period, area_code",
                    {indicator_id, today});
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) out.push_back(point_of(r));
  return out;
}

std::map<std::int64_t, std::vector<Point>> points_of_many(core::Connection& c, const std::vector<std::int64_t>& ids,
                                                          const std::string& today) {
  std::map<std::int64_t, std::vector<Point>> out;
  if (ids.empty()) return out;
  std::string sql = std::string("SELECT ") + kPointColumns + " FROM outcome_points WHERE indicator_id IN (";
  std::vector<core::Value> params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(ids[i]);
  }
  sql +=
      ") AND (embargo_until = '' OR embargo_until <= ?) ORDER BY indicator_id, period_start, period_months, period, "
      "area_code";
  params.emplace_back(today);
  for (const auto& r : c.query(sql, params).rows) {
    auto p = point_of(r);
    out[p.indicator_id].push_back(std::move(p));
  }
  return out;
}

std::vector<PointPrint> point_fingerprints(core::Connection& c, std::int64_t indicator_id) {
  std::vector<PointPrint> out;
  auto rs =
      c.query(std::string("SELECT ") + kPointColumns + " FROM outcome_points WHERE indicator_id = ?", {indicator_id});
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    auto p = point_of(r);
    auto print = fingerprint(p);
    out.push_back({std::move(p.area_code), std::move(p.period), std::move(print)});
  }
  return out;
}

void bulk_load(core::Connection& c, bool on) {
  if (c.engine() != core::Engine::sqlite) return;
  // 64 MiB while importing (the default is 2 MiB): fewer dirty pages spilled to the WAL
  // before the commit. Peak RSS stays well under the 200 MB of issue 12.10.
  c.query(on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000");
  // No foreign-key lookup per point: the importer writes only ids of indicators it has just
  // found or created in the same transaction. (Set outside the transaction: SQLite ignores
  // the pragma inside one.)
  c.query(on ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
}

void insert_points(core::Connection& c, const Point* points, std::size_t n, std::int64_t import_id) {
  thread_local std::vector<core::Value> params;  // reused: one statement's values
  for (std::size_t i = 0; i < n; i += kBatch) {
    const std::size_t rows = std::min(kBatch, n - i);
    params.clear();
    for (std::size_t j = i; j < i + rows; ++j) push_point(params, points[j], import_id);
    if (rows == kBatch) {
      static const std::string full = insert_sql(kBatch);
      c.query(full, params);
    } else {
      c.query(insert_sql(rows), params);
    }
  }
}

void update_point(core::Connection& c, const Point& p, std::int64_t import_id) {
  c.query(
      "UPDATE outcome_points SET value = ?, lci = ?, uci = ?, numerator = ?, denominator = ?, status = ?, "
      "quality = ?, embargo_until = ?, notes = ?, import_id = ? WHERE indicator_id = ? AND period_start = ? AND "
      "period_months = ? AND period = ? AND area_code = ?",
      {num(p.value), num(p.lci), num(p.uci), num(p.numerator), num(p.denominator), p.status, p.quality, p.embargo_until,
       p.notes, import_id, p.indicator_id, p.period_start, static_cast<std::int64_t>(p.period_months), p.period,
       p.area_code});
}

// The row value compared with `after` is the unique key's tail, so each page is one range
// scan of outcome_points_key on both engines.
std::vector<Point> points_page(core::Connection& c, std::int64_t indicator_id, const std::string& today,
                               const Point* after, std::size_t limit) {
  std::string sql = std::string("SELECT ") + kPointColumns +
                    " FROM outcome_points WHERE indicator_id = ? AND (embargo_until = '' OR embargo_until <= ?)";
  std::vector<core::Value> params{indicator_id, today};
  if (after) {
    sql += " AND (period_start, period_months, period, area_code) > (?, ?, ?, ?)";
    params.insert(params.end(), {after->period_start, static_cast<std::int64_t>(after->period_months), after->period,
                                 after->area_code});
  }
  sql += " ORDER BY period_start, period_months, period, area_code LIMIT " + std::to_string(limit);
  std::vector<Point> out;
  auto rs = c.query(sql, params);
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) out.push_back(point_of(r));
  return out;
}

std::int64_t count_points(core::Connection& c) {
  return c.query("SELECT COUNT(*) FROM outcome_points").rows.at(0).integer(0);
}

}  // namespace goldthread::outcomes::store
