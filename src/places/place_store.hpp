#pragma once
// Queries of the places capability used by its own pages and importer (not its public API).
#include <cstdint>
#include <string>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::places {

struct BuildingBlock {
  std::int64_t number = 0;
  std::string slug, title, description;
};
struct Recommendation {
  std::int64_t number = 0;
  std::string slug, title, horizon, aim, actions_json, building_blocks_json, building_blocks_note;
};
struct VisionProject {
  std::string slug, name, focus;
  std::string ambitions_json, priorities_json;  // slugs
  std::string links_note;                       // where the links come from, when not decided by the partnership
};
struct JointWorking {
  std::string priority_title, activity, initiatives_json, partners_json;
};

std::vector<BuildingBlock> list_building_blocks(core::Connection& c, std::int64_t place_id);   // by number
std::vector<Recommendation> list_recommendations(core::Connection& c, std::int64_t place_id);  // by number
std::vector<VisionProject> list_vision_projects(core::Connection& c, std::int64_t place_id);   // by position
// The examples of joint working listed under the priorities of one ambition, in file order.
std::vector<JointWorking> joint_working_of(core::Connection& c, std::int64_t ambition_id);
// Sets updated_at (and created_at when the place was just created) to `now`.
void stamp_place(core::Connection& c, std::int64_t place_id, bool created, const std::string& now);

// Indexes the ambitions and priorities for search (core::search; unchanged entries are not rewritten).
void index_vision(core::Connection& c, std::int64_t place_id);

}  // namespace goldthread::places
