// The list of events, an event's page, its .ics and the feed of upcoming events.
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/room_views.hpp"
#include "core/app.hpp"
#include "core/comments.hpp"
#include "core/follows.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::assemblies {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerPage = 10;

json banner(const core::Context& ctx) {
  auto done = ctx.query("done").value_or("");
  if (done == "created") return "Event created";
  if (done == "updated") return "Changes saved";
  if (done == "registered") return "You are registered: your place is confirmed";
  if (done == "waiting") return "The event is full: you are on the waiting list";
  if (done == "cancelled") return "Your place has been cancelled";
  if (done == "left") return "You have left the waiting list";
  if (done == "declined") return "You declined the offer: the place goes to the next person waiting";
  if (done == "accepted") return "You accepted the offer: your place is confirmed";
  if (done == "reviewed") return "Next step marked reviewed";
  if (ctx.query("followed")) return "You are following this event: what happens here reaches your notifications";
  if (ctx.query("unfollowed")) return "You have stopped following this event";
  return nullptr;
}

// Text with blank lines between paragraphs → the paragraphs.
json paragraphs(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    auto p = core::trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!p.empty()) out.push_back(p);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

json link_to(const std::optional<Event>& e) {
  if (!e) return nullptr;
  return {{"title", e->title}, {"href", "/events/" + e->slug}, {"when", when_label(*e)}};
}

// What the signed-in visitor's registration says, for the page and its JSON twin.
json my_registration(core::Connection& c, const core::Principal& who, const Event& e) {
  if (!who.signed_in()) return nullptr;
  auto r = try_find_registration(c, e.id, who.user_id);
  if (!r || (r->status != "confirmed" && r->status != "waiting" && r->status != "offered")) return nullptr;
  json out = {{"status", r->status},
              {"confirmed", r->status == "confirmed"},
              {"waiting", r->status == "waiting"},
              {"offered", r->status == "offered"},
              {"organisation_id", r->organisation_id}};
  if (r->status == "offered") {
    auto until = london(r->offer_expires_at);
    out["offer_expires_at"] = r->offer_expires_at;
    out["offer_expires"] = twelve_hour(until.time) + " on " + until.long_date;
    out["offer_live"] = r->offer_expires_at > now_text();
  }
  if (r->status == "waiting") {
    std::int64_t ahead = 0;
    for (const auto& a : attendees(c, e.id))
      if (a.status == "waiting" && a.position < r->position) ++ahead;
    out["waiting_position"] = ahead + 1;
  }
  return out;
}

}  // namespace

Response events_page(core::Context& ctx) {
  bool past = ctx.query("when").value_or("") == "past";
  int page = core::page_param(ctx);
  auto conn = ctx.db().acquire();
  auto list = list_events(*conn, !past, now_text(), page, kPerPage);
  json items = json::array();
  for (const auto& e : list.events) items.push_back(event_summary(e));
  bool can_create = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                    ctx.principal.has(core::Role::partner_member);
  json model = {{"events", items},
                {"has_events", !items.empty()},
                {"past", past},
                {"total", list.total},
                {"pagination", core::pagination(past ? "/events?when=past" : "/events", page, kPerPage, list.total)},
                {"feed_href", "/events.ics"},
                {"can_create", can_create}};
  return core::render_page(ctx, "assemblies/events", past ? "Past events" : "Events", model, 200, {{"Home", "/"}});
}

