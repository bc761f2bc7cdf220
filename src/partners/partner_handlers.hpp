#pragma once
// Request in, Response out, for the partners pages (each also answers JSON).
#include <optional>

#include "core/context.hpp"
#include "core/registry.hpp"

namespace goldthread::partners {

core::Response directory(core::Context& ctx);
core::Response organisation(core::Context& ctx);
std::optional<core::Section> endorsements_section(core::Context& ctx, std::int64_t place_id);

}  // namespace goldthread::partners
