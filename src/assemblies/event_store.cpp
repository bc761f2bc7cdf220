// Events, their links (ambitions, organisers, agenda) and the public reads of assemblies.hpp.
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_store.hpp"

namespace goldthread::assemblies {
namespace {

constexpr const char* kCols =
    "id, place_id, slug, kind, title, summary, series, starts_at, ends_at, venue_name, venue_address, accessibility, "
    "online_url, capacity, registration_opens_at, registration_closes_at, outcome_summary, is_example, ics_sequence, "
    "created_at, updated_at";

Event from_row(const core::Row& r) {
  Event e;
  e.id = r.integer(0);
  e.place_id = r.integer(1);
  e.slug = r.text(2);
  e.kind = r.text(3);
  e.title = r.text(4);
  e.summary = r.text(5);
  e.series = r.text(6);
  e.starts_at = r.text(7);
  e.ends_at = r.text(8);
  e.venue_name = r.text(9);
  e.venue_address = r.text(10);
  e.accessibility = r.text(11);
  e.online_url = r.text(12);
  e.capacity = r.integer(13);
  e.registration_opens_at = r.text(14);
  e.registration_closes_at = r.text(15);
  e.outcome_summary = r.text(16);
  e.is_example = r.integer(17) != 0;
  e.sequence = r.integer(18);
  e.created_at = r.text(19);
  e.updated_at = r.text(20);
  return e;
}

void load_links(core::Connection& c, Event& e) {
  for (const auto& r :
       c.query("SELECT ambition_id FROM event_ambitions WHERE event_id = ? ORDER BY ambition_id", {e.id}).rows)
    e.ambition_ids.push_back(r.integer(0));
  for (const auto& r :
       c.query("SELECT organisation_id FROM event_organisers WHERE event_id = ? ORDER BY organisation_id", {e.id}).rows)
    e.organiser_ids.push_back(r.integer(0));
  for (const auto& r :
       c.query("SELECT at_time, title, speakers, link FROM agenda_items WHERE event_id = ? ORDER BY item_order", {e.id})
           .rows)
    e.agenda.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
}

std::optional<Event> one(core::Connection& c, const std::string& where, const core::Value& v) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kCols + " FROM events WHERE " + where, {v}));
  if (!r) return std::nullopt;
  auto e = from_row(*r);
  load_links(c, e);
  return e;
}

}  // namespace

std::optional<Event> try_find_event(core::Connection& c, std::int64_t id) {
  return one(c, "id = ?", id);
}
std::optional<Event> try_find_event_by_slug(core::Connection& c, const std::string& slug) {
  return one(c, "slug = ?", slug);
}

EventPage list_events(core::Connection& c, bool upcoming, const std::string& now, int page, int per_page) {
  EventPage out;
  const std::string where = upcoming ? " WHERE ends_at > ?" : " WHERE ends_at <= ?";
  const std::string order = upcoming ? " ORDER BY starts_at, id" : " ORDER BY starts_at DESC, id DESC";
  out.total = c.query("SELECT COUNT(*) FROM events" + where, {now}).rows.at(0).integer(0);
  std::int64_t offset = std::int64_t(page - 1) * per_page;
  for (const auto& r : c.query(std::string("SELECT ") + kCols + " FROM events" + where + order + " LIMIT ? OFFSET ?",
                               {now, std::int64_t(per_page), offset})
                           .rows) {
    out.events.push_back(from_row(r));
    load_links(c, out.events.back());  // at most one page of events
  }
  return out;
}

std::optional<Event> previous_in_series(core::Connection& c, const Event& e) {
  if (e.series.empty()) return std::nullopt;
  auto r =
      core::first_row(c.query(std::string("SELECT ") + kCols +
                                  " FROM events WHERE series = ? AND (starts_at < ? OR (starts_at = ? AND id < ?)) "
                                  "ORDER BY starts_at DESC, id DESC LIMIT 1",
                              {e.series, e.starts_at, e.starts_at, e.id}));
  return r ? std::optional<Event>(from_row(*r)) : std::nullopt;
}

