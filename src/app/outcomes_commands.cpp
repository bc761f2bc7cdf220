// CLI commands of the outcomes capability: `import indicators FILE.csv` (docs/OUTCOMES.md)
// and `import indicator-metadata FILE.json`.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/bootstrap.hpp"
#include "app/commands.hpp"
#include "outcomes/outcomes.hpp"

namespace goldthread::app {
namespace {

std::unique_ptr<core::Database> outcomes_database(core::Config& cfg) {
  auto db = open_database(cfg);
  if (!db) {
    std::cerr << "goldthread: " << db.error().message << "\n";
    return nullptr;
  }
  if (auto st = migrate_database(**db, build_registry(), false); !st) {
    std::cerr << "goldthread: " << st.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int run_indicator_import(core::Config& cfg, const std::string& path, outcomes::ImportOptions opts, bool quiet) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::error_code ec;
  auto total = std::filesystem::file_size(path, ec);
  auto db = outcomes_database(cfg);
  if (!db) return 1;
  opts.file_name = std::filesystem::path(path).filename().string();
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](std::size_t rows, std::size_t bytes) {
    if (quiet || ec || total == 0) return;
    constexpr std::size_t kWidth = 30;
    std::size_t filled = std::min<std::size_t>(kWidth, bytes * kWidth / total);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
              << std::min<std::size_t>(100, bytes * 100 / total) << "% " << rows << " rows" << std::flush;
  };
  auto rep = outcomes::import_indicators_csv(*db, core::audit::Actor{}, in, opts, progress);
  if (!quiet && !ec && total) std::cerr << "\n";
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!rep.error.empty()) {
    std::cerr << "goldthread: " << rep.error << "\nNothing was written.\n";
    return 1;
  }
  if (!rep.problems.empty()) {
    std::cerr << "line,column,problem\n";
    for (const auto& p : rep.problems)
      std::cerr << p.row << "," << csv_cell(p.column) << "," << csv_cell(p.problem) << "\n";
    if (rep.problem_count > rep.problems.size())
      std::cerr << "(" << rep.problem_count - rep.problems.size() << " more problems not shown)\n";
  }
  std::cout << rep.rows << " rows: " << rep.created << " created, " << rep.updated << " updated, " << rep.unchanged
            << " unchanged, " << rep.skipped << " invalid; " << rep.indicators_created << " new indicators ("
            << static_cast<long>(secs > 0 ? static_cast<double>(rep.rows) / secs : 0) << " rows/s)\n";
  if (opts.dry_run)
    std::cout << "Dry run: nothing was written.\n";
  else if (!rep.written)
    std::cout << "Nothing was written: fix the rows above, or use --skip-invalid.\n";
  return rep.problem_count == 0 ? 0 : (rep.written ? 3 : 1);
}

int run_metadata(core::Config& cfg, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto db = outcomes_database(cfg);
  if (!db) return 1;
  auto st = outcomes::apply_indicator_metadata(*db, ss.str());
  if (!st) {
    std::cerr << "goldthread: " << st.error().message << "\n";
    for (const auto& f : st.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
    return 1;
  }
  std::cout << "Applied the indicator metadata from " << path << "\n";
  return 0;
}

}  // namespace

void add_outcomes_commands(CLI::App& cli, core::Config& cfg, int& exit_code) {
  struct Options {
    std::string path;
    outcomes::ImportOptions import;
    bool quiet = false;
  };
  auto o = std::make_shared<Options>();
  auto* imp = cli.get_subcommand("import");
  if (!imp) return;
  auto* s = imp->add_subcommand("indicators", "Import indicator data points from a CSV file (docs/OUTCOMES.md)");
  s->add_option("FILE", o->path, "CSV file (ONS Explore Local Statistics columns)")->required();
  s->add_flag("--dry-run", o->import.dry_run, "Check every row and report problems; write nothing");
  s->add_flag("--skip-invalid", o->import.skip_invalid, "Write the valid rows even when some rows are invalid");
  s->add_flag("--provisional", o->import.provisional, "Mark every figure provisional");
  s->add_option("--embargo-until", o->import.embargo_until, "YYYY-MM-DD: hide every figure until this date");
  s->add_flag("--quiet", o->quiet, "No progress bar");
  s->callback([&cfg, &exit_code, o] { exit_code = run_indicator_import(cfg, o->path, o->import, o->quiet); });
  auto* m = imp->add_subcommand("indicator-metadata", "Apply indicator definitions, polarity and ambitions (JSON)");
  m->add_option("FILE", o->path, "JSON file, e.g. data/outcomes/essex-indicators.json")->required();
  m->callback([&cfg, &exit_code, o] { exit_code = run_metadata(cfg, o->path); });
}

}  // namespace goldthread::app
