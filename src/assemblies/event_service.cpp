// Creating and changing events: validated once, written with their links and audited in one
// transaction. Times arrive in Europe/London and are stored in UTC.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_service.hpp"
#include "assemblies/assemblies_store.hpp"
#include "core/notifications.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

constexpr const char* kSameEvent = "This event was changed by someone else at the same moment. Try again.";

bool is_place_admin(const core::Principal& p) {
  return p.has(core::Role::place_admin) || p.has(core::Role::site_admin);
}

bool is_web_link(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

bool is_member(const core::Principal& p, std::int64_t org) {
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [&](const core::Membership& m) { return m.organisation_id == org; });
}

// "13:00 | Title | Speakers | https://…": time and title first; speakers and link optional.
std::optional<AgendaItem> parse_agenda_line(const std::string& line) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t bar = line.find('|'); parts.size() < 3 && bar != std::string::npos; bar = line.find('|', start)) {
    parts.push_back(core::trim(line.substr(start, bar - start)));
    start = bar + 1;
  }
  parts.push_back(core::trim(line.substr(start)));
  static const std::regex kTime(R"(^([01]\d|2[0-3]):[0-5]\d$)");
  if (parts.size() < 2 || parts[1].empty() || (!parts[0].empty() && !std::regex_match(parts[0], kTime)))
    return std::nullopt;
  AgendaItem a{parts[0], parts[1], parts.size() > 2 ? parts[2] : "", parts.size() > 3 ? parts[3] : ""};
  if (!a.link.empty() && !is_web_link(a.link)) return std::nullopt;
  return a;
}

// The stored event for `in` (without id and slug), or the field errors.
core::Result<Event> build(core::Connection& c, const EventInput& in) {
  auto errors = validate_event(in);
  Event e;
  auto place = places::try_current_place(c);
  if (!place) return core::Error::invalid("No place has been set up yet");
  e.place_id = place->id;
  auto ambitions = places::list_ambitions(c, place->id);
  for (const auto& slug : in.ambitions) {
    auto a =
        std::find_if(ambitions.begin(), ambitions.end(), [&](const places::Ambition& x) { return x.slug == slug; });
    if (a == ambitions.end()) {
      errors.push_back({"ambitions", "Select ambitions from the list"});
      break;
    }
    e.ambition_ids.push_back(a->id);
  }
  auto orgs = partners::organisations_by_id(c, in.organiser_ids);
  if (orgs.size() != std::set<std::int64_t>(in.organiser_ids.begin(), in.organiser_ids.end()).size())
    errors.push_back({"organiser_ids", "Select organising organisations from the list"});
  for (const auto& o : orgs) e.organiser_ids.push_back(o.id);
  std::sort(e.organiser_ids.begin(), e.organiser_ids.end());
  std::sort(e.ambition_ids.begin(), e.ambition_ids.end());
  e.ambition_ids.erase(std::unique(e.ambition_ids.begin(), e.ambition_ids.end()), e.ambition_ids.end());
  if (!errors.empty()) return core::Error::invalid("Check the event's details", errors);

  e.kind = in.kind;
  e.title = in.title;
  e.summary = in.summary;
  e.series = in.series;
  e.starts_at = *london_to_utc(in.date, in.start_time);
  e.ends_at = *london_to_utc(in.date, in.end_time);
  e.venue_name = in.venue_name;
  e.venue_address = in.venue_address;
  e.accessibility = in.accessibility;
  e.online_url = in.online_url;
  e.capacity = in.capacity;
  if (!in.registration_opens.empty()) e.registration_opens_at = *london_to_utc(in.registration_opens, "00:00");
  if (!in.registration_closes.empty()) e.registration_closes_at = *london_to_utc(in.registration_closes, "23:59");
  e.outcome_summary = in.outcome_summary;
  e.is_example = in.is_example;
  for (const auto& line : in.agenda) e.agenda.push_back(*parse_agenda_line(line));
  return e;
}

