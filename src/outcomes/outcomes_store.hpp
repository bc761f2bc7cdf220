#pragma once
// The outcomes capability's SQL (outcomes_store.cpp, points_store.cpp): internal to the folder.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::outcomes::store {

struct Indicator {
  std::int64_t id = 0;
  std::string slug, name, definition, unit, value_type = "other";
  std::int64_t multiplier = 0;
  std::string polarity = "neither", source_org, source_url, licence, attribution, frequency, dataset;
  std::int64_t suppress_below = 0;
  std::vector<std::string> ambitions, priorities;  // slugs
};

struct Point {
  std::int64_t indicator_id = 0;
  std::string area_code, period, period_start;
  int period_months = 0;
  std::optional<double> value, lci, uci, numerator, denominator;
  std::string status = "final", quality, embargo_until, notes;
};

std::optional<Indicator> find_indicator(core::Connection& c, const std::string& slug);
std::vector<Indicator> list_indicators(core::Connection& c);
std::vector<Indicator> indicators_linked(core::Connection& c, const std::string& kind, const std::string& slug);
// Inserts (with the given slug) or updates the metadata; returns the id and whether it changed.
std::pair<std::int64_t, bool> save_indicator(core::Connection& c, const Indicator& in, bool created_only_if_absent);
void set_links(core::Connection& c, std::int64_t indicator_id, const std::string& kind,
               const std::vector<std::string>& slugs);
std::int64_t count_indicators(core::Connection& c);

// Points that are public on `today` (embargo passed), ordered by period then area.
std::vector<Point> points_of(core::Connection& c, std::int64_t indicator_id, const std::string& today);
// The same for several indicators in one query.
std::map<std::int64_t, std::vector<Point>> points_of_many(core::Connection& c, const std::vector<std::int64_t>& ids,
                                                          const std::string& today);
// Every point of an indicator (embargoed too) keyed "area|period" → the stored fields as one
// text, for the importer's "changed?" check.
std::unordered_map<std::string, std::string> point_fingerprints(core::Connection& c, std::int64_t indicator_id);
std::string fingerprint(const Point& p);
// Multi-row insert (one statement per 100 rows).
void insert_points(core::Connection& c, const std::vector<Point>& points, std::int64_t import_id);
void update_point(core::Connection& c, const Point& p, std::int64_t import_id);
std::int64_t count_points(core::Connection& c);

void save_comparator(core::Connection& c, const std::string& code, const std::string& name, const std::string& kind);
std::map<std::string, std::string> comparators(core::Connection& c);  // code → name

std::int64_t record_import(core::Connection& c, const std::string& file_name, std::size_t rows, std::size_t created,
                           std::size_t updated, std::size_t unchanged, std::int64_t user_id,
                           std::int64_t organisation_id);

void finish_import(core::Connection& c, std::int64_t id, std::size_t rows, std::size_t created, std::size_t updated,
                   std::size_t unchanged);

std::string number_text(double v);  // shortest round-trip text (std::to_chars)
std::optional<double> parse_number(const std::string& s);

}  // namespace goldthread::outcomes::store
