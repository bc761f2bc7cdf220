#pragma once
// The outcomes capability's SQL (outcomes_store.cpp, points_store.cpp): internal to the folder.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::outcomes {
// Not SQL (embargo.cpp): called after an import that wrote embargo dates commits, so this
// process's servers read the next embargo end again at once.
void embargo_dates_written();
}  // namespace goldthread::outcomes

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
std::unordered_map<std::string, std::int64_t> indicator_ids(core::Connection& c);  // slug → id
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
// Every point of an indicator (embargoed too): its area, period and the stored fields as one
// text (fingerprint), for the importer's "changed?" check.
struct PointPrint {
  std::string area_code, period, print;
};
std::vector<PointPrint> point_fingerprints(core::Connection& c, std::int64_t indicator_id);
std::string fingerprint(const Point& p);
// Multi-row insert (one statement per kInsertRows rows). On SQLite a larger page cache for the
// import's transaction (bulk_load(c, true)), given back afterwards (bulk_load(c, false)).
void bulk_load(core::Connection& c, bool on);
inline constexpr std::size_t kInsertRows = 100;
void insert_points(core::Connection& c, const Point* points, std::size_t n, std::int64_t import_id);
void update_point(core::Connection& c, const Point& p, std::int64_t import_id);
std::int64_t count_points(core::Connection& c);

void save_comparator(core::Connection& c, const std::string& code, const std::string& name, const std::string& kind);
std::map<std::string, std::string> comparators(core::Connection& c);  // code → name

std::int64_t record_import(core::Connection& c, const std::string& file_name, std::size_t rows, std::size_t created,
                           std::size_t updated, std::size_t unchanged, std::int64_t user_id,
                           std::int64_t organisation_id);

// latest_embargo: the latest embargo date of the points this import wrote ("" for none).
void finish_import(core::Connection& c, std::int64_t id, std::size_t rows, std::size_t created, std::size_t updated,
                   std::size_t unchanged, const std::string& latest_embargo);
// Embargo dates (outcome_embargo_dates): each distinct date an import wrote, and when its end
// was recorded (outcomes/embargo.cpp). The earliest date whose end is not recorded yet ("" for
// none); records the end of every date on or before `today` and returns those dates.
// record_embargo_dates: dates on or before `today` are recorded as ended already.
void record_embargo_dates(core::Connection& c, const std::set<std::string>& dates, const std::string& today);
std::string next_embargo_end(core::Connection& c);
std::vector<std::string> end_embargoes(core::Connection& c, const std::string& today);

// --- Shared KPIs and sign-ups (kpi_store.cpp) ---------------------------------------------
struct AreaTarget {
  std::string area_code;
  double value = 0;
};
struct Kpi {
  std::int64_t id = 0, indicator_id = 0;
  std::string ambition_slug;
  double baseline_value = 0, target_value = 0;
  std::string baseline_period, target_period;  // canonical period text
  std::vector<AreaTarget> area_targets;        // by the target period, ordered by code
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};
struct SignUp {
  std::int64_t id = 0, kpi_id = 0, organisation_id = 0;
  std::vector<std::string> areas;  // ONS codes
  std::string contribution, reporter, frequency;
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};
// KPIs of these indicators (one query for the KPIs, one for their area targets).
std::vector<Kpi> kpis_of_indicators(core::Connection& c, const std::vector<std::int64_t>& indicator_ids);
std::vector<Kpi> kpis_of_ambition(core::Connection& c, const std::string& ambition_slug);
std::vector<Kpi> kpis_by_id(core::Connection& c, const std::vector<std::int64_t>& ids);
std::vector<Kpi> all_kpis(core::Connection& c);
std::int64_t count_kpis_of_ambition(core::Connection& c, const std::string& ambition_slug);
// Inserts or updates the KPI of (indicator, ambition) and replaces its area targets; the id.
std::int64_t save_kpi(core::Connection& c, const Kpi& k);
std::vector<SignUp> signups_of_kpis(core::Connection& c, const std::vector<std::int64_t>& kpi_ids);
std::vector<SignUp> signups_of_organisation(core::Connection& c, std::int64_t organisation_id);
std::vector<SignUp> all_signups(core::Connection& c);
std::optional<SignUp> find_signup(core::Connection& c, std::int64_t kpi_id, std::int64_t organisation_id);
// Inserts or updates the organisation's sign-up to the KPI; the id.
std::int64_t save_signup(core::Connection& c, const SignUp& s);
std::vector<Indicator> indicators_by_id(core::Connection& c, const std::vector<std::int64_t>& ids);

std::string number_text(double v);  // shortest round-trip text (std::to_chars)
std::optional<double> parse_number(const std::string& s);

}  // namespace goldthread::outcomes::store
