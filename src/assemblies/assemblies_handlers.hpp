#pragma once
// The capability's handlers (registered in assemblies_module.cpp).
#include <optional>

#include "core/context.hpp"
#include "core/registry.hpp"

namespace goldthread::assemblies {

core::Response events_page(core::Context& ctx);
core::Response event_page(core::Context& ctx);
core::Response event_ics(core::Context& ctx);
core::Response events_feed(core::Context& ctx);
core::Response new_event_page(core::Context& ctx);
core::Response create_event_handler(core::Context& ctx);
core::Response edit_event_page(core::Context& ctx);
core::Response update_event_handler(core::Context& ctx);
core::Response register_page(core::Context& ctx);
core::Response register_handler(core::Context& ctx);
core::Response cancel_handler(core::Context& ctx);
core::Response accept_handler(core::Context& ctx);
core::Response attendees_page(core::Context& ctx);
core::Response attendees_csv(core::Context& ctx);
core::Response check_in_page(core::Context& ctx);
core::Response check_in_handler(core::Context& ctx);
// The account page's "Your events" section: registrations (with .ics) and offers.
std::optional<core::Section> account_section(core::Context& ctx, const core::Principal& who);

}  // namespace goldthread::assemblies
