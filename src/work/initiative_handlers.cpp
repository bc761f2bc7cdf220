// Initiative list and page, follow and connect, and the lead's requests dashboard.
#include <map>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/follows.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
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
  auto page = find_initiatives(*conn, f);
  json items = json::array();
  for (const auto& s : page.items) items.push_back(summary_json(s));
  json areas = json::array();
  for (const auto& a : places::list_areas(*conn, place->id))
    areas.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == f.area_code}});
  auto base = "/initiatives" + query_string({{"q", f.search},
                                             {"status", f.status},
                                             {"area", f.area_code},
                                             {"sector", f.sector},
                                             {"vision", f.vision_projects_only ? "1" : ""}});
  json model = {
      {"initiatives", items},
      {"total", page.total},
      {"has_initiatives", !items.empty()},
      {"filters",
       {{"q", f.search},
        {"status", f.status},
        {"area", f.area_code},
        {"sector", f.sector},
        {"vision", f.vision_projects_only}}},
      {"status_options", options_json(statuses(), f.status)},
      {"sector_options", options_json(partners::sectors(), f.sector)},
      {"area_options", areas},
      {"can_create", ctx.principal.has(core::Role::partner_member) || ctx.principal.has(core::Role::place_admin) ||
                         ctx.principal.has(core::Role::site_admin)},
      {"total_text", core::count_of(page.total, "initiative")},
      {"pagination", core::pagination(base, f.page, kPerPage, page.total)}};
  return core::render_page(ctx, "work/initiatives", "All projects", model, 200, {{"Home", "/"}});
}

Response initiative_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto i = try_find_initiative(*conn, place->id, ctx.param("slug"));
  if (!i) return not_found(ctx, "initiative");
  auto v = vision_index(*conn, place->id);
  std::vector<std::int64_t> ids = i->partner_ids;
  if (i->owner_organisation_id) ids.push_back(i->owner_organisation_id);
  json owner = nullptr, partner_orgs = json::array();
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
    json oj = {{"name", o.name}, {"href", "/organisations/" + o.slug}};
    if (o.id == i->owner_organisation_id) owner = oj;
    auto l = link_of.find(o.id);
    if (l == link_of.end() || l->second->status == "declined") continue;  // a declined listing is shown nowhere
    oj["status"] = l->second->status;
    oj["confirmed"] = l->second->status == "confirmed";
    if (l->second->status == "claimed")
      oj["claim"] = "listed by " + claimant_name(*conn, *l->second, names) + ", not yet confirmed by " + o.name;
    partner_orgs.push_back(oj);
  }
  json areas = json::array();
  for (const auto& a : places::list_areas(*conn, place->id))
    if (std::find(i->areas.begin(), i->areas.end(), a.code) != i->areas.end())
      areas.push_back({{"code", a.code}, {"name", a.name}, {"href", "/areas/" + a.code}});
  json principles_j = json::array();
  for (const auto& p : i->principles) principles_j.push_back(label_of(principles(), p));
  json links = json::array();
  for (const auto& l : i->links) links.push_back({{"text", l.text.empty() ? l.href : l.text}, {"href", l.href}});
  bool signed_in = ctx.principal.signed_in();
  json model = {
      {"initiative",
       {{"slug", i->slug},
        {"title", i->title},
        {"summary", i->summary},
        {"description", i->description},
        {"status", i->status},
        {"status_label", label_of(statuses(), i->status)},
        {"start_date", opt(i->start_date)},
        {"end_date", i->end_date},
        {"dates_text",
         core::display_date(i->start_date) + " to " + (i->end_date.empty() ? "not set" : core::display_date(i->end_date))},
        {"is_vision_project", i->is_vision_project},
        {"lead_name", opt(i->lead_name)},
        {"sponsors", i->sponsors},
        {"partner_labels", i->partner_labels},
        {"owner", owner},
        {"partner_organisations", partner_orgs},
        {"alignments", alignments_json(v, i->alignments)},
        {"areas", areas},
        {"principles", principles_j},
        {"building_blocks", i->building_blocks},
        {"links", links},
        {"followers", core::follows::follower_count(*conn, "initiative", i->id)}}},
      {"has_sponsors", !i->sponsors.empty()},
      {"has_principles", !principles_j.empty()},
      {"has_links", !links.empty()},
      {"signed_in", signed_in},
      {"following", signed_in && core::follows::is_following(*conn, "initiative", i->id, ctx.principal.user_id)},
      {"can_edit", can_edit(ctx.principal, i->owner_organisation_id)},
      {"banner", saved_banner(ctx, "Initiative added", "Changes saved")}};
  if (!ctx.wants_json()) model["description_html"] = initiative_description_html(*conn, *i);
  return core::render_page(ctx, "work/initiative", i->title, model, 200,
                           {{"Home", "/"}, {"All projects", "/initiatives"}});
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
  if (ctx.wants_json()) return Response::json(json{{"following", true}}.dump());
  return Response::redirect("/initiatives/" + i->slug);
}

Response unfollow_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto i = initiative_from_path(ctx, *conn);
  if (!i) return not_found(ctx, "initiative");
  if (auto st = unfollow_initiative(*conn, ctx.principal, i->id); !st) return core::error_response(ctx, st.error());
  if (ctx.wants_json()) return Response::json(json{{"following", false}}.dump());
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
  if (ctx.wants_json()) return Response::json(json{{"id", r->id}, {"status", r->status}}.dump(), 201);
  return Response::redirect("/initiatives/" + i->slug + "?connected=1");
}

namespace {

Response requests_view(core::Context& ctx, const core::Error* e, std::int64_t failed_id, const std::string& typed) {
  json list = json::array();
  {
    auto conn = ctx.db().acquire();
    for (const auto& r : connect_requests_for(*conn, ctx.principal)) {
      json item = {{"id", r.id}, {"initiative", r.initiative_title}, {"href", "/initiatives/" + r.initiative_slug},
                   {"from", r.user_name}, {"message", r.message}, {"status", r.status},
                   {"replied", r.status == "replied"}, {"reply", r.reply},
                   {"received", r.created_at.substr(0, 10)}, {"replied_on", r.replied_at.substr(0, 10)},
                   {"typed", r.id == failed_id ? typed : ""}};
      if (e && r.id == failed_id && !e->fields.empty()) item["error"] = e->fields.front().message;
      list.push_back(item);
    }
  }
  json model = {{"requests", list},
                {"has_requests", !list.empty()},
                {"csrf_token", ctx.csrf_token},
                {"banner", ctx.query("replied").value_or("") == "1" ? json("Your reply has been sent") : json(nullptr)}};
  if (e) {
    core::attach_errors(model, *e);
    // The summary links to the one reply box that failed.
    if (model.contains("errors"))
      for (auto& err : model["errors"]) err["href"] = "#reply-" + std::to_string(failed_id);
  }
  return core::render_page(ctx, "work/requests", "Requests to connect", model, e ? 400 : 200,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

}  // namespace

Response requests_page(core::Context& ctx) { return requests_view(ctx, nullptr, 0, ""); }

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
  if (ctx.wants_json()) return Response::json(json{{"id", r->id}, {"status", r->status}}.dump());
  return Response::redirect("/work/requests?replied=1");
}

}  // namespace goldthread::work
