// Commands and the seed of the work capability, registered from work_module.cpp:
// `import initiatives FILE.csv` and the benchmark data generator `generate-work` (bench/work/).
#include <iostream>
#include <random>

#include "core/command.hpp"
#include "core/csv_import.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::work {
namespace {

void progress_bar(std::ostream& err, std::size_t done, std::size_t total) {
  constexpr std::size_t kWidth = 30;
  if (total == 0 || (done != total && done % 50 != 0)) return;
  std::size_t filled = done * kWidth / total;
  err << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done << "/" << total
      << " rows" << std::flush;
  if (done == total) err << "\n";
}

// Deterministic benchmark data: N organisations and M initiatives linked to the place's
// priorities and areas, written through the services (validated and audited).
int generate(core::CommandInput& in) {
  auto orgs = static_cast<int>(in.integer("--organisations", 2000));
  auto initiatives = static_cast<int>(in.integer("--initiatives", 20000));
  auto seed = static_cast<unsigned>(in.integer("--seed", 42));
  auto& err = *in.err;
  auto db = in.open_database();
  if (!db) return 1;
  auto conn = db->acquire();
  auto place = places::try_current_place(*conn);
  if (!place) {
    err << "goldthread: import a place first\n";
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
    auto o = partners::create_organisation_in(*conn, system,
                                              {"Benchmark Organisation " + std::to_string(n),
                                               sectors[pick(sectors.size())].first,
                                               "",
                                               "",
                                               "Generated",
                                               {areas[pick(areas.size())].code, areas[pick(areas.size())].code}});
    if (o) org_ids.push_back(o->id);
    progress_bar(err, static_cast<std::size_t>(n + 1), static_cast<std::size_t>(orgs));
  }
  const char* statuses[] = {"idea", "planned", "active", "active", "completed"};
  for (int n = 0; n < initiatives; ++n) {
    Initiative i;
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
    if (auto r = create_initiative(*conn, system, i); !r) {
      err << "\ngoldthread: " << r.error().message << "\n";
      return 1;
    }
    progress_bar(err, static_cast<std::size_t>(n + 1), static_cast<std::size_t>(initiatives));
  }
  tx.commit();
  *in.out << "Generated " << orgs << " organisations and " << initiatives << " initiatives\n";
  return 0;
}

}  // namespace

void register_commands(core::Registry& r) {
  using core::CommandArg;
  r.add_command({{"import", "initiatives"},
                 "Import initiatives from a CSV file (docs/IMPORT_FORMATS.md)",
                 core::csv_import_args(),
                 [](core::CommandInput& in) { return core::run_csv_import(in, import_initiatives_csv); }});
  r.add_command({{"generate-work"},
                 "Generate benchmark organisations and initiatives (bench/work/)",
                 {CommandArg::number("--organisations", "Organisations to create", "2000"),
                  CommandArg::number("--initiatives", "Initiatives to create", "20000"),
                  CommandArg::number("--seed", "Random seed (the same seed gives the same data)", "42")},
                 generate});
  r.add_seed([](core::Database& db, const std::string& place_file) { return seed_from_place_file(db, place_file); });
}

}  // namespace goldthread::work
