#pragma once
// Request in, Response out, for the work capability's pages (each also answers JSON).
#include <optional>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::work {

core::Response initiatives_page(core::Context& ctx);
core::Response initiative_page(core::Context& ctx);
core::Response new_initiative_page(core::Context& ctx);
core::Response edit_initiative_page(core::Context& ctx);
core::Response create_initiative_handler(core::Context& ctx);
core::Response update_initiative_handler(core::Context& ctx);
core::Response follow_handler(core::Context& ctx);
core::Response unfollow_handler(core::Context& ctx);
core::Response connect_handler(core::Context& ctx);
core::Response requests_page(core::Context& ctx);
core::Response reply_handler(core::Context& ctx);
core::Response claims_page(core::Context& ctx);
core::Response decide_claim_handler(core::Context& ctx);
// The "account" slot: claims to confirm and requests to answer, with counts.
std::optional<core::Section> account_work_section(core::Context& ctx, const core::Principal& who);
core::Response strategies_page(core::Context& ctx);
core::Response strategy_page(core::Context& ctx);
core::Response new_strategy_page(core::Context& ctx);
core::Response edit_strategy_page(core::Context& ctx);
core::Response create_strategy_handler(core::Context& ctx);
core::Response update_strategy_handler(core::Context& ctx);
core::Response matrix_page(core::Context& ctx);
core::Response matrix_csv(core::Context& ctx);
core::Response search_page(core::Context& ctx);

std::optional<core::Section> ambition_section(core::Context& ctx, const places::Ambition& ambition);
std::optional<core::Section> area_section(core::Context& ctx, const places::Area& area);
std::optional<core::Section> organisation_work_section(core::Context& ctx, const partners::Organisation& organisation);

// Commands (import initiatives, generate-work) and the work seed; work_commands.cpp.
void register_commands(core::Registry& r);

}  // namespace goldthread::work
