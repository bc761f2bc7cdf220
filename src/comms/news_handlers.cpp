// News pages, the latest news on the home and ambition pages, and follow buttons on area and
// organisation pages.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "comms/comms_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"News", "/news"}};

Response show_news_form(core::Context& ctx, const NewsInput& in, const std::vector<std::string>& tags,
                        const core::Error* err) {
  json model = {{"interests", interest_choices(ctx, tags)},
                {"acting_for", accounts::acting_for_choices(ctx.principal, in.organisation_id)},
                {"has_organisations", !ctx.principal.memberships.empty()},
                {"values", {{"title", in.title}, {"body", in.body_markdown}}},
                {"csrf_token", ctx.csrf_token},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "comms/news_form", "Publish news", model, err ? 400 : 200, kCrumbs);
}

json news_list(core::Connection& c, const std::string& tag, int limit) {
  std::int64_t total = 0;
  json items = json::array();
  for (const auto& n : store::list_news(c, tag, 1, limit, total)) items.push_back(news_item(n));
  return items;
}

// A link to the follow page (a cached body holds no form token and nothing about who looks).
json follow_link(const std::string& type, std::int64_t id, const std::string& label) {
  return {{"href", "/follow?type=" + type + "&id=" + std::to_string(id)}, {"label", label}};
}

}  // namespace

Response news_page(core::Context& ctx) {
  int page = core::page_param(ctx);
  auto ambition = ctx.query("ambition").value_or("");
  auto area = ctx.query("area").value_or("");
  std::string tag, base = "/news";
  std::int64_t total = 0;
  json items = json::array();
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place && !ambition.empty()) {
      auto a = places::try_find_ambition(*conn, place->id, ambition);
      if (!a) return core::error_page(ctx, 404, "Page not found", "There is no such ambition.");
      tag = "ambition:" + std::to_string(a->id);
      base += "?ambition=" + a->slug;
    } else if (place && !area.empty()) {
      if (!places::is_area_code(area) || !places::try_find_area(*conn, place->id, area))
        return core::error_page(ctx, 404, "Page not found", "There is no such area.");
      tag = "area:" + area;
      base += "?area=" + area;
    }
    for (const auto& n : store::list_news(*conn, tag, page, 20, total))
      items.push_back(ctx.wants_json() ? news_resource(n) : news_item(n));
  }
  if (ctx.wants_json())
    return Response::json(json{{"news", items}, {"total", total}, {"page", page}, {"feed", "/feeds/news"}}.dump());
  bool can_publish = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                     ctx.principal.has(core::Role::partner_member);
  json model = {{"news", items},
                {"has_news", !items.empty()},
                {"total_text", core::count_of(total, "item")},
                {"can_publish", can_publish},
                {"filtered", !tag.empty()}};
  model["pagination"] = core::pagination(base, page, 20, total);
  return core::render_page(ctx, "comms/news", "News", model, 200, {{"Home", "/"}});
}

Response new_news_page(core::Context& ctx) {
  return show_news_form(ctx, {}, {}, nullptr);
}

Response create_news_handler(core::Context& ctx) {
  core::Form f(ctx);
  NewsInput in;
  f.field("acting_for");
  auto acting = accounts::acting_for(ctx, "acting_for");
  if (acting)
    in.organisation_id = *acting;
  else
    f.add(acting.error());
  in.title = f.text("title", "Title", kMaxNewsTitle);
  in.body_markdown = f.paragraph("body", "The news", kMaxNewsBody);
  auto tags = f.values("interests", "Ambitions and areas", kMaxInterests, 40);
  if (f.ok() && !known_interests(ctx, tags)) f.error("interests", "Select ambitions and areas from the list");
  for (const auto& t : tags) {
    if (t.rfind("ambition:", 0) == 0) {
      if (auto id = core::parse_id(t.substr(9))) in.ambition_ids.push_back(*id);
    } else if (t.rfind("area:", 0) == 0) {
      in.areas.push_back(t.substr(5));
    }
  }
  if (f.ok()) {
    auto r = publish_news(ctx.db(), ctx.principal,
                          core::audit::Actor::from(ctx.principal, in.organisation_id, ctx.request().request_id), in);
    if (r) {
      if (ctx.wants_json()) return Response::json(news_resource(*r).dump(), 201);
      return Response::redirect("/news/" + r->slug + "?done=published");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the news");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_news_form(ctx, in, tags, &err);
}

Response news_item_page(core::Context& ctx) {
  std::optional<NewsItem> n;
  {
    auto conn = ctx.db().acquire();
    n = store::find_news(*conn, ctx.param("slug"));
  }
  if (!n) return core::error_page(ctx, 404, "Page not found", "There is no news at this address.");
  if (ctx.wants_json()) return Response::json(news_resource(*n).dump());
  json model = {{"item", news_item(*n)}, {"published", ctx.query("done").value_or("") == "published"}};
  return core::render_page(ctx, "comms/news_item", n->title, model, 200, kCrumbs);
}

std::optional<core::Section> vision_news_section(core::Context& ctx, const places::Place&) {
  auto conn = ctx.db().acquire();
  auto items = news_list(*conn, "", 3);
  json model = {{"news", items}, {"has_news", !items.empty()}, {"all_href", "/news"}};
  return core::make_section("news", "Latest news", "comms/news_section", model);
}

// Cached body: no follow button here (it depends on who is looking); the news and a link.
std::optional<core::Section> ambition_news_section(core::Context& ctx, const places::Ambition& a) {
  auto conn = ctx.db().acquire();
  auto items = news_list(*conn, "ambition:" + std::to_string(a.id), 3);
  json model = {{"news", items},
                {"has_news", !items.empty()},
                {"all_href", "/news?ambition=" + a.slug},
                {"feed_href", "/feeds/ambitions/" + a.slug},
                {"follow", follow_link("ambition", a.id, "Follow this ambition")}};
  return core::make_section("news", "News about this ambition", "comms/news_section", model);
}

std::optional<core::Section> area_follow_section(core::Context& ctx, const places::Area& a) {
  auto conn = ctx.db().acquire();
  auto items = news_list(*conn, "area:" + a.code, 3);
  json model = {{"news", items},
                {"has_news", !items.empty()},
                {"all_href", "/news?area=" + a.code},
                {"feed_href", "/feeds/areas/" + a.code},
                {"follow", follow_link("area", a.id, "Follow " + a.name)}};
  return core::make_section("news", "News about " + a.name, "comms/news_section", model);
}

std::optional<core::Section> organisation_follow_section(core::Context&, const partners::Organisation& o) {
  json model = {
      {"news", json::array()}, {"has_news", false}, {"follow", follow_link("organisation", o.id, "Follow " + o.name)}};
  return core::make_section("follow", "Follow " + o.name, "comms/news_section", model);
}

}  // namespace goldthread::comms
