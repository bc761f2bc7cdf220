// Table of contents of the work capability: routes, migrations, navigation, sections,
// commands and its seed.
#include "accounts/accounts.hpp"
#include "core/comments.hpp"
#include "core/registry.hpp"
#include "work/matrix.hpp"
#include "work/work.hpp"
#include "work/work_handlers.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("work");
  r.add_migrations("work");
  core::comments::attach("initiative",
                         [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
                           auto i = try_find_initiative_by_id(c, id);
                           if (!i) return std::nullopt;
                           return core::comments::Target{i->title, "/initiatives/" + i->slug};
                         });
  r.add_person_redaction([](core::Connection& c, const core::RedactedPerson& p) {
    redact_connect_requests(c, p.user_id, p.name, p.email);
  });
  const auto editors = Access::any_of({Role::partner_member, Role::place_admin});
  r.add_route("GET", "/initiatives", Access::anyone(), initiatives_page);
  r.add_route("GET", "/initiatives/new", editors, new_initiative_page);
  r.add_route("POST", "/initiatives", editors, create_initiative_handler);
  r.add_route("GET", "/initiatives/{slug}", Access::anyone(), initiative_page);
  r.add_route("GET", "/initiatives/{slug}/edit", editors, edit_initiative_page);
  r.add_route("POST", "/initiatives/{slug}", editors, update_initiative_handler);
  r.set_heavy("POST", "/initiatives");  // both render the description's Markdown
  r.set_heavy("POST", "/initiatives/{slug}");
  r.add_route("POST", "/initiatives/{slug}/follow", Access::signed_in(), follow_handler);
  r.add_route("POST", "/initiatives/{slug}/unfollow", Access::signed_in(), unfollow_handler);
  r.add_route("POST", "/initiatives/{slug}/connect", Access::signed_in(), connect_handler);
  r.add_route("GET", "/work/requests", Access::signed_in(), requests_page);
  r.add_route("POST", "/work/requests/{id}/reply", Access::signed_in(), reply_handler);
  r.add_route("GET", "/work/claims", Access::signed_in(), claims_page);
  r.add_route("POST", "/work/claims/{id}", Access::signed_in(), decide_claim_handler);
  r.add_route("GET", "/strategies", Access::anyone(), strategies_page);
  r.add_route("GET", "/strategies/new", editors, new_strategy_page);
  r.add_route("POST", "/strategies", editors, create_strategy_handler);
  r.add_route("GET", "/strategies/{slug}", Access::anyone(), strategy_page);
  r.add_route("GET", "/strategies/{slug}/edit", editors, edit_strategy_page);
  r.add_route("POST", "/strategies/{slug}", editors, update_strategy_handler);
  r.add_cached_page("/alignment", matrix_page);  // the same for every visitor until a write
  r.add_route("GET", "/alignment.csv", Access::anyone(), matrix_csv);
  r.add_route("GET", "/search", Access::anyone(), search_page);
  r.add_section_link({.section = "projects",
                      .key = "initiatives",
                      .label = "All projects",
                      .href = "/initiatives",
                      .description = "Every project and service partners have added, with filters by ambition, area "
                                     "and partner.",
                      .order = 10});
  r.add_section_link({.section = "projects",
                      .key = "strategies",
                      .label = "Strategies and plans",
                      .href = "/strategies",
                      .description = "Partners' own strategies and plans, and which ambitions each one serves.",
                      .order = 20});
  r.add_section_link({.section = "projects",
                      .key = "alignment",
                      .label = "How the work matches the vision",
                      .href = "/alignment",
                      .description = "A table of how many projects, plans and organisations serve each ambition and "
                                     "priority, and where there are gaps.",
                      .order = 30});
  r.add_section_link({.section = "projects",
                      .key = "vision-projects",
                      .label = "Vision projects",
                      .href = "/vision-projects",
                      .description = "The eight projects that lead the vision.",
                      .order = 40,
                      .claims_path = false});  // a page of the Vision section
  r.add_section_link({.section = "projects",
                      .key = "search",
                      .label = "Search",
                      .href = "/search",
                      .description = "Find a project, plan, organisation or part of the vision by its words.",
                      .order = 50,
                      .claims_path = false});  // searches the whole site
  r.add_section<places::Ambition>("ambition", ambition_section);
  r.add_section<places::Area>("area", area_section);
  r.add_section<partners::Organisation>("organisation", organisation_work_section);
  r.add_section<core::Principal>("account", account_work_section);
  register_commands(r);  // work_commands.cpp: import initiatives, generate-work, the work seed
}

}  // namespace goldthread::work
