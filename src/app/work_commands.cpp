// CLI commands of the work capability: CSV import of initiatives and organisations, and the
// benchmark data generator (bench/work/). Kept apart from commands.cpp to keep that file small.
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>

#include "app/bootstrap.hpp"
#include "app/commands.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/csv.hpp"
#include "work/work.hpp"

namespace goldthread::app {
namespace {

void progress_bar(std::size_t done, std::size_t total) {
  if (total == 0) return;
  constexpr std::size_t kWidth = 30;
  if (done != total && done % 50 != 0) return;
  std::size_t filled = done * kWidth / total;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done << "/" << total
            << " rows" << std::flush;
  if (done == total) std::cerr << "\n";
}

std::unique_ptr<core::Database> ready_database(core::Config& cfg) {
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

int run_import(core::Config& cfg, const std::string& kind, const std::string& path, const work::ImportOptions& opts) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto db = ready_database(cfg);
  if (!db) return 1;
  auto rep = kind == "initiatives" ? work::import_initiatives_csv(*db, ss.str(), opts, progress_bar)
                                   : work::import_organisations_csv(*db, ss.str(), opts, progress_bar);
  if (!rep.problems.empty()) {
    std::cerr << "row,column,problem\n";
    for (const auto& p : rep.problems) std::cerr << work::csv::row({std::to_string(p.row), p.column, p.problem});
  }
  std::cout << rep.rows << " rows: " << rep.created << " created, " << rep.updated << " updated, " << rep.unchanged
            << " unchanged, " << rep.skipped << " invalid\n";
  if (opts.dry_run) std::cout << "Dry run: nothing was written.\n";
  else if (!rep.written) std::cout << "Nothing was written: fix the rows above, or use --skip-invalid.\n";
  return rep.problems.empty() ? 0 : (rep.written ? 3 : 1);
}

// Deterministic benchmark data: N organisations and M initiatives linked to the place's
// priorities and areas, written through the services (validated and audited).
int generate(core::Config& cfg, int orgs, int initiatives, unsigned seed) {
  auto db = ready_database(cfg);
  if (!db) return 1;
  auto conn = db->acquire();
  auto place = places::try_current_place(*conn);
  if (!place) {
    std::cerr << "goldthread: import a place first\n";
    return 1;
  }
  auto ambitions = places::list_ambitions(*conn, place->id);
  auto areas = places::list_areas(*conn, place->id);
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const auto& sectors = partners::sectors();
  std::vector<std::int64_t> org_ids;
  const core::audit::Actor system;
  core::Transaction tx(*conn);
  for (int n = 0; n < orgs; ++n) {
    auto o = partners::create_organisation_in(
        *conn, system,
        {"Benchmark Organisation " + std::to_string(n), sectors[pick(sectors.size())].first, "", "", "Generated",
         {areas[pick(areas.size())].code, areas[pick(areas.size())].code}});
    if (o) org_ids.push_back(o->id);
    progress_bar(static_cast<std::size_t>(n + 1), static_cast<std::size_t>(orgs));
  }
  const char* statuses[] = {"idea", "planned", "active", "active", "completed"};
  for (int n = 0; n < initiatives; ++n) {
    work::Initiative i;
    i.place_id = place->id;
    i.title = "Benchmark initiative " + std::to_string(n);
    i.summary = "Generated work serving the vision";
    i.status = statuses[pick(5)];
    if (!org_ids.empty()) i.owner_organisation_id = org_ids[pick(org_ids.size())];
    for (int k = 0; k < 2 && !org_ids.empty(); ++k) i.partner_ids.push_back(org_ids[pick(org_ids.size())]);
    for (int k = 0; k < 2; ++k) {
      const auto& a = ambitions[pick(ambitions.size())];
      i.alignments.push_back({a.id, a.priorities.empty() ? 0 : a.priorities[pick(a.priorities.size())].id, ""});
    }
    i.areas = {areas[pick(areas.size())].code};
    if (auto r = work::create_initiative(*conn, system, i); !r) {
      std::cerr << "\ngoldthread: " << r.error().message << "\n";
      return 1;
    }
    progress_bar(static_cast<std::size_t>(n + 1), static_cast<std::size_t>(initiatives));
  }
  tx.commit();
  std::cout << "Generated " << orgs << " organisations and " << initiatives << " initiatives\n";
  return 0;
}

}  // namespace

void add_work_commands(CLI::App& cli, core::Config& cfg, int& exit_code) {
  // Parsed into an object every callback holds (it lives as long as `cli`), not statics.
  struct Options {
    std::string path;
    work::ImportOptions import;
    int orgs = 2000, initiatives = 20000;
    unsigned seed = 42;
  };
  auto o = std::make_shared<Options>();
  if (auto* imp = cli.get_subcommand("import")) {
    for (std::string kind : {"initiatives", "organisations"}) {
      auto* s = imp->add_subcommand(kind, "Import " + kind + " from a CSV file (docs/IMPORT_FORMATS.md)");
      s->add_option("FILE", o->path, "CSV file")->required();
      s->add_flag("--dry-run", o->import.dry_run, "Check every row and report problems; write nothing");
      s->add_flag("--skip-invalid", o->import.skip_invalid, "Write the valid rows even when some rows are invalid");
      s->callback([&cfg, &exit_code, kind, o] { exit_code = run_import(cfg, kind, o->path, o->import); });
    }
  }
  auto* g = cli.add_subcommand("generate-work", "Generate benchmark organisations and initiatives (bench/work/)");
  g->add_option("--organisations", o->orgs, "Organisations to create");
  g->add_option("--initiatives", o->initiatives, "Initiatives to create");
  g->add_option("--seed", o->seed, "Random seed (the same seed gives the same data)");
  g->callback([&cfg, &exit_code, o] { exit_code = generate(cfg, o->orgs, o->initiatives, o->seed); });
}

}  // namespace goldthread::app
