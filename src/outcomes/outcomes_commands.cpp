// The outcomes capability's commands: `import indicators FILE.csv` (docs/OUTCOMES.md) and
// `import indicator-metadata FILE.json`, registered through the registry.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/command.hpp"
#include "core/storage.hpp"
#include "outcomes/csv_reader.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"

namespace goldthread::outcomes {

int run_indicator_import(core::CommandInput& in) {
  const std::string path = in.value("FILE");
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *in.err << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::error_code ec;
  auto total = std::filesystem::file_size(path, ec);
  auto db = in.open_database();
  if (!db) return 1;
  ImportOptions opts;
  opts.dry_run = in.flag("--dry-run");
  opts.skip_invalid = in.flag("--skip-invalid");
  opts.provisional = in.flag("--provisional");
  opts.embargo_until = in.value("--embargo-until");
  opts.file_name = std::filesystem::path(path).filename().string();
  const bool bar = !in.flag("--quiet") && !ec && total > 0;
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](std::size_t rows, std::size_t bytes) {
    if (!bar) return;
    constexpr std::size_t kWidth = 30;
    std::size_t filled = std::min<std::size_t>(kWidth, bytes * kWidth / total);
    *in.err << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
            << std::min<std::size_t>(100, bytes * 100 / total) << "% " << rows << " rows" << std::flush;
  };
  auto rep = import_indicators_csv(*db, core::audit::Actor{}, file, opts, progress);
  if (bar) *in.err << "\n";
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!rep.error.empty()) {
    *in.err << "goldthread: " << rep.error << "\nNothing was written.\n";
    return 1;
  }
  if (!rep.problems.empty()) {
    *in.err << "line,column,problem\n";
    for (const auto& p : rep.problems) *in.err << csv::row({std::to_string(p.row), p.column, p.problem});
    if (rep.problem_count > rep.problems.size())
      *in.err << "(" << rep.problem_count - rep.problems.size() << " more problems not shown)\n";
  }
  *in.out << rep.rows << " rows: " << rep.created << " created, " << rep.updated << " updated, " << rep.unchanged
          << " unchanged, " << rep.skipped << " invalid; " << rep.indicators_created << " new indicators ("
          << static_cast<long>(secs > 0 ? static_cast<double>(rep.rows) / secs : 0) << " rows/s)\n";
  if (opts.dry_run)
    *in.out << "Dry run: nothing was written.\n";
  else if (!rep.written)
    *in.out << "Nothing was written: fix the rows above, or use --skip-invalid.\n";
  return rep.problem_count == 0 ? 0 : (rep.written ? 3 : 1);
}

int run_metadata(core::CommandInput& in) {
  const std::string path = in.value("FILE");
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *in.err << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::ostringstream ss;
  ss << file.rdbuf();
  auto db = in.open_database();
  if (!db) return 1;
  auto st = apply_indicator_metadata(*db, ss.str());
  if (!st) {
    *in.err << "goldthread: " << st.error().message << "\n";
    for (const auto& f : st.error().fields) *in.err << "  " << f.field << ": " << f.message << "\n";
    return 1;
  }
  *in.out << "Applied the indicator metadata from " << path << "\n";
  return 0;
}

}  // namespace goldthread::outcomes
