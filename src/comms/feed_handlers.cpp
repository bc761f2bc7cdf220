// What's happening (the public activity stream, and a person's own from their follows) and
// the Atom feeds built from the same notifications.
#include <nlohmann/json_fwd.hpp>

#include "comms/comms_handlers.hpp"
#include "comms/comms_views.hpp"
#include "comms/notification_views.hpp"
#include "core/app.hpp"
#include "core/config.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {

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
  ActivityView v;
  v.page = core::page_param(ctx);
  v.ambition = ctx.query("ambition").value_or("");
  v.area = ctx.query("area").value_or("");
  v.base_href = "/happening";
  v.feed = "/feeds/happening";
  core::notifications::Filter f;
  f.page = v.page;
  f.per_page = v.per_page;
  {
    auto conn = ctx.db().acquire();
    const auto& place = places::current_place(ctx, *conn);
    if (place) {
      for (const auto& a : places::list_ambitions(*conn, place->id)) {
        v.ambitions.push_back({a.slug, a.title, a.slug == v.ambition});
        if (a.slug == v.ambition) f.tag = "ambition:" + std::to_string(a.id);
      }
      for (const auto& a : places::list_areas(*conn, place->id)) {
        v.areas.push_back({a.code, a.name, a.code == v.area});
        if (a.code == v.area && f.tag.empty()) f.tag = "area:" + a.code;
      }
    }
    if ((!v.ambition.empty() || !v.area.empty()) && f.tag.empty())
      return core::error_page(ctx, 404, "Page not found", "There is no such ambition or area.");
    if (!v.ambition.empty())
      v.base_href += "?ambition=" + v.ambition;
    else if (!v.area.empty())
      v.base_href += "?area=" + v.area;
    v.activity = core::notifications::public_stream(*conn, f);
  }
  v.filtered = !f.tag.empty();
  return core::render_page(ctx, {.template_name = "comms/happening",
                                 .title = "What's happening",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response following_page(core::Context& ctx) {
  ActivityView v;
  v.page = core::page_param(ctx);
  v.base_href = "/happening/following";
  {
    auto conn = ctx.db().acquire();
    v.activity = core::notifications::inbox(*conn, ctx.principal.user_id, v.page, v.per_page);
  }
  return core::render_page(ctx, {.template_name = "comms/following",
                                 .title = "What's happening on what you follow",
                                 .crumbs = {{"Home", "/"}, {"What's happening", "/happening"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
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
