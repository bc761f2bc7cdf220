// Table of contents of the readiness capability: migrations, routes, the Progress section's
// link and the bundled framework seed.
#include "core/registry.hpp"
#include "readiness/readiness.hpp"
#include "readiness/readiness_handlers.hpp"

namespace goldthread::readiness {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("readiness");
  r.add_migrations("readiness");
  const auto admins = Access::any_of({Role::place_admin});
  // Not cached bodies: a round opens and closes with the date, not with an audited write,
  // and the page shows the visitor's own draft.
  r.add_route("GET", "/readiness", Access::anyone(), index_page);
  r.add_route("GET", "/readiness/framework", Access::anyone(), framework_page);
  r.add_route("POST", "/readiness/framework", admins, framework_post);
  r.add_route("GET", "/readiness/framework/blocks/{slug}", admins, framework_block_page);
  r.add_route("POST", "/readiness/framework/blocks/{slug}", admins, framework_block_post);
  r.add_route("GET", "/readiness/rounds/new", admins, new_round_page);
  r.add_route("POST", "/readiness/rounds", admins, new_round_post);
  r.add_route("GET", "/readiness/rounds/{slug}", Access::anyone(), round_page);
  r.add_route("GET", "/readiness/rounds/{slug}/report", Access::anyone(), round_report);
  r.add_route("GET", "/readiness/rounds/{slug}/results.csv", Access::anyone(), round_csv);
  r.add_route("GET", "/readiness/rounds/{slug}/results.json", Access::anyone(), round_json);
  r.add_route("GET", "/readiness/rounds/{slug}/compare", Access::anyone(), compare_page);
  r.add_route("GET", "/readiness/rounds/{slug}/answer", Access::signed_in(), answer_page);
  r.add_route("POST", "/readiness/rounds/{slug}/answer", Access::signed_in(), answer_post);
  r.add_route("GET", "/readiness/rounds/{slug}/paper", admins, paper_page);
  r.add_route("POST", "/readiness/rounds/{slug}/paper", admins, paper_post);
  r.add_route("POST", "/readiness/rounds/{slug}/actions", Access::signed_in(), action_post);
  r.add_route("GET", "/readiness/actions/{id}", Access::anyone(), action_page);
  r.add_route("POST", "/readiness/actions/{id}/progress", Access::signed_in(), action_progress_post);
  r.add_section_link({.section = "progress",
                      .key = "readiness",
                      .label = "Readiness assessments",
                      .href = "/readiness",
                      .description = "Partners assessing how far the nine building blocks of working together are "
                                     "in place, where the system is weak, the actions taken and the change over time.",
                      .order = 40});
  r.add_seed(seed_bundled);
}

}  // namespace goldthread::readiness
