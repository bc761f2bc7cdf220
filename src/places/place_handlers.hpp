#pragma once
#include "core/context.hpp"

namespace goldthread::places {

core::Response home(core::Context& ctx);
core::Response vision(core::Context& ctx);
core::Response ambition(core::Context& ctx);
core::Response ambitions(core::Context& ctx);
core::Response areas(core::Context& ctx);
core::Response area(core::Context& ctx);
core::Response building_blocks(core::Context& ctx);
core::Response road_map(core::Context& ctx);
core::Response statement_of_intent(core::Context& ctx);
core::Response vision_projects(core::Context& ctx);

}  // namespace goldthread::places
