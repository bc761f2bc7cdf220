// Table of contents of the assemblies capability: migrations, routes, navigation and the
// account page's "Your events" section.
#include <ostream>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "core/config.hpp"
#include "core/registry.hpp"

namespace goldthread::assemblies {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("assemblies");
  r.add_migrations("assemblies");
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
  r.add_section_link({.section = "take-part",
                      .key = "events",
                      .label = "Events and assemblies",
                      .href = "/events",
                      .description = "Register for the Essex Assembly and other events, or join the waiting list.",
                      .order = 20});
  r.add_section<core::Principal>("account", account_section);
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
