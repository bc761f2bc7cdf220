// Initiative list and page, follow and connect, and the lead's requests dashboard.
#include <algorithm>
#include <map>
#include <nlohmann/json_fwd.hpp>

#include "core/app.hpp"
#include "core/comments.hpp"
#include "core/follows.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/initiative_views.hpp"
#include "work/work_handlers.hpp"
#include "work/work_rules.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {
constexpr int kPerPage = 20;
}

Response initiatives_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  InitiativeFilter f;
  f.place_id = place->id;
  f.search = ctx.query("q").value_or("");
  f.status = ctx.query("status").value_or("");
  f.area_code = ctx.query("area").value_or("");
  f.sector = ctx.query("sector").value_or("");
  f.vision_projects_only = ctx.query("vision").value_or("") == "1";
  f.page = core::page_param(ctx);
  f.per_page = kPerPage;
  std::vector<core::FieldError> bad;
  if (!f.status.empty() && !is_status(f.status)) bad.push_back({"status", "Select a status from the list"});
  if (!f.area_code.empty() && !places::try_find_area(*conn, place->id, f.area_code))
    bad.push_back({"area", "Select an area from the list"});
  if (!f.sector.empty() && !partners::is_sector(f.sector)) bad.push_back({"sector", "Select a sector from the list"});
  if (!bad.empty()) return core::error_response(ctx, core::Error::invalid("Check the filters: " + bad[0].message, bad));
  InitiativeListView v;
  auto page = find_initiatives(*conn, f);
  v.items = std::move(page.items);
  v.total = page.total;
  v.filter = std::move(f);
  v.per_page = kPerPage;
  v.base_href = "/initiatives" + query_string({{"q", v.filter.search},
                                               {"status", v.filter.status},
                                               {"area", v.filter.area_code},
                                               {"sector", v.filter.sector},
                                               {"vision", v.filter.vision_projects_only ? "1" : ""}});
  if (!ctx.wants_json()) v.areas = places::list_areas(*conn, place->id);
  const bool can_create = ctx.principal.has(core::Role::partner_member) || ctx.principal.has(core::Role::place_admin) ||
                          ctx.principal.has(core::Role::site_admin);
  return core::render_page(ctx, {.template_name = "work/initiatives",
                                 .title = "All projects",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, can_create); }});
}

Response initiative_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto i = try_find_initiative(*conn, place->id, ctx.param("slug"));
  if (!i) return not_found(ctx, "initiative");
  InitiativeView v;
  v.alignments = alignment_views(vision_index(*conn, place->id), i->alignments);
  std::vector<std::int64_t> ids = i->partner_ids;
  if (i->owner_organisation_id) ids.push_back(i->owner_organisation_id);
  auto partner_links = partner_links_of(*conn, i->id);
  std::map<std::int64_t, const PartnerLink*> link_of;
  for (const auto& l : partner_links) {
    link_of[l.organisation_id] = &l;
    if (l.claimed_by_organisation_id) ids.push_back(l.claimed_by_organisation_id);
  }
  auto orgs = partners::organisations_by_id(*conn, ids);
  std::map<std::int64_t, std::string> names;
  for (const auto& o : orgs) names[o.id] = o.name;
  for (const auto& o : orgs) {
    const std::string href = "/organisations/" + o.slug;
    if (o.id == i->owner_organisation_id) v.owner = NamedLink{o.name, href};
    auto l = link_of.find(o.id);
    if (l == link_of.end() || l->second->status == "declined") continue;  // a declined listing is shown nowhere
    PartnerView p{o.id, o.name, href, l->second->status, ""};
    if (p.status == "claimed") p.claimed_by = claimant_name(*conn, *l->second, names);
    v.partners.push_back(std::move(p));
  }
  for (const auto& a : places::list_areas(*conn, place->id))
    if (std::find(i->areas.begin(), i->areas.end(), a.code) != i->areas.end())
      v.areas.push_back({a.code, a.name, "/areas/" + a.code});
  for (const auto& p : i->principles) v.principles.emplace_back(p, label_of(principles(), p));
  v.followers = core::follows::follower_count(*conn, "initiative", i->id);
  v.description_html = initiative_description_html(*conn, *i);
  InitiativeScreen screen;
  if (!ctx.wants_json()) {
    screen.signed_in = ctx.principal.signed_in();
    screen.following =
        screen.signed_in && core::follows::is_following(*conn, "initiative", i->id, ctx.principal.user_id);
    screen.can_edit = can_edit(ctx.principal, i->owner_organisation_id);
    screen.banner = saved_message(ctx, "Initiative added", "Changes saved");
  }
  v.initiative = std::move(*i);
  return core::render_page(ctx, {.template_name = "work/initiative",
                                 .title = v.initiative.title,
                                 .crumbs = {{"Home", "/"}, {"All projects", "/initiatives"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen =
                                     [&](json& j) {
                                       screen_json(j, v, screen);
                                       core::comments::add_thread(j, ctx, *conn, "initiative", v.initiative.id);
                                     }});
}

namespace {

std::optional<Initiative> initiative_from_path(core::Context& ctx, core::Connection& c) {
  auto place = current_place(c);
  if (!place) return std::nullopt;
  return try_find_initiative(c, place->id, ctx.param("slug"));
}

}  // namespace

Response follow_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto i = initiative_from_path(ctx, *conn);
  if (!i) return not_found(ctx, "initiative");
  if (auto st = follow_initiative(*conn, ctx.principal, i->id); !st) return core::error_response(ctx, st.error());
  if (ctx.wants_json())
    return core::resource_response([&](json& j) { to_json(j, FollowState{"/initiatives/" + i->slug, true}); });
  return Response::redirect("/initiatives/" + i->slug);
}

