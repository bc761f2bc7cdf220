// Table of contents of the assemblies capability: migrations, routes, navigation and the
// account page's "Your events" section.
#include <ostream>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/assemblies_store.hpp"
#include "core/comments.hpp"
#include "core/config.hpp"
#include "core/registry.hpp"

namespace goldthread::assemblies {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("assemblies");
  r.add_migrations("assemblies");
  core::comments::attach("event", [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
    auto e = try_find_event(c, id);
    if (!e) return std::nullopt;
    return core::comments::Target{e->title, "/events/" + e->slug};
  });
  core::comments::attach("solution-room",
                         [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
                           auto room = store::find_room(c, id);
                           auto e = room ? try_find_event(c, room->event_id) : std::nullopt;
                           if (!e) return std::nullopt;
                           return core::comments::Target{room->title, "/events/" + e->slug + "/rooms/" + room->slug};
                         });
  // Advice keeps its author's name beside their id: a deleted account's name goes.
  r.add_person_redaction(
      [](core::Connection& c, const core::RedactedPerson& p) { store::redact_advice_author(c, p.user_id, p.as_name); });
  // Organisers: place admins for any event, partner members for their organisations' events
  // (the handlers check which organisation: may_organise).
  const auto organisers = Access::any_of({Role::partner_member, Role::place_admin});
  r.add_route("GET", "/events", Access::anyone(), events_page);
  r.add_route("GET", "/events.ics", Access::anyone(), events_feed);
  r.add_route("GET", "/events/new", organisers, new_event_page);
  r.add_route("POST", "/events", organisers, create_event_handler);
  // Not a cached page: the online link and the visitor's own registration are on it.
  r.add_route("GET", "/events/{slug}", Access::anyone(), event_page);
  r.add_route("GET", "/events/{slug}/calendar.ics", Access::anyone(), event_ics);
  r.add_route("GET", "/events/{slug}/edit", organisers, edit_event_page);
  r.add_route("POST", "/events/{slug}", organisers, update_event_handler);
  r.add_route("GET", "/events/{slug}/register", Access::signed_in(), register_page);
  r.add_route("POST", "/events/{slug}/register", Access::signed_in(), register_handler);
  r.add_route("POST", "/events/{slug}/cancel", Access::signed_in(), cancel_handler);
  r.add_route("POST", "/events/{slug}/accept", Access::signed_in(), accept_handler);
  r.add_route("GET", "/events/{slug}/attendees", organisers, attendees_page);
  r.add_route("GET", "/events/{slug}/attendees.csv", organisers, attendees_csv);
  r.add_route("GET", "/events/{slug}/check-in", organisers, check_in_page);
  r.add_route("POST", "/events/{slug}/check-in", organisers, check_in_handler);
  // Solution rooms: organisers add them; hosts (organisers, members of the host organisation)
  // moderate advice and record next steps; owners and hosts add progress (handlers check).
  r.add_route("GET", "/events/{slug}/rooms/new", organisers, new_room_page);
  r.add_route("POST", "/events/{slug}/rooms", organisers, create_room_handler);
  r.set_heavy("POST", "/events/{slug}/rooms");  // renders the brief's Markdown
  r.add_route("GET", "/events/{slug}/rooms/{room}", Access::anyone(), room_page);
  r.add_route("GET", "/events/{slug}/rooms/{room}/live", Access::anyone(), room_live);
  r.add_route("GET", "/events/{slug}/live", Access::anyone(), event_live);
  r.add_route("POST", "/events/{slug}/rooms/{room}/sign-up", Access::signed_in(), room_sign_up_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/leave", Access::signed_in(), room_leave_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/advice", Access::signed_in(), advice_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/advice/{id}/hide", organisers, hide_advice_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/advice/{id}/restore", organisers, restore_advice_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/next-steps", organisers, add_next_step_handler);
  r.add_route("POST", "/events/{slug}/rooms/{room}/next-steps/{id}/progress", Access::signed_in(),
              next_step_progress_handler);
  r.add_route("POST", "/events/{slug}/carried-forward/{id}/reviewed", organisers, mark_reviewed_handler);
  r.add_section_link({.section = "take-part",
                      .key = "events",
                      .label = "Events and assemblies",
                      .href = "/events",
                      .description = "Register for the Essex Assembly and other events, or join the waiting list.",
                      .order = 20});
  r.add_section<core::Principal>("account", account_section);
  r.add_section<partners::Organisation>("organisation", organisation_events_section);
  // After the work seed, which creates the councils the Essex events name as organisers.
  r.add_seed([](core::Database& db, const std::string& place_file) -> core::Result<core::SeedReport> {
    auto n = seed_events(db, place_file);
    if (!n) return n.error();
    core::SeedReport rep;
    rep.created = n->created;
    rep.updated = n->updated;
    rep.unchanged = n->unchanged;
    rep.summary = "Events: " + std::to_string(n->created) + " created, " + std::to_string(n->updated) + " updated, " +
                  std::to_string(n->unchanged) + " unchanged";
    return rep;
  });
  r.add_command_group({{"assemblies"}, "Events and registration"});
  // For cron: offers past their 48 hours go to the next person waiting, with their mail.
  r.add_command({{"assemblies", "sweep-offers"},
                 "Pass on expired offers of places to the next person waiting (run from cron)",
                 {},
                 [](core::CommandInput& in) {
                   auto db = in.open_database();
                   if (!db) return 1;
                   auto n = sweep_offers(*db, {"cli", in.config ? in.config->base_url : "http://localhost:8080"});
                   if (!n) {
                     *in.err << n.error().message << "\n";
                     return 1;
                   }
                   *in.out << *n << " expired offers passed on\n";
                   return 0;
                 }});
}

}  // namespace goldthread::assemblies