Response event_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  const auto now = now_text();
  auto c = counts(*conn, e->id, now);
  auto me = my_registration(*conn, ctx.principal, *e);
  bool confirmed = me.is_object() && me["confirmed"].get<bool>();
  json ambitions = json::array(), organisers = json::array(), agenda = json::array();
  if (const auto& place = places::current_place(ctx, *conn))
    for (const auto& a : places::list_ambitions(*conn, place->id))
      if (std::find(e->ambition_ids.begin(), e->ambition_ids.end(), a.id) != e->ambition_ids.end())
        ambitions.push_back({{"title", a.title}, {"href", "/ambitions/" + a.slug}});
  for (const auto& o : partners::organisations_by_id(*conn, e->organiser_ids))
    organisers.push_back({{"name", o.name}, {"href", "/organisations/" + o.slug}});
  for (const auto& a : e->agenda)
    agenda.push_back({{"time", opt(a.time)},
                      {"time_label", opt(a.time.empty() ? "" : twelve_hour(a.time))},
                      {"title", a.title},
                      {"speakers", opt(a.speakers)},
                      {"link", opt(a.link)}});
  bool open = e->starts_at > now && (e->registration_closes_at.empty() || e->registration_closes_at >= now) &&
              (e->registration_opens_at.empty() || e->registration_opens_at <= now);
  std::string registration_note;
  if (e->starts_at <= now)
    registration_note = "This event has taken place.";
  else if (!e->registration_opens_at.empty() && e->registration_opens_at > now)
    registration_note = "Registration opens on " + london(e->registration_opens_at).long_date + ".";
  else if (!open)
    registration_note = "Registration has closed.";
  std::int64_t left = std::max<std::int64_t>(0, e->capacity - c.confirmed - c.offered);
  auto summary = event_summary(*e);
  summary.update(json{{"summary", opt(e->summary)},
                      {"venue_name", opt(e->venue_name)},
                      {"venue_address", opt(e->venue_address)},
                      {"accessibility", opt(e->accessibility)},
                      {"online", !e->online_url.empty()},
                      {"online_url", confirmed ? opt(e->online_url) : json(nullptr)},
                      {"capacity", e->capacity},
                      {"places_left", left},
                      {"full", left == 0},
                      {"outcome_summary", opt(e->outcome_summary)},
                      {"sequence", e->sequence},
                      {"ambitions", ambitions},
                      {"organisers", organisers},
                      {"agenda", agenda},
                      {"has_agenda", !agenda.empty()},
                      {"outcome_paragraphs", paragraphs(e->outcome_summary)},
                      {"previous", link_to(previous_in_series(*conn, *e))},
                      {"next", link_to(next_in_series(*conn, *e))},
                      {"ics_href", "/events/" + e->slug + "/calendar.ics"}});
  summary["has_series_links"] = !summary["previous"].is_null() || !summary["next"].is_null();
  json rooms = json::array();
  std::map<std::int64_t, json> room_links;  // for the pledges made in a room (issue 11.5)
  for (const auto& r : rooms_of(*conn, e->id)) {
    rooms.push_back(room_summary_resource(*e, r));
    room_links[r.id] = {{"title", r.title}, {"href", rooms.back()["href"]}};
  }
  summary["rooms"] = rooms;
  json made_here = json::array();  // pledges made at this event (issue 11.7)
  const auto today = pledges::today_utc();
  for (const auto& p : pledges::pledges_of_event(*conn, e->id)) {
    const auto& m = p.commitment;
    auto st = pledges::staleness_of(m.last_update_at, today, m.status);
    made_here.push_back({{"id", m.id},
                         {"href", m.href},
                         {"text", m.text},
                         {"owner_name", m.owner_name},
                         {"organisation", m.organisation_id ? json{{"name", m.organisation_name},
                                                                   {"href", "/organisations/" + m.organisation_slug}}
                                                            : json(nullptr)},
                         {"status", m.status},
                         {"status_label", pledges::completion_label(m.status)},
                         {"staleness", pledges::staleness_code(st)},
                         {"staleness_label", opt(pledges::staleness_label(st))},
                         {"room", room_links.contains(p.room_id) ? room_links[p.room_id] : json(nullptr)}});
  }
  summary["pledges"] = made_here;
  auto carried = load_carried(ctx, *conn, *e);
  summary["carried_forward"] = carried_resource(carried);
  json model = {{"event", summary},
                {"counts", {{"confirmed", c.confirmed}, {"waiting", c.waiting}, {"offered", c.offered}}},
                {"registration_open", open && !me.is_object()},
                {"registration_note", opt(registration_note)},
                {"signed_in", ctx.principal.signed_in()},
                {"me", me},
                {"can_organise", may_organise(ctx.principal, *e)},
                {"has_rooms", !rooms.empty()},
                {"carried", carried_page_model(carried)},
                {"has_carried", !carried.empty()},
                {"carried_from", link_to(previous_in_series(*conn, *e))},
                {"has_pledges", !made_here.empty()},
                {"pledges_text", core::count_of(static_cast<std::int64_t>(made_here.size()), "pledge")},
                {"pledges_href", "/pledges?event=" + e->slug},
                {"pledge_href", "/pledges/new?event=" + e->slug},
                {"pledge_href_encoded", core::url_encode("/pledges/new?event=" + e->slug)},
                {"banner", banner(ctx)},
                {"just_registered",
                 ctx.query("done").value_or("") == "registered" || ctx.query("done").value_or("") == "accepted"}};
  model["places_text"] = core::count_of(e->capacity, "place");
  if (!ctx.wants_json())  // the follow button is screen state, not part of the event resource
    model["follow"] = {{"type", "event"},
                       {"id", e->id},
                       {"noun", "event"},
                       {"return_to", "/events/" + e->slug},
                       {"signed_in", ctx.principal.signed_in()},
                       {"following", ctx.principal.signed_in() &&
                                         core::follows::is_following(*conn, "event", e->id, ctx.principal.user_id)}};
  if (!ctx.wants_json()) model["comments"] = core::comments::thread(ctx, *conn, "event", e->id);
  return core::render_page(ctx, "assemblies/event", e->title, model, 200, {{"Home", "/"}, {"Events", "/events"}});
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
