// The representations of the organisers' pages, in one place (assemblies/organiser_views.hpp).
#include <map>
#include <nlohmann/json.hpp>

#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/organiser_views.hpp"
#include "core/json_values.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

struct Lists {
  json people = json::array(), waiting = json::array(), per_organisation = json::array();
};

Lists lists_of(const AttendeesView& v) {
  Lists out;
  std::map<std::string, std::int64_t> per_org;
  for (const auto& r : v.registrations) {
    json row = {{"id", r.id},
                {"name", r.person_name},
                {"organisation", core::text_or_null(r.organisation_name)},
                {"status", r.status},
                {"position", r.position},
                {"access_needs", core::text_or_null(r.access_needs)},
                {"dietary_needs", core::text_or_null(r.dietary_needs)},
                {"attended", !r.attended_at.empty()},
                {"attended_at", core::text_or_null(r.attended_at)}};
    if (r.status == "confirmed") {
      out.people.push_back(row);
      ++per_org[r.organisation_name.empty() ? "Individuals" : r.organisation_name];
    } else if (r.status == "waiting" || r.status == "offered") {
      out.waiting.push_back(row);
    }
  }
  for (const auto& [name, n] : per_org) out.per_organisation.push_back({{"name", name}, {"count", n}});
  return out;
}

json counts_of(const AttendeesView& v) {
  const auto& c = v.counts;
  return {{"confirmed", c.confirmed},
          {"waiting", c.waiting},
          {"offered", c.offered},
          {"attended", c.attended},
          {"capacity", v.event.capacity}};
}

json people_of(const CheckInView& v, bool screen) {
  json people = json::array();
  for (const auto& r : v.people) {
    json item = {{"id", r.id},
                 {"name", r.person_name},
                 {"organisation", core::text_or_null(r.organisation_name)},
                 {"attended", !r.attended_at.empty()},
                 {"attended_at", core::text_or_null(r.attended_at)}};
    if (screen)
      item["attended_label"] = core::text_or_null(r.attended_at.empty() ? "" : twelve_hour(london(r.attended_at).time));
    people.push_back(std::move(item));
  }
  return people;
}

}  // namespace

void to_json(json& j, const AttendeesView& v) {
  auto l = lists_of(v);
  j = {{"event", event_summary(v.event)},
       {"attendees", l.people},
       {"waiting", l.waiting},
       {"per_organisation", l.per_organisation},
       {"counts", counts_of(v)},
       {"csv_href", "/events/" + v.event.slug + "/attendees.csv"},
       {"check_in_href", "/events/" + v.event.slug + "/check-in"}};
}

void screen_json(json& j, const AttendeesView& v) {
  auto l = lists_of(v);
  j = {{"event", event_summary(v.event)},
       {"attendees", l.people},
       {"has_attendees", !l.people.empty()},
       {"waiting", l.waiting},
       {"has_waiting", !l.waiting.empty()},
       {"per_organisation", l.per_organisation},
       {"counts", counts_of(v)},
       {"places_text", core::count_of(v.event.capacity, "place")},
       {"csv_href", "/events/" + v.event.slug + "/attendees.csv"},
       {"check_in_href", "/events/" + v.event.slug + "/check-in"}};
}

void to_json(json& j, const CheckInView& v) {
  j = {{"event", event_summary(v.event)},
       {"q", v.q},
       {"people", people_of(v, false)},
       {"total", v.total},
       {"attended", v.attended}};
}

void screen_json(json& j, const CheckInView& v) {
  auto people = people_of(v, true);
  j = {{"event", event_summary(v.event)},
       {"q", v.q},
       {"people", people},
       {"has_people", !people.empty()},
       {"total", v.total},
       {"attended", v.attended},
       {"action", "/events/" + v.event.slug + "/check-in"},
       {"banner", v.checked_in.empty() ? json(nullptr) : json(v.checked_in + " is checked in")}};
}

void to_json(json& j, const CheckedIn& c) {
  j = {{"id", c.id}, {"attended_at", c.attended_at}};
}

}  // namespace goldthread::assemblies
