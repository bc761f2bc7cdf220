#pragma once
#include <optional>

#include "core/command.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"
#include "places/places.hpp"

namespace goldthread::outcomes {
core::Response indicators_page(core::Context& ctx);
core::Response indicator_page(core::Context& ctx);
core::Response indicator_csv(core::Context& ctx);
core::Response indicator_json(core::Context& ctx);
core::Response import_page(core::Context& ctx);
core::Response import_handler(core::Context& ctx);
int run_indicator_import(core::CommandInput& in);  // outcomes_commands.cpp
int run_metadata(core::CommandInput& in);
std::optional<core::Section> ambition_section(core::Context& ctx, const places::Ambition& ambition);
}  // namespace goldthread::outcomes
