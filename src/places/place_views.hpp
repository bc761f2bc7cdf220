#pragma once
// Typed view models of the places pages. Their two representations — the resource (the JSON
// twin, docs/API.md "The place, ambitions and areas") and the template's model — are written
// in one place, places/place_views.cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "places/place_store.hpp"
#include "places/places.hpp"

namespace goldthread::places {

nlohmann::json paragraphs(const std::string& text);  // "a\n\nb" → ["a", "b"]
nlohmann::json place_json(const Place& p);
nlohmann::json area_json(const Area& a);
nlohmann::json ambition_json(const Ambition& a);

// The home page and the vision page: the place, its ambitions and the "vision" slot.
struct VisionView {
  const Place* place = nullptr;
  std::vector<Ambition> ambitions;
  std::vector<core::Section> sections;
};
void to_json(nlohmann::json& j, const VisionView& v, const core::Context& ctx);
// The home page's screen: the vision plus the front door's intro and the site's sections.
void home_screen_json(nlohmann::json& j, const VisionView& v, core::Context& ctx);
// The vision page's resource: the vision and the pages of its section (site_links).
void vision_resource_json(nlohmann::json& j, const VisionView& v, core::Context& ctx);
void vision_screen_json(nlohmann::json& j, const VisionView& v, core::Context& ctx);

struct AmbitionView {
  Place place;
  Ambition ambition;
  std::vector<core::Section> sections;
};
void to_json(nlohmann::json& j, const AmbitionView& v, const core::Context& ctx);
void screen_json(nlohmann::json& j, const AmbitionView& v, const core::Context& ctx);

struct AreaView {
  Place place;
  Area area;
  std::vector<core::Section> sections;
};
void to_json(nlohmann::json& j, const AreaView& v, const core::Context& ctx);
void screen_json(nlohmann::json& j, const AreaView& v, const core::Context& ctx);

// The place's lists: one struct, each page fills its own part.
struct PlaceListsView {
  const Place* place = nullptr;
  std::vector<Ambition> ambitions;
  std::vector<Area> areas;
  std::vector<BuildingBlock> building_blocks;
  std::vector<Recommendation> recommendations;
  std::vector<VisionProject> vision_projects;
};
void ambitions_json(nlohmann::json& j, const PlaceListsView& v, bool screen);
void areas_json(nlohmann::json& j, const PlaceListsView& v, bool screen);
void building_blocks_json(nlohmann::json& j, const PlaceListsView& v, bool screen);
void road_map_json(nlohmann::json& j, const PlaceListsView& v, bool screen);
void statement_of_intent_json(nlohmann::json& j, const PlaceListsView& v, bool screen);
void vision_projects_json(nlohmann::json& j, const PlaceListsView& v, bool screen);

}  // namespace goldthread::places
