#pragma once
// The outcomes capability: indicators (what is measured, by whom, under which licence, which
// ambitions it measures), data points by area and period, imports from CSV (the ONS Explore
// Local Statistics columns as they are), comparison with England and the region, trend and
// target status by the named methods of docs/OUTCOMES.md. Other capabilities read this data
// only through these functions. Tables: outcome_indicators, outcome_indicator_links,
// outcome_comparators, outcome_points, outcome_imports (migrations/).
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Registry;
}

namespace goldthread::outcomes {

// Limits (docs/LIMITS.md).
inline constexpr std::size_t kMaxUploadChars = 900000;  // the upload page's pasted CSV
inline constexpr std::size_t kMaxProblemsReported = 500;
inline constexpr std::size_t kMaxCell = 2000;

struct ImportOptions {
  bool skip_invalid = false;  // write the good rows, report the bad ones
  bool dry_run = false;       // check only
  bool provisional = false;   // every row provisional (else the `provisional` column decides)
  std::string embargo_until;  // "YYYY-MM-DD": every row hidden until then (else the column)
  std::string file_name;
  std::size_t progress_every = 0;  // rows between progress calls (0: 10,000)
};
struct RowProblem {
  std::size_t row = 0;  // the CSV line where the record starts
  std::string column, problem;
};
struct ImportReport {
  std::size_t rows = 0, created = 0, updated = 0, unchanged = 0, skipped = 0;
  std::size_t indicators_created = 0;
  std::vector<RowProblem> problems;  // at most kMaxProblemsReported
  std::size_t problem_count = 0;     // all of them
  bool written = false;
  std::int64_t import_id = 0;
  std::string error;  // a problem with the file as a whole (no header, unclosed quote)
};
// (rows done, bytes read) after each batch: the CLI's progress bar.
using Progress = std::function<void(std::size_t rows, std::size_t bytes)>;

// Reads the CSV (docs/OUTCOMES.md, "Import format") and writes it in one transaction: all or
// nothing unless skip_invalid; re-importing the same file changes no data point. Audited
// (who, when, file, counts) in the same transaction.
ImportReport import_indicators_csv(core::Database& db, const core::audit::Actor& actor, std::istream& in,
                                   const ImportOptions& opts, const Progress& progress = {});

// Curated indicator metadata (data/outcomes/essex-indicators.json): definitions, polarity,
// value type, frequency, licence, attribution and the ambitions each measures. Upserted by
// slug; re-applying changes nothing.
core::Status apply_indicator_metadata(core::Database& db, const std::string& json_text);
// The bundled Essex data: the metadata file and the curated ELS extract beside it, imported
// when the database has no indicators yet. `dir` holds essex-indicators.json and .csv.
core::Status seed_bundled_indicators(core::Database& db, const std::string& dir);

// A small summary for other capabilities' pages: the indicators measuring an ambition.
struct IndicatorSummary {
  std::string slug, name;
};
std::vector<IndicatorSummary> indicators_for_ambition(core::Connection& c, const std::string& ambition_slug);

void register_module(core::Registry& registry);

}  // namespace goldthread::outcomes
