// Table of contents of the places capability: routes, migrations, navigation, sections.
#include <nlohmann/json.hpp>

#include "core/context.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/storage.hpp"
#include "places/place_handlers.hpp"
#include "places/place_store.hpp"
#include "places/places.hpp"

namespace goldthread::places {
namespace {

// "Examples of joint working" on an ambition page, from the place file's Appendix 3 rows.
std::optional<core::Section> joint_working_section(core::Context& ctx, const Ambition& ambition) {
  auto conn = ctx.db().acquire();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : joint_working_of(*conn, ambition.id))
    rows.push_back({{"priority", r.priority_title},
                    {"activity", r.activity},
                    {"initiatives", nlohmann::json::parse(r.initiatives_json, nullptr, false)},
                    {"partners", nlohmann::json::parse(r.partners_json, nullptr, false)}});
  return core::make_section("joint_working", "Examples of joint working", "places/joint_working_section",
                            std::move(rows));
}

}  // namespace

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("places");
  r.add_migrations("places");
  r.add_cached_page("/", home);
  r.add_cached_page("/ambitions", ambitions);
  r.add_cached_page("/ambitions/{slug}", ambition);
  r.add_cached_page("/areas", areas);
  r.add_cached_page("/areas/{code}", area);
  r.add_cached_page("/building-blocks", building_blocks);
  r.add_cached_page("/road-map", road_map);
  r.add_cached_page("/statement-of-intent", statement_of_intent);
  r.add_cached_page("/vision-projects", vision_projects);
  r.add_nav({"Vision", "/", 10});
  r.add_nav({"Ambitions", "/ambitions", 20});
  r.add_nav({"Areas", "/areas", 30});
  r.add_nav({"Building blocks", "/building-blocks", 40});
  r.add_nav({"Road map", "/road-map", 50});
  r.add_section<Ambition>("ambition", joint_working_section);
  // The first seed: the place file itself (the others build on the place it loads).
  r.add_seed([](core::Database& db, const std::string& place_file) -> core::Result<core::SeedReport> {
    auto rep = import_place_file(db, place_file);
    if (!rep) return rep.error();
    core::SeedReport out{rep->created, rep->updated, rep->unchanged, rep->warnings, ""};
    out.summary = "Imported place '" + rep->place_slug + "': " + std::to_string(rep->created) + " created, " +
                  std::to_string(rep->updated) + " updated, " + std::to_string(rep->unchanged) + " unchanged";
    return out;
  });
}

}  // namespace goldthread::places