std::vector<core::FieldError> organiser_errors(const core::Principal& who, const Event& e) {
  if (is_place_admin(who)) return {};
  if (std::any_of(e.organiser_ids.begin(), e.organiser_ids.end(), [&](std::int64_t o) { return is_member(who, o); }))
    return {};
  return {{"organiser_ids", "Select at least one organisation you belong to as an organiser"}};
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& event_kinds() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"assembly", "Assembly"}, {"workshop", "Workshop"}, {"webinar", "Webinar"}, {"debate", "Debate"}};
  return k;
}

bool may_organise(const core::Principal& p, const Event& e) {
  if (is_place_admin(p)) return true;
  return std::any_of(e.organiser_ids.begin(), e.organiser_ids.end(), [&](std::int64_t o) { return is_member(p, o); });
}

std::vector<core::FieldError> validate_event(const EventInput& in) {
  std::vector<core::FieldError> errors;
  auto add = [&](const char* f, std::string m) { errors.push_back({f, std::move(m)}); };
  const auto& kinds = event_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == in.kind; }))
    add("kind", "Select the kind of event");
  if (in.title.empty())
    add("title", "Enter a title");
  else if (core::utf8_length(in.title) > kMaxTitle)
    add("title", "Title must be 200 characters or fewer");
  if (core::utf8_length(in.summary) > kMaxSummary) add("summary", "Summary must be 5,000 characters or fewer");
  if (core::utf8_length(in.series) > kMaxSeries) add("series", "Series must be 100 characters or fewer");
  if (in.date.empty()) add("date", "Enter the date of the event");
  auto start =
      in.date.empty() ? core::Result<std::string>(core::Error::invalid("")) : london_to_utc(in.date, in.start_time);
  auto end =
      in.date.empty() ? core::Result<std::string>(core::Error::invalid("")) : london_to_utc(in.date, in.end_time);
  if (!in.date.empty() && !start) add("start_time", "Start time: " + start.error().message);
  if (!in.date.empty() && !end) add("end_time", "End time: " + end.error().message);
  if (start && end && *end <= *start) add("end_time", "The end time must be after the start time");
  if (core::utf8_length(in.venue_name) > kMaxVenue) add("venue_name", "Venue must be 200 characters or fewer");
  if (core::utf8_length(in.venue_address) > kMaxAddress)
    add("venue_address", "Address must be 500 characters or fewer");
  if (core::utf8_length(in.accessibility) > kMaxAccessibility)
    add("accessibility", "Accessibility information must be 2,000 characters or fewer");
  if (!in.online_url.empty() && (!is_web_link(in.online_url) || in.online_url.size() > kMaxUrl))
    add("online_url", "Enter the online link as a web address starting https://");
  if (in.venue_name.empty() && in.online_url.empty()) add("venue_name", "Enter a venue, or an online link below");
  if (in.capacity < 1 || in.capacity > kMaxCapacity)
    add("capacity", "Enter how many places there are, from 1 to 100,000");
  if (!in.registration_opens.empty() && !in.registration_closes.empty() &&
      in.registration_closes < in.registration_opens)
    add("registration_closes", "Registration must close on or after the day it opens");
  if (!in.registration_closes.empty() && !in.date.empty() && in.registration_closes > in.date)
    add("registration_closes", "Registration must close on or before the day of the event");
  if (core::utf8_length(in.outcome_summary) > kMaxOutcome)
    add("outcome_summary", "Summary of the event must be 10,000 characters or fewer");
  if (in.organiser_ids.size() > kMaxOrganisers) add("organiser_ids", "Select at most 50 organising organisations");
  for (const auto& line : in.agenda)
    if (!parse_agenda_line(line)) {
      add("agenda",
          "Write each agenda item as a time, a title, speakers and a link separated by |, for example "
          "13:00 | Welcome | Gavin Jones | https://example.org/slides");
      break;
    }
  return errors;
}

std::string event_audit_json(const Event& e) {
  json agenda = json::array();
  for (const auto& a : e.agenda)
    agenda.push_back({{"time", a.time}, {"title", a.title}, {"speakers", a.speakers}, {"link", a.link}});
  return core::audit::to_text({{"slug", e.slug},
                               {"kind", e.kind},
                               {"title", e.title},
                               {"summary", e.summary},
                               {"series", e.series},
                               {"starts_at", e.starts_at},
                               {"ends_at", e.ends_at},
                               {"venue_name", e.venue_name},
                               {"venue_address", e.venue_address},
                               {"accessibility", e.accessibility},
                               {"online_url", e.online_url},
                               {"capacity", e.capacity},
                               {"registration_opens_at", e.registration_opens_at},
                               {"registration_closes_at", e.registration_closes_at},
                               {"outcome_summary", e.outcome_summary},
                               {"is_example", e.is_example},
                               {"ambition_ids", e.ambition_ids},
                               {"organiser_ids", e.organiser_ids},
                               {"agenda", agenda}});
}