Response unfollow_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto i = initiative_from_path(ctx, *conn);
  if (!i) return not_found(ctx, "initiative");
  if (auto st = unfollow_initiative(*conn, ctx.principal, i->id); !st) return core::error_response(ctx, st.error());
  if (ctx.wants_json())
    return core::resource_response([&](json& j) { to_json(j, FollowState{"/initiatives/" + i->slug, false}); });
  return Response::redirect("/initiatives/" + i->slug);
}

Response connect_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto i = initiative_from_path(ctx, *conn);
  if (!i) return not_found(ctx, "initiative");
  core::Form f(ctx);
  auto message = f.paragraph("message", "Message", kMaxConnectMessage);
  if (!f.ok()) return core::error_response(ctx, f.invalid("Check your message"));
  auto r = request_connection(*conn, ctx.principal, i->id, message);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return core::resource_response([&](json& j) { to_json(j, *r); }, 201);
  return Response::redirect("/initiatives/" + i->slug + "?connected=1");
}

namespace {

Response requests_view(core::Context& ctx, const core::Error* e, std::int64_t failed_id, const std::string& typed) {
  RequestsView v;
  {
    auto conn = ctx.db().acquire();
    v.requests = connect_requests_for(*conn, ctx.principal);
  }
  if (ctx.query("replied").value_or("") == "1") v.banner = "Your reply has been sent";
  v.error = e;
  v.failed_id = failed_id;
  v.typed = typed;
  return core::render_page(ctx, {.template_name = "work/requests",
                                 .title = "Requests to connect",
                                 .crumbs = {{"Home", "/"}, {"Your account", "/account"}},
                                 .status = e ? 400 : 200,
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, ctx.csrf_token); }});
}

}  // namespace

Response requests_page(core::Context& ctx) {
  return requests_view(ctx, nullptr, 0, "");
}

Response reply_handler(core::Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such request.");
  core::Form f(ctx);
  auto reply = f.paragraph("reply", "Reply", kMaxConnectMessage);
  if (!f.ok()) {
    auto e = f.invalid("Check your reply");
    return ctx.wants_json() || f.rejected() ? core::error_response(ctx, e) : requests_view(ctx, &e, *id, reply);
  }
  auto r = reply_to_connection(ctx.db(), ctx.principal, *id, reply, ctx.app().config().base_url);
  if (!r) {
    if (r.error().kind != core::ErrorKind::invalid || ctx.wants_json()) return core::error_response(ctx, r.error());
    return requests_view(ctx, &r.error(), *id, reply);
  }
  if (ctx.wants_json()) return core::resource_response([&](json& j) { to_json(j, *r); });
  return Response::redirect("/work/requests?replied=1");
}

}  // namespace goldthread::work
