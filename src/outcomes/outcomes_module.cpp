// Table of contents of the outcomes capability: migrations, routes, navigation, the ambition
// section.
#include <filesystem>

#include "core/registry.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {

std::vector<IndicatorSummary> indicators_for_ambition(core::Connection& c, const std::string& ambition_slug) {
  std::vector<IndicatorSummary> out;
  for (const auto& i : store::indicators_linked(c, "ambition", ambition_slug)) out.push_back({i.slug, i.name});
  return out;
}

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("outcomes");
  r.add_migrations("outcomes");
  r.add_middleware(embargo_clock());
  const auto importers = Access::any_of({Role::partner_member, Role::place_admin});
  r.add_route("GET", "/indicators", Access::anyone(), indicators_page);
  r.add_route("GET", "/indicators/freshness", Access::anyone(), freshness_page);
  r.add_route("GET", "/indicators/areas/{code}", Access::anyone(), area_profile_page);
  r.add_route("GET", "/indicators/areas/{code}/profile.csv", Access::anyone(), area_profile_csv);
  r.add_route("GET", "/indicators/import", importers, import_page);
  r.add_route("POST", "/indicators/import", importers, import_handler);
  r.set_heavy("POST", "/indicators/import");
  // Cached per data version (core::cached_body); embargo_clock records an embargo's end.
  r.add_route("GET", "/indicators/{slug}", Access::anyone(), indicator_page);
  r.add_route("GET", "/indicators/{slug}/data.csv", Access::anyone(), indicator_csv);
  r.add_route("GET", "/indicators/{slug}/data.json", Access::anyone(), indicator_json);
  r.add_route("GET", "/indicators/{slug}/map", Access::anyone(), indicator_map_page);
  const auto place_admins = Access::any_of({Role::place_admin});
  r.add_route("GET", "/indicators/{slug}/kpi", place_admins, kpi_form_page);
  r.add_route("POST", "/indicators/{slug}/kpi", place_admins, kpi_form_handler);
  const auto members = Access::any_of({Role::partner_member});
  r.add_route("GET", "/indicators/{slug}/sign-up", members, signup_page);
  r.add_route("POST", "/indicators/{slug}/sign-up", members, signup_handler);
  r.add_section_link({.section = "progress",
                      .key = "outcomes",
                      .label = "Shared outcomes and measures",
                      .href = "/indicators",
                      .description = "Indicators for each ambition, by area and over time, compared with England, "
                                     "with the data behind them.",
                      .order = 30});
  r.add_section<places::Ambition>("ambition", ambition_section);
  r.add_section<partners::Organisation>("organisation", organisation_kpis_section);
  using core::CommandArg;
  r.add_command({{"import", "indicators"},
                 "Import indicator data points from a CSV file (docs/OUTCOMES.md)",
                 {CommandArg::positional("FILE", "CSV file (ONS Explore Local Statistics columns)"),
                  CommandArg::flag("--dry-run", "Check every row and report problems; write nothing"),
                  CommandArg::flag("--skip-invalid", "Write the valid rows even when some rows are invalid"),
                  CommandArg::flag("--provisional", "Mark every figure provisional"),
                  CommandArg::option("--embargo-until", "YYYY-MM-DD: hide every figure until this date"),
                  CommandArg::flag("--quiet", "No progress bar")},
                 run_indicator_import});
  r.add_command({{"import", "indicator-metadata"},
                 "Apply indicator definitions, polarity and ambitions from a JSON file",
                 {CommandArg::positional("FILE", "JSON file, e.g. data/outcomes/essex-indicators.json")},
                 run_metadata});
  // The bundled indicators beside the place file (data/outcomes/ next to data/places/), into a
  // database that has none yet.
  r.add_seed([](core::Database& db, const std::string& place_file) -> core::Result<core::SeedReport> {
    auto dir = std::filesystem::path(place_file).parent_path().parent_path() / "outcomes";
    if (auto st = seed_bundled_indicators(db, dir.string()); !st) return st.error();
    core::SeedReport rep;
    rep.summary = "Loaded the bundled indicators (if the database had none)";
    return rep;
  });
}

}  // namespace goldthread::outcomes
