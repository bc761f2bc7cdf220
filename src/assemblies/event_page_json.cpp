// The representations of the event pages, in one place (assemblies/event_page_views.hpp).
// Handlers build the structs and never write JSON themselves.
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/event_page_views.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

std::string EventListView::base_href() const {
  return past ? "/events?when=past" : "/events";
}

void to_json(json& j, const EventListView& v) {
  json items = json::array();
  for (const auto& e : v.events) items.push_back(event_summary(e));
  j = {{"events", items},
       {"past", v.past},
       {"total", v.total},
       {"pagination", core::resource_pagination(v.base_href(), v.page, v.per_page, v.total)},
       {"feed_href", "/events.ics"}};
}

void screen_json(json& j, const EventListView& v, bool can_create) {
  json items = json::array();
  for (const auto& e : v.events) items.push_back(event_summary(e));
  j = {{"events", items},
       {"has_events", !items.empty()},
       {"past", v.past},
       {"total", v.total},
       {"pagination", core::pagination(v.base_href(), v.page, v.per_page, v.total)},
       {"feed_href", "/events.ics"},
       {"can_create", can_create}};
}

namespace {

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

json links_of(const std::vector<EventLink>& links, const char* name) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{name, l.name}, {"href", l.href}});
  return out;
}

std::int64_t places_left(const EventPageView& v) {
  return std::max<std::int64_t>(0, v.event.capacity - v.counts.confirmed - v.counts.offered);
}

// The event with everything its page names; `screen` adds what only the template reads.
json event_json(const EventPageView& v, bool screen) {
  const auto& e = v.event;
  const bool confirmed = v.me && v.me->registration.status == "confirmed";
  const auto left = places_left(v);
  json agenda = json::array();
  for (const auto& a : e.agenda)
    agenda.push_back({{"time", core::text_or_null(a.time)},
                      {"time_label", core::text_or_null(a.time.empty() ? "" : twelve_hour(a.time))},
                      {"title", a.title},
                      {"speakers", core::text_or_null(a.speakers)},
                      {"link", core::text_or_null(a.link)}});
  json rooms = json::array();
  std::map<std::int64_t, json> room_links;  // for the pledges made in a room (issue 11.5)
  for (const auto& r : v.rooms) {
    rooms.push_back(room_summary_resource(e, r));
    room_links[r.id] = {{"title", r.title}, {"href", rooms.back()["href"]}};
  }
  json made_here = json::array();
  for (const auto& p : v.pledges) {
    const auto& m = p.commitment;
    auto st = pledges::staleness_of(m.last_update_at, v.today, m.status);
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
                         {"staleness_label", core::text_or_null(pledges::staleness_label(st))},
                         {"room", room_links.contains(p.room_id) ? room_links[p.room_id] : json(nullptr)}});
  }
  auto j = event_summary(e);
  j.update(json{{"summary", core::text_or_null(e.summary)},
                {"venue_name", core::text_or_null(e.venue_name)},
                {"venue_address", core::text_or_null(e.venue_address)},
                {"accessibility", core::text_or_null(e.accessibility)},
                {"online", !e.online_url.empty()},
                {"online_url", confirmed ? core::text_or_null(e.online_url) : json(nullptr)},
                {"capacity", e.capacity},
                {"places_left", left},
                {"full", left == 0},
                {"outcome_summary", core::text_or_null(e.outcome_summary)},
                {"sequence", e.sequence},
                {"ambitions", links_of(v.ambitions, "title")},
                {"organisers", links_of(v.organisers, "name")},
                {"agenda", agenda},
                {"previous", link_to(v.previous)},
                {"next", link_to(v.next)},
                {"ics_href", "/events/" + e.slug + "/calendar.ics"},
                {"rooms", rooms},
                {"pledges", made_here},
                {"carried_forward", carried_resource(v.carried)}});
  if (screen) {
    j["has_agenda"] = !agenda.empty();
    j["outcome_paragraphs"] = paragraphs(e.outcome_summary);
    j["has_series_links"] = v.previous.has_value() || v.next.has_value();
  }
  return j;
}

json counts_json(const Counts& c) {
  return {{"confirmed", c.confirmed}, {"waiting", c.waiting}, {"offered", c.offered}};
}

json me_json(const EventPageView& v) {
  if (!v.me) return nullptr;
  const auto& r = v.me->registration;
  json out = {{"status", r.status},
              {"confirmed", r.status == "confirmed"},
              {"waiting", r.status == "waiting"},
              {"offered", r.status == "offered"},
              {"organisation_id", r.organisation_id}};
  if (r.status == "offered") {
    auto until = london(r.offer_expires_at);
    out["offer_expires_at"] = r.offer_expires_at;
    out["offer_expires"] = twelve_hour(until.time) + " on " + until.long_date;
    out["offer_live"] = r.offer_expires_at > v.now;
  }
  if (r.status == "waiting") out["waiting_position"] = v.me->waiting_position;
  return out;
}

