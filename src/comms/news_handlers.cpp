// News pages, the latest news on the home and ambition pages, and follow buttons on area and
// organisation pages.
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "comms/news_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {

namespace {

const std::vector<core::Crumb> kNewsCrumbs = {{"Home", "/"}, {"News", "/news"}};

Response show_news_form(core::Context& ctx, const NewsInput& in, const std::vector<std::string>& tags,
                        const core::Error* err) {
  NewsForm form{interest_choices(ctx, tags), &ctx.principal, in, ctx.csrf_token, err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "comms/news_form",
                                 .title = "Publish news",
                                 .crumbs = kNewsCrumbs,
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

std::vector<NewsItem> latest_news(core::Connection& c, const std::string& tag, int limit) {
  std::int64_t total = 0;
  return store::list_news(c, tag, 1, limit, total);
}

}  // namespace

Response news_page(core::Context& ctx) {
  NewsListView v;
  v.page = core::page_param(ctx);
  v.ambition = ctx.query("ambition").value_or("");
  v.area = ctx.query("area").value_or("");
  v.base_href = "/news";
  std::string tag;
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place && !v.ambition.empty()) {
      auto a = places::try_find_ambition(*conn, place->id, v.ambition);
      if (!a) return core::error_page(ctx, 404, "Page not found", "There is no such ambition.");
      tag = "ambition:" + std::to_string(a->id);
      v.base_href += "?ambition=" + a->slug;
      v.area.clear();
    } else if (place && !v.area.empty()) {
      if (!places::is_area_code(v.area) || !places::try_find_area(*conn, place->id, v.area))
        return core::error_page(ctx, 404, "Page not found", "There is no such area.");
      tag = "area:" + v.area;
      v.base_href += "?area=" + v.area;
    } else {
      v.ambition.clear();
      v.area.clear();
    }
    v.news = store::list_news(*conn, tag, v.page, v.per_page, v.total);
  }
  bool can_publish = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                     ctx.principal.has(core::Role::partner_member);
  return core::render_page(ctx, {.template_name = "comms/news",
                                 .title = "News",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, can_publish); }});
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
      if (ctx.wants_json())
        return core::resource_response([&](nlohmann::json& j) { to_json(j, NewsItemView{*r}); }, 201);
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
  NewsItemView v{*n};
  bool published = ctx.query("done").value_or("") == "published";
  return core::render_page(ctx, {.template_name = "comms/news_item",
                                 .title = n->title,
                                 .crumbs = kNewsCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, published); }});
}

std::optional<core::Section> vision_news_section(core::Context& ctx, const places::Place&) {
  auto conn = ctx.db().acquire();
  return news_section(
      {.key = "news", .heading = "Latest news", .news = latest_news(*conn, "", 3), .all_href = "/news"});
}

// Cached body: no follow button here (it depends on who is looking); the news and a link.
std::optional<core::Section> ambition_news_section(core::Context& ctx, const places::Ambition& a) {
  auto conn = ctx.db().acquire();
  return news_section({.key = "news",
                       .heading = "News about this ambition",
                       .news = latest_news(*conn, "ambition:" + std::to_string(a.id), 3),
                       .all_href = "/news?ambition=" + a.slug,
                       .feed_href = "/feeds/ambitions/" + a.slug,
                       .follow_type = "ambition",
                       .follow_id = a.id,
                       .follow_label = "Follow this ambition"});
}

std::optional<core::Section> area_follow_section(core::Context& ctx, const places::Area& a) {
  auto conn = ctx.db().acquire();
  return news_section({.key = "news",
                       .heading = "News about " + a.name,
                       .news = latest_news(*conn, "area:" + a.code, 3),
                       .all_href = "/news?area=" + a.code,
                       .feed_href = "/feeds/areas/" + a.code,
                       .follow_type = "area",
                       .follow_id = a.id,
                       .follow_label = "Follow " + a.name});
}

std::optional<core::Section> organisation_follow_section(core::Context&, const partners::Organisation& o) {
  return news_section({.key = "follow",
                       .heading = "Follow " + o.name,
                       .follow_type = "organisation",
                       .follow_id = o.id,
                       .follow_label = "Follow " + o.name});
}

}  // namespace goldthread::comms