std::optional<Event> next_in_series(core::Connection& c, const Event& e) {
  if (e.series.empty()) return std::nullopt;
  auto r =
      core::first_row(c.query(std::string("SELECT ") + kCols +
                                  " FROM events WHERE series = ? AND (starts_at > ? OR (starts_at = ? AND id > ?)) "
                                  "ORDER BY starts_at, id LIMIT 1",
                              {e.series, e.starts_at, e.starts_at, e.id}));
  return r ? std::optional<Event>(from_row(*r)) : std::nullopt;
}

namespace store {

std::int64_t insert_event(core::Connection& c, const Event& e, std::int64_t created_by) {
  return c
      .query(
          "INSERT INTO events (place_id, slug, kind, title, summary, series, starts_at, ends_at, venue_name, "
          "venue_address, accessibility, online_url, capacity, registration_opens_at, registration_closes_at, "
          "outcome_summary, is_example, ics_sequence, registration_seq, created_by, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?) RETURNING id",
          {e.place_id,
           e.slug,
           e.kind,
           e.title,
           e.summary,
           e.series,
           e.starts_at,
           e.ends_at,
           e.venue_name,
           e.venue_address,
           e.accessibility,
           e.online_url,
           e.capacity,
           e.registration_opens_at,
           e.registration_closes_at,
           e.outcome_summary,
           std::int64_t(e.is_example),
           created_by,
           e.created_at,
           e.updated_at})
      .rows.at(0)
      .integer(0);
}

void update_event(core::Connection& c, const Event& e) {
  c.query(
      "UPDATE events SET kind = ?, title = ?, summary = ?, series = ?, starts_at = ?, ends_at = ?, venue_name = ?, "
      "venue_address = ?, accessibility = ?, online_url = ?, capacity = ?, registration_opens_at = ?, "
      "registration_closes_at = ?, outcome_summary = ?, is_example = ?, ics_sequence = ics_sequence + 1, "
      "updated_at = ? WHERE id = ?",
      {e.kind, e.title, e.summary, e.series, e.starts_at, e.ends_at, e.venue_name, e.venue_address, e.accessibility,
       e.online_url, e.capacity, e.registration_opens_at, e.registration_closes_at, e.outcome_summary,
       std::int64_t(e.is_example), e.updated_at, e.id});
}

bool slug_taken(core::Connection& c, const std::string& slug) {
  // "new" is the address of the form that creates an event.
  return slug == "new" || !c.query("SELECT 1 FROM events WHERE slug = ?", {slug}).rows.empty();
}

void replace_links(core::Connection& c, const Event& e) {
  c.query("DELETE FROM event_ambitions WHERE event_id = ?", {e.id});
  c.query("DELETE FROM event_organisers WHERE event_id = ?", {e.id});
  c.query("DELETE FROM agenda_items WHERE event_id = ?", {e.id});
  for (auto a : e.ambition_ids) c.query("INSERT INTO event_ambitions (event_id, ambition_id) VALUES (?, ?)", {e.id, a});
  for (auto o : e.organiser_ids)
    c.query("INSERT INTO event_organisers (event_id, organisation_id) VALUES (?, ?)", {e.id, o});
  std::int64_t n = 0;
  for (const auto& a : e.agenda)
    c.query("INSERT INTO agenda_items (event_id, item_order, at_time, title, speakers, link) VALUES (?, ?, ?, ?, ?, ?)",
            {e.id, ++n, a.time, a.title, a.speakers, a.link});
}

std::optional<Lock> lock_event(core::Connection& c, std::int64_t event_id) {
  auto r = core::first_row(c.query(
      "UPDATE events SET registration_seq = registration_seq + 1 WHERE id = ? RETURNING registration_seq, capacity",
      {event_id}));
  if (!r) return std::nullopt;
  return Lock{r->integer(0), r->integer(1)};
}

}  // namespace store
}  // namespace goldthread::assemblies
