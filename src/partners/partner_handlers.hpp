#pragma once
// Request in, Response out, for the partners pages (each also answers JSON).
#include <optional>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "places/places.hpp"

namespace goldthread::partners {

core::Response directory(core::Context& ctx);
core::Response organisation(core::Context& ctx);
core::Response new_organisation_page(core::Context& ctx);
core::Response create_organisation_handler(core::Context& ctx);
core::Response edit_organisation_page(core::Context& ctx);
core::Response update_organisation_handler(core::Context& ctx);
core::Response endorsement_page(core::Context& ctx);
core::Response record_endorsement_handler(core::Context& ctx);
// Place and site admins manage every organisation; an organisation's own admins manage it.
bool can_manage_organisation(const core::Principal& p, std::int64_t organisation_id);
// Slot "vision" (the home page): who has endorsed the place's vision.
std::optional<core::Section> endorsements_section(core::Context& ctx, const places::Place& place);

}  // namespace goldthread::partners