core::Result<Event> create_event(core::Database& db, const core::Principal& who, const Origin& from,
                                 const EventInput& in) {
  return core::transact<Event>(db, kSameEvent, [&](core::Connection& c) -> core::Result<Event> {
    auto e = build(c, in);
    if (!e) return e.error();
    if (auto errs = organiser_errors(who, *e); !errs.empty())
      return core::Error::invalid("Check the event's details", errs);
    e->slug = core::unique_slug(e->title, "event", [&](const std::string& s) { return store::slug_taken(c, s); });
    e->created_at = e->updated_at = core::now_utc();
    e->id = store::insert_event(c, *e, who.user_id);
    store::replace_links(c, *e);
    auto actor = core::audit::Actor::from(who, e->organiser_ids.empty() ? 0 : e->organiser_ids[0], from.request_id);
    core::audit::record(c, actor, {"create", "event", std::to_string(e->id), "", event_audit_json(*e)});
    core::notifications::Notice n{"event", e->id, "event-published", "New event: " + e->title, "/events/" + e->slug};
    n.summary = e->summary;
    n.actor_user_id = who.user_id;
    for (auto a : e->ambition_ids) n.tags.push_back("ambition:" + std::to_string(a)), n.also.push_back({"ambition", a});
    core::notifications::publish(c, n);
    return *try_find_event(c, e->id);
  });
}

core::Result<Event> update_event(core::Database& db, const core::Principal& who, const Origin& from,
                                 std::int64_t event_id, const EventInput& in) {
  return core::transact<Event>(db, kSameEvent, [&](core::Connection& c) -> core::Result<Event> {
    auto lock = store::lock_event(c, event_id);  // capacity changes pass places on under the lock
    auto before = lock ? try_find_event(c, event_id) : std::nullopt;
    if (!before) return core::Error::not_found("There is no event at this address.");
    if (!may_organise(who, *before)) return core::Error::forbidden("Only the event's organisers can change it.");
    auto e = build(c, in);
    if (!e) return e.error();
    if (auto errs = organiser_errors(who, *e); !errs.empty())
      return core::Error::invalid("Check the event's details", errs);
    e->id = before->id;
    e->slug = before->slug;
    e->updated_at = core::now_utc();
    store::update_event(c, *e);
    store::replace_links(c, *e);
    auto actor = core::audit::Actor::from(who, 0, from.request_id);
    core::audit::record(c, actor,
                        {"update", "event", std::to_string(e->id), event_audit_json(*before), event_audit_json(*e)});
    auto after = *try_find_event(c, e->id);
    pass_on_places(c, actor, after, after.capacity, Clock::now(), from);
    return after;
  });
}

core::Result<Event> upsert_event_in(core::Connection& c, const core::audit::Actor& actor, const std::string& slug,
                                    const EventInput& in) {
  auto e = build(c, in);
  if (!e) return e.error();
  e->slug = slug;
  auto before = try_find_event_by_slug(c, slug);
  if (before) {
    e->id = before->id;
    e->updated_at = before->updated_at;
    if (event_audit_json(*before) == event_audit_json(*e)) return *before;  // unchanged: nothing written
    e->updated_at = core::now_utc();
    store::update_event(c, *e);
    store::replace_links(c, *e);
    core::audit::record(c, actor,
                        {"update", "event", std::to_string(e->id), event_audit_json(*before), event_audit_json(*e)});
  } else {
    e->created_at = e->updated_at = core::now_utc();
    e->id = store::insert_event(c, *e, actor.user_id);
    store::replace_links(c, *e);
    core::audit::record(c, actor, {"create", "event", std::to_string(e->id), "", event_audit_json(*e)});
  }
  return *try_find_event(c, e->id);
}

}  // namespace goldthread::assemblies
