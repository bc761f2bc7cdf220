// What's happening (the public activity stream, and a person's own from their follows) and
// the Atom feeds built from the same notifications.
#include <nlohmann/json.hpp>

#include "comms/comms_handlers.hpp"
#include "comms/comms_views.hpp"
#include "core/app.hpp"
#include "core/config.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

constexpr int kFeedEntries = 50;

struct FeedKind {
  const char* name;
  const char* title;
  const char* kind;          // notification kind ("" = any)
  const char* subject_type;  // "" = any
  const char* page;          // the HTML page it follows
};
const std::vector<FeedKind>& feed_kinds() {
  static const std::vector<FeedKind> k = {
      {"news", "News", "news", "", "/news"},
      {"events", "New events", "event-published", "", "/events"},
      {"initiatives", "New initiatives", "initiative-created", "", "/initiatives"},
      {"pledges", "Progress on pledges", "pledge-update", "", "/pledges"},
      {"consultations", "New consultations", "consultation-opened", "", "/consultations"},
      {"happening", "What's happening", "", "", "/happening"}};
  return k;
}

Response atom(core::Context& ctx, const std::string& self, const std::string& alternate, const std::string& title,
              const core::notifications::Filter& filter) {
  core::notifications::Page p;
  {
    auto conn = ctx.db().acquire();
    p = core::notifications::public_stream(*conn, filter);
  }
  const auto& base = ctx.app().config().base_url;
  std::vector<FeedEntry> entries;
  for (const auto& n : p.items)
    entries.push_back({"tag:" + host_of(base) + ",2026:notification/" + std::to_string(n.id), n.title, n.href,
                       n.summary, n.created_at});
  auto title_full = title + " – " + ctx.app().config().service_name;
  return Response::text(atom_feed(base, self, alternate, title_full, entries), 200,
                        "application/atom+xml; charset=utf-8");
}

core::notifications::Filter feed_filter() {
  core::notifications::Filter f;
  f.per_page = kFeedEntries;
  return f;
}

}  // namespace

Response happening_page(core::Context& ctx) {
  int page = core::page_param(ctx);
  auto ambition = ctx.query("ambition").value_or("");
  auto area = ctx.query("area").value_or("");
  core::notifications::Filter f;
  f.page = page;
  std::string base = "/happening";
  json ambitions = json::array(), areas = json::array();
  core::notifications::Page p;
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place) {
      for (const auto& a : places::list_ambitions(*conn, place->id)) {
        ambitions.push_back({{"value", a.slug}, {"text", a.title}, {"selected", a.slug == ambition}});
        if (a.slug == ambition) f.tag = "ambition:" + std::to_string(a.id);
      }
      for (const auto& a : places::list_areas(*conn, place->id)) {
        areas.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == area}});
        if (a.code == area && f.tag.empty()) f.tag = "area:" + a.code;
      }
    }
    if ((!ambition.empty() || !area.empty()) && f.tag.empty())
      return core::error_page(ctx, 404, "Page not found", "There is no such ambition or area.");
    if (!ambition.empty())
      base += "?ambition=" + ambition;
    else if (!area.empty())
      base += "?area=" + area;
    p = core::notifications::public_stream(*conn, f);
  }
  json items = json::array();
  for (const auto& n : p.items) items.push_back(ctx.wants_json() ? notification_resource(n) : notification_item(n));
  if (ctx.wants_json())
    return Response::json(
        json{{"activity", items}, {"total", p.total}, {"page", page}, {"feed", "/feeds/happening"}}.dump());
  json model = {{"activity", items},
                {"has_activity", !items.empty()},
                {"total_text", core::count_of(p.total, "update")},
                {"ambitions", ambitions},
                {"areas", areas},
                {"has_areas", !areas.empty()},
                {"filtered", !f.tag.empty()}};
  model["pagination"] = core::pagination(base, page, 20, p.total);
  return core::render_page(ctx, "comms/happening", "What's happening", model, 200, {{"Home", "/"}});
}

Response following_page(core::Context& ctx) {
  int page = core::page_param(ctx);
  core::notifications::Page p;
  {
    auto conn = ctx.db().acquire();
    p = core::notifications::inbox(*conn, ctx.principal.user_id, page, 20);
  }
  json items = json::array();
  for (const auto& n : p.items) items.push_back(ctx.wants_json() ? notification_resource(n) : notification_item(n));
  if (ctx.wants_json()) return Response::json(json{{"activity", items}, {"total", p.total}, {"page", page}}.dump());
  json model = {
      {"activity", items}, {"has_activity", !items.empty()}, {"total_text", core::count_of(p.total, "update")}};
  model["pagination"] = core::pagination("/happening/following", page, 20, p.total);
  return core::render_page(ctx, "comms/following", "What's happening on what you follow", model, 200,
                           {{"Home", "/"}, {"What's happening", "/happening"}});
}

Response feed_handler(core::Context& ctx) {
  const auto& name = ctx.param("name");
  for (const auto& k : feed_kinds()) {
    if (name != k.name) continue;
    auto f = feed_filter();
    f.kind = k.kind;
    f.subject_type = k.subject_type;
    return atom(ctx, "/feeds/" + name, k.page, k.title, f);
  }
  return core::error_page(ctx, 404, "Page not found", "There is no feed at this address.");
}

Response ambition_feed(core::Context& ctx) {
  std::optional<places::Ambition> a;
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place) a = places::try_find_ambition(*conn, place->id, ctx.param("slug"));
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no such ambition.");
  auto f = feed_filter();
  f.tag = "ambition:" + std::to_string(a->id);
  return atom(ctx, "/feeds/ambitions/" + a->slug, "/ambitions/" + a->slug, a->title, f);
}

Response area_feed(core::Context& ctx) {
  std::optional<places::Area> a;
  const auto& code = ctx.param("code");
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place && places::is_area_code(code)) a = places::try_find_area(*conn, place->id, code);
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no such area.");
  auto f = feed_filter();
  f.tag = "area:" + a->code;
  return atom(ctx, "/feeds/areas/" + a->code, "/areas/" + a->code, a->name, f);
}

}  // namespace goldthread::comms
