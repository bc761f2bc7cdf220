// Strategies and plans of partners, with their golden thread to the vision.
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/work_handlers.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

json owner_json(const Strategy& s, const std::map<std::int64_t, partners::Organisation>& orgs) {
  if (auto it = orgs.find(s.owner_organisation_id); it != orgs.end())
    return {{"name", it->second.name}, {"href", "/organisations/" + it->second.slug}};
  return {{"name", s.owner_label}, {"href", nullptr}};
}

std::map<std::int64_t, partners::Organisation> owners_of(core::Connection& c, const std::vector<Strategy>& list) {
  std::vector<std::int64_t> ids;
  for (const auto& s : list)
    if (s.owner_organisation_id) ids.push_back(s.owner_organisation_id);
  std::map<std::int64_t, partners::Organisation> out;
  for (auto& o : partners::organisations_by_id(c, ids)) out[o.id] = o;
  return out;
}

json period_of(const Strategy& s) {
  if (s.period_start.empty() && s.period_end.empty()) return nullptr;
  return s.period_start + " to " + s.period_end;
}

// What people read: "1 April 2020 to 31 March 2025".
json period_text(const Strategy& s) {
  if (s.period_start.empty() && s.period_end.empty()) return nullptr;
  auto day = [](const std::string& d) { return d.empty() ? std::string("not set") : core::display_date(d); };
  return day(s.period_start) + " to " + day(s.period_end);
}

}  // namespace

Response strategies_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto list = list_strategies(*conn, place->id);
  auto owners = owners_of(*conn, list);
  json items = json::array();
  for (const auto& s : list)
    items.push_back({{"slug", s.slug}, {"title", s.title}, {"summary", s.summary}, {"href", "/strategies/" + s.slug},
                     {"owner", owner_json(s, owners)}, {"period", period_of(s)},
                     {"period_text", period_text(s)}});
  json model = {{"strategies", items}, {"has_strategies", !items.empty()}, {"total", items.size()},
                {"can_create", ctx.principal.has(core::Role::partner_member) ||
                                   ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin)}};
  return core::render_page(ctx, "work/strategies", "Strategies and plans", model, 200, {{"Home", "/"}});
}

Response strategy_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto s = try_find_strategy(*conn, place->id, ctx.param("slug"));
  if (!s) return not_found(ctx, "strategy");
  auto owners = owners_of(*conn, {*s});
  auto v = vision_index(*conn, place->id);
  auto al = alignments_json(v, s->alignments);
  json model = {{"strategy",
                 {{"slug", s->slug}, {"title", s->title}, {"summary", s->summary}, {"owner", owner_json(*s, owners)},
                  {"period", period_of(*s)}, {"period_text", period_text(*s)}, {"url", opt(s->url)}, {"alignments", al}, {"has_alignments", !al.empty()}}},
                {"can_edit", can_edit(ctx.principal, s->owner_organisation_id)},
                {"banner", saved_banner(ctx, "Strategy added", "Changes saved")}};
  return core::render_page(ctx, "work/strategy", s->title, model, 200,
                           {{"Home", "/"}, {"Strategies and plans", "/strategies"}});
}

}  // namespace goldthread::work
