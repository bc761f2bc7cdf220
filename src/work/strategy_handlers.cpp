// Strategies and plans of partners, with their golden thread to the vision. Models are typed
// (strategy_views.hpp), written as JSON in strategy_json.cpp.
#include <nlohmann/json_fwd.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/strategy_views.hpp"
#include "work/work_handlers.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

// Each strategy with its owner named, in one batched lookup of the organisations.
std::vector<StrategyView> views_of(core::Connection& c, std::vector<Strategy> list) {
  std::vector<std::int64_t> ids;
  for (const auto& s : list)
    if (s.owner_organisation_id) ids.push_back(s.owner_organisation_id);
  std::map<std::int64_t, partners::Organisation> orgs;
  for (auto& o : partners::organisations_by_id(c, ids)) orgs[o.id] = o;
  std::vector<StrategyView> out;
  for (auto& s : list) {
    StrategyView v;
    if (auto it = orgs.find(s.owner_organisation_id); it != orgs.end())
      v.owner = {it->second.name, "/organisations/" + it->second.slug};
    else
      v.owner = {s.owner_label, ""};
    v.strategy = std::move(s);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Response strategies_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  StrategiesView v{views_of(*conn, list_strategies(*conn, place->id))};
  const bool can_create = ctx.principal.has(core::Role::partner_member) || ctx.principal.has(core::Role::place_admin) ||
                          ctx.principal.has(core::Role::site_admin);
  return core::render_page(ctx, {.template_name = "work/strategies",
                                 .title = "Strategies and plans",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, can_create); }});
}

Response strategy_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto s = try_find_strategy(*conn, place->id, ctx.param("slug"));
  if (!s) return not_found(ctx, "strategy");
  auto views = views_of(*conn, {*s});
  StrategyView& v = views.front();
  v.alignments = alignment_views(vision_index(*conn, place->id), v.strategy.alignments);
  StrategyScreen screen;
  if (!ctx.wants_json())
    screen = {can_edit(ctx.principal, v.strategy.owner_organisation_id),
              saved_message(ctx, "Strategy added", "Changes saved")};
  return core::render_page(ctx, {.template_name = "work/strategy",
                                 .title = v.strategy.title,
                                 .crumbs = {{"Home", "/"}, {"Strategies and plans", "/strategies"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, screen); }});
}

}  // namespace goldthread::work
