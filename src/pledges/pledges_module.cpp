// Table of contents of the pledges capability: migrations, routes, navigation and the
// sections it adds to ambition, organisation and account pages.
#include "core/comments.hpp"
#include "core/registry.hpp"
#include "pledges/pledge_handlers.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("pledges");
  r.add_migrations("pledges");
  core::comments::attach("pledge", [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
    auto p = try_find_pledge(c, id);
    if (!p) return std::nullopt;
    return core::comments::Target{"Pledge by " + p->commitment.owner_name, p->commitment.href};
  });
  // Not cached: staleness and "past due" move with the calendar, not only with writes.
  r.add_route("GET", "/pledges", Access::anyone(), register_page);
  r.add_route("GET", "/pledges.csv", Access::anyone(), register_csv);
  r.add_route("GET", "/pledges.json", Access::anyone(), register_json);
  r.add_route("GET", "/pledges/new", Access::signed_in(), new_pledge_page);
  r.add_route("POST", "/pledges", Access::signed_in(), make_pledge_handler);
  r.add_route("GET", "/pledges/{id}", Access::anyone(), pledge_page);
  // Signed in; the handlers let in the pledger, members of its organisation and place admins.
  r.add_route("GET", "/pledges/{id}/progress", Access::signed_in(), progress_page);
  r.add_route("POST", "/pledges/{id}/progress", Access::signed_in(), progress_handler);
  r.add_route("GET", "/social-contract", Access::anyone(), social_contract_page);
  r.add_section_link({.section = "take-part",
                      .key = "pledges",
                      .label = "Pledges",
                      .href = "/pledges",
                      .description = "Make a pledge for yourself or your organisation, and report how it is going.",
                      .order = 30});
  r.add_section_link({.section = "progress",
                      .key = "social-contract",
                      .label = "The social contract",
                      .href = "/social-contract",
                      .description = "Who has committed to what for each ambition: public sector, business, "
                                     "voluntary and community groups, and residents.",
                      .order = 20});
  r.add_section<places::Ambition>("ambition", ambition_contract_section);
  r.add_section<partners::Organisation>("organisation", organisation_commitments_section);
  r.add_section<core::Principal>("account", account_commitments_section);
  register_commands(r);  // pledge_commands.cpp: pledges remind, the seed
}

}  // namespace goldthread::pledges
