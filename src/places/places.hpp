#pragma once
// The places capability: a place, its areas, its vision (purpose, ambitions, priorities,
// statement of intent), the building blocks, the road map, the vision projects and the
// examples of joint working. Other capabilities read this data only through these functions.
//
// Tables: places, areas, ambitions, priorities, building_blocks, recommendations,
// vision_projects, joint_working (migrations/0001_create_places.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Context;
class Registry;
}  // namespace goldthread::core

namespace goldthread::places {

struct Place {
  std::int64_t id = 0;
  std::string slug, name, vision_title, partnership, purpose, why, who_started, epigraph_text, epigraph_by,
      ambitions_intro, statement_of_intent, quotes_json, sources_json, attribution_json;
};

struct Area {
  std::int64_t id = 0;
  std::string code, name, area_type, tier, parent_code, council, org_id;
};

struct Priority {
  std::int64_t id = 0;
  std::int64_t ambition_id = 0;
  std::string slug, title;
};

struct Ambition {
  std::int64_t id = 0;
  int number = 0;
  std::string slug, title, summary, description, quote, priority_statement;
  std::vector<Priority> priorities;
};

// The install's place: the first one imported. nullopt before any import.
std::optional<Place> try_current_place(core::Connection& c);
// The same, loaded at most once per request (memoised on the context): every page and every
// section of a page calls this instead of try_current_place. `c` is used only the first time.
const std::optional<Place>& current_place(core::Context& ctx, core::Connection& c);
std::vector<Area> list_areas(core::Connection& c, std::int64_t place_id);
std::optional<Area> try_find_area(core::Connection& c, std::int64_t place_id, const std::string& code);
// Ambitions in their numbered order, each with its priorities.
std::vector<Ambition> list_ambitions(core::Connection& c, std::int64_t place_id);
std::optional<Ambition> try_find_ambition(core::Connection& c, std::int64_t place_id, const std::string& slug);
bool is_area_code(const std::string& s);  // ^[EWSN]\d{8}$
// The area with `code` first, then the areas that contain it (its parent, the parent's parent…),
// all of the place that has it. Empty when no area has that code. One query. Pages and filters
// for an area include work and organisations of these wider areas.
std::vector<Area> area_and_parents(core::Connection& c, const std::string& code);
// Their codes alone, or {code} itself when no area has it (a filter then simply finds nothing).
std::vector<std::string> area_codes_covering(core::Connection& c, const std::string& code);
// How a page marks something listed for an area because it covers a wider one: "County-wide"
// for a county, otherwise "Covers all of <name>".
std::string wider_area_label(const Area& wider);

struct ImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> warnings;
  std::string place_slug;
};

// Loads a place file (docs/PLACE_FORMAT.md) in one transaction: validated first, nothing
// written when it is invalid (the error lists every problem), upserted by slug/code so that
// re-importing the same file changes nothing.
core::Result<ImportReport> import_place_json(core::Database& db, const std::string& json_text);
core::Result<ImportReport> import_place_file(core::Database& db, const std::string& path);

void register_module(core::Registry& registry);

}  // namespace goldthread::places
