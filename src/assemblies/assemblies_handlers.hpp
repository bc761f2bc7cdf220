#pragma once
// The capability's handlers (registered in assemblies_module.cpp).
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "assemblies/assemblies.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"

namespace goldthread::assemblies {

// The 404 page for an event address that names no event.
core::Response no_event(core::Context& ctx);

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
// Solution rooms (room_handlers.cpp) and next steps (next_step_handlers.cpp).
core::Response new_room_page(core::Context& ctx);
core::Response create_room_handler(core::Context& ctx);
core::Response room_page(core::Context& ctx);
// The live board (core/events_hub.hpp): an event stream on the room's or the event's page.
core::Response room_live(core::Context& ctx);
core::Response event_live(core::Context& ctx);
// After a write has committed: tells the open pages of the event (and of the room, when
// room_slug is not empty) that `what` changed, so that they fetch their live region again.
void announce_change(core::Context& ctx, const std::string& event_slug, const std::string& room_slug,
                     std::string_view what);
core::Response room_sign_up_handler(core::Context& ctx);
core::Response room_leave_handler(core::Context& ctx);
core::Response advice_handler(core::Context& ctx);
core::Response hide_advice_handler(core::Context& ctx);
core::Response restore_advice_handler(core::Context& ctx);
core::Response add_next_step_handler(core::Context& ctx);
core::Response next_step_progress_handler(core::Context& ctx);
core::Response mark_reviewed_handler(core::Context& ctx);
// The room page, with a form's errors and values (status 400) or without (200).
struct RoomFormValues;
core::Response render_room(core::Context& ctx, const Event& e, const Room& r, const core::Error* err,
                           const RoomFormValues* values, int status);
// The account page's "Your events" section: registrations (with .ics) and offers.
std::optional<core::Section> account_section(core::Context& ctx, const core::Principal& who);
// The organisation page's "Events attended" section.
std::optional<core::Section> organisation_events_section(core::Context& ctx, const partners::Organisation& o);

}  // namespace goldthread::assemblies