json banner_of(const EventScreen& s) {
  const auto& done = s.done;
  if (done == "created") return "Event created";
  if (done == "updated") return "Changes saved";
  if (done == "registered") return "You are registered: your place is confirmed";
  if (done == "waiting") return "The event is full: you are on the waiting list";
  if (done == "cancelled") return "Your place has been cancelled";
  if (done == "left") return "You have left the waiting list";
  if (done == "declined") return "You declined the offer: the place goes to the next person waiting";
  if (done == "accepted") return "You accepted the offer: your place is confirmed";
  if (done == "reviewed") return "Next step marked reviewed";
  if (s.followed) return "You are following this event: what happens here reaches your notifications";
  if (s.unfollowed) return "You have stopped following this event";
  return nullptr;
}

}  // namespace

bool EventPageView::registration_open() const {
  const auto& e = event;
  return e.starts_at > now && (e.registration_closes_at.empty() || e.registration_closes_at >= now) &&
         (e.registration_opens_at.empty() || e.registration_opens_at <= now);
}

void to_json(json& j, const EventPageView& v) {
  j = {{"event", event_json(v, false)}, {"counts", counts_json(v.counts)}};
}

void screen_json(json& j, const EventPageView& v, const EventScreen& s) {
  const auto& e = v.event;
  std::string note;
  if (e.starts_at <= v.now)
    note = "This event has taken place.";
  else if (!e.registration_opens_at.empty() && e.registration_opens_at > v.now)
    note = "Registration opens on " + london(e.registration_opens_at).long_date + ".";
  else if (!v.registration_open())
    note = "Registration has closed.";
  const std::string pledge_href = "/pledges/new?event=" + e.slug;
  j = {{"event", event_json(v, true)},
       {"counts", counts_json(v.counts)},
       {"registration_open", v.registration_open() && !v.me},
       {"registration_note", core::text_or_null(note)},
       {"signed_in", s.signed_in},
       {"me", me_json(v)},
       {"can_organise", s.can_organise},
       {"has_rooms", !v.rooms.empty()},
       {"carried", carried_page_model(v.carried)},
       {"has_carried", !v.carried.empty()},
       {"carried_from", link_to(v.previous)},
       {"has_pledges", !v.pledges.empty()},
       {"pledges_text", core::count_of(static_cast<std::int64_t>(v.pledges.size()), "pledge")},
       {"pledges_href", "/pledges?event=" + e.slug},
       {"pledge_href", pledge_href},
       {"pledge_href_encoded", core::url_encode(pledge_href)},
       {"banner", banner_of(s)},
       {"just_registered", s.done == "registered" || s.done == "accepted"},
       {"places_text", core::count_of(e.capacity, "place")},
       {"follow",
        {{"type", "event"},
         {"id", e.id},
         {"noun", "event"},
         {"return_to", "/events/" + e.slug},
         {"signed_in", s.signed_in},
         {"following", s.following}}}};
}

void to_json(json& j, const RegisterForm& f) {
  j = {{"event", event_summary(f.event)},
       {"acting_for", accounts::acting_for_choices(f.who, f.values.organisation_id)},
       {"has_organisations", !f.who.memberships.empty()},
       {"values", {{"access_needs", f.values.access_needs}, {"dietary_needs", f.values.dietary_needs}}},
       {"action", "/events/" + f.event.slug + "/register"},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

void to_json(json& j, const RegistrationAnswer& a) {
  const auto& r = a.registration;
  j = {{"status", r.status},
       {"position", r.position},
       {"offer_expires_at", core::text_or_null(r.offer_expires_at)},
       {"href", "/events/" + a.event.slug},
       {"ics_href", "/events/" + a.event.slug + "/calendar.ics"}};
}

core::Section my_events_section(const MyEventsView& v) {
  json items = json::array(), offers = json::array();
  for (const auto& [e, r] : v.registrations) {
    if (e.ends_at <= v.now) continue;
    json item = event_summary(e);
    item["status"] = r.status;
    item["status_label"] = r.status == "confirmed" ? "Place confirmed"
                           : r.status == "waiting" ? "On the waiting list"
                                                   : "Place offered";
    item["ics_href"] = "/events/" + e.slug + "/calendar.ics";
    item["confirmed"] = r.status == "confirmed";
    if (r.status == "offered" && r.offer_expires_at > v.now) {
      auto until = london(r.offer_expires_at);
      item["offer_expires"] = twelve_hour(until.time) + " on " + until.long_date;
      item["accept_action"] = "/events/" + e.slug + "/accept";
      item["decline_action"] = "/events/" + e.slug + "/cancel";
      offers.push_back(item);
    }
    items.push_back(item);
  }
  json model = {{"registrations", items},
                {"has_registrations", !items.empty()},
                {"offers", offers},
                {"has_offers", !offers.empty()},
                {"csrf_token", v.csrf_token}};
  return core::make_section("events", "Your events", "assemblies/account_section", model);
}

core::Section events_attended_section(const std::vector<std::pair<Event, std::int64_t>>& attended) {
  json items = json::array();
  for (const auto& [e, n] : attended) {
    auto item = event_summary(e);
    item["attended"] = n;
    item["attended_text"] = core::count_of(n, "person", "people") + " attended";
    items.push_back(item);
  }
  return core::make_section("events-attended", "Events attended", "assemblies/organisation_section",
                            json{{"events", items}});
}

}  // namespace goldthread::assemblies
