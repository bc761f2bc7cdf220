// The list of events, an event's page, its .ics and the feed of upcoming events.
#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_page_views.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/room_views.hpp"
#include "core/app.hpp"
#include "core/comments.hpp"
#include "core/follows.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::assemblies {
using core::Response;

namespace {

constexpr int kPerPage = 10;

// The signed-in visitor's registration when it holds or waits for a place.
std::optional<MyRegistration> my_registration(core::Connection& c, const core::Principal& who, const Event& e) {
  if (!who.signed_in()) return std::nullopt;
  auto r = try_find_registration(c, e.id, who.user_id);
  if (!r || (r->status != "confirmed" && r->status != "waiting" && r->status != "offered")) return std::nullopt;
  MyRegistration out{*r, 0};
  if (r->status == "waiting") {
    std::int64_t ahead = 0;
    for (const auto& a : attendees(c, e.id))
      if (a.status == "waiting" && a.position < r->position) ++ahead;
    out.waiting_position = ahead + 1;
  }
  return out;
}

}  // namespace

Response events_page(core::Context& ctx) {
  EventListView v;
  v.past = ctx.query("when").value_or("") == "past";
  v.page = core::page_param(ctx);
  v.per_page = kPerPage;
  {
    auto conn = ctx.db().acquire();
    auto list = list_events(*conn, !v.past, now_text(), v.page, kPerPage);
    v.events = std::move(list.events);
    v.total = list.total;
  }
  bool can_create = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                    ctx.principal.has(core::Role::partner_member);
  return core::render_page(ctx, {.template_name = "assemblies/events",
                                 .title = v.past ? "Past events" : "Events",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, can_create); }});
}

Response event_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  EventPageView v;
  v.event = *e;
  v.now = now_text();
  v.today = pledges::today_utc();
  v.counts = counts(*conn, e->id, v.now);
  v.me = my_registration(*conn, ctx.principal, *e);
  if (const auto& place = places::current_place(ctx, *conn))
    for (const auto& a : places::list_ambitions(*conn, place->id))
      if (std::find(e->ambition_ids.begin(), e->ambition_ids.end(), a.id) != e->ambition_ids.end())
        v.ambitions.push_back({a.title, "/ambitions/" + a.slug});
  for (const auto& o : partners::organisations_by_id(*conn, e->organiser_ids))
    v.organisers.push_back({o.name, "/organisations/" + o.slug});
  v.previous = previous_in_series(*conn, *e);
  v.next = next_in_series(*conn, *e);
  v.rooms = rooms_of(*conn, e->id);
  v.pledges = pledges::pledges_of_event(*conn, e->id);
  v.carried = load_carried(ctx, *conn, *e);
  EventScreen screen;
  if (!ctx.wants_json()) {  // who is looking and what they may do: the page's, not the resource's
    screen.signed_in = ctx.principal.signed_in();
    screen.can_organise = may_organise(ctx.principal, *e);
    screen.following = screen.signed_in && core::follows::is_following(*conn, "event", e->id, ctx.principal.user_id);
    screen.done = ctx.query("done").value_or("");
    screen.followed = ctx.query("followed").has_value();
    screen.unfollowed = ctx.query("unfollowed").has_value();
  }
  return core::render_page(ctx, {.template_name = "assemblies/event",
                                 .title = e->title,
                                 .crumbs = {{"Home", "/"}, {"Events", "/events"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen =
                                     [&](nlohmann::json& j) {
                                       screen_json(j, v, screen);
                                       core::comments::add_thread(j, ctx, *conn, "event", e->id);
                                     }});
}

Response event_ics(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  bool confirmed = false;
  if (ctx.principal.signed_in())
    if (auto r = try_find_registration(*conn, e->id, ctx.principal.user_id)) confirmed = r->status == "confirmed";
  auto body = ics_calendar({*e}, ctx.app().config().base_url, confirmed, e->title);
  auto res = Response::text(body, 200, "text/calendar; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"" + e->slug + ".ics\"");
  return res;
}

Response events_feed(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto list = list_events(*conn, true, now_text(), 1, 200);
  std::string name = "Events";
  if (const auto& place = places::current_place(ctx, *conn)) name = place->name + " events";
  return Response::text(ics_calendar(list.events, ctx.app().config().base_url, false, name), 200,
                        "text/calendar; charset=utf-8");
}

}  // namespace goldthread::assemblies
