// Registrations: the waiting list, offers and attendance. People's names come from
// accounts.hpp and organisations' from partners.hpp, each in one batched query.
#include <algorithm>
#include <set>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_store.hpp"
#include "partners/partners.hpp"

namespace goldthread::assemblies {
namespace {

constexpr const char* kCols =
    "id, event_id, user_id, organisation_id, access_needs, dietary_needs, status, queue_position, offer_expires_at, "
    "attended_at, created_at";

Registration from_row(const core::Row& r, std::size_t o = 0) {
  Registration g;
  g.id = r.integer(o + 0);
  g.event_id = r.integer(o + 1);
  g.user_id = r.integer(o + 2);
  g.organisation_id = r.integer(o + 3);
  g.access_needs = r.text(o + 4);
  g.dietary_needs = r.text(o + 5);
  g.status = r.text(o + 6);
  g.position = r.integer(o + 7);
  g.offer_expires_at = r.text(o + 8);
  g.attended_at = r.text(o + 9);
  g.created_at = r.text(o + 10);
  return g;
}

void add_names(core::Connection& c, std::vector<Registration>& list) {
  std::set<std::int64_t> people, orgs;
  for (const auto& r : list) {
    people.insert(r.user_id);
    if (r.organisation_id) orgs.insert(r.organisation_id);
  }
  auto names = accounts::people_by_id(c, {people.begin(), people.end()});
  auto org_names = partners::organisation_names(c, {orgs.begin(), orgs.end()});
  for (auto& r : list) {
    auto p = names.find(r.user_id);
    r.person_name = p == names.end() ? "deleted user" : p->second.name;
    if (auto o = org_names.find(r.organisation_id); o != org_names.end()) r.organisation_name = o->second;
  }
}

}  // namespace

std::optional<Registration> try_find_registration(core::Connection& c, std::int64_t event_id, std::int64_t user_id) {
  auto r = core::first_row(c.query(
      std::string("SELECT ") + kCols + " FROM registrations WHERE event_id = ? AND user_id = ?", {event_id, user_id}));
  return r ? std::optional<Registration>(from_row(*r)) : std::nullopt;
}

std::vector<std::pair<Event, Registration>> registrations_of(core::Connection& c, std::int64_t user_id) {
  std::vector<std::pair<Event, Registration>> out;
  std::vector<Registration> regs;
  for (const auto& r : c.query(std::string("SELECT ") + kCols +
                                   " FROM registrations WHERE user_id = ? AND status IN ('confirmed', 'waiting', "
                                   "'offered') ORDER BY id",
                               {user_id})
                           .rows)
    regs.push_back(from_row(r));
  for (auto& g : regs)
    if (auto e = try_find_event(c, g.event_id)) out.emplace_back(std::move(*e), std::move(g));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first.starts_at < b.first.starts_at; });
  return out;
}

std::vector<Registration> attendees(core::Connection& c, std::int64_t event_id) {
  std::vector<Registration> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kCols + " FROM registrations WHERE event_id = ? ORDER BY queue_position, id",
               {event_id})
           .rows)
    out.push_back(from_row(r));
  add_names(c, out);
  return out;
}

Counts counts(core::Connection& c, std::int64_t event_id, const std::string& now) {
  Counts out;
  for (const auto& r : c.query("SELECT status, COUNT(*), SUM(CASE WHEN attended_at <> '' THEN 1 ELSE 0 END), "
                               "SUM(CASE WHEN offer_expires_at > ? THEN 1 ELSE 0 END) FROM registrations "
                               "WHERE event_id = ? GROUP BY status",
                               {now, event_id})
                           .rows) {
    auto s = r.text(0);
    if (s == "confirmed") out.confirmed = r.integer(1);
    if (s == "waiting") out.waiting = r.integer(1);
    if (s == "offered") out.offered = r.integer(3);
    out.attended += r.integer(2);
  }
  return out;
}

namespace store {

std::optional<Registration> find_registration(core::Connection& c, std::int64_t id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kCols + " FROM registrations WHERE id = ?", {id}));
  return r ? std::optional<Registration>(from_row(*r)) : std::nullopt;
}

std::int64_t insert_registration(core::Connection& c, const Registration& r) {
  return c
      .query(
          "INSERT INTO registrations (event_id, user_id, organisation_id, access_needs, dietary_needs, status, "
          "queue_position, offer_expires_at, attended_at, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?) RETURNING id",
          {r.event_id, r.user_id, r.organisation_id, r.access_needs, r.dietary_needs, r.status, r.position,
           r.created_at, r.created_at})
      .rows.at(0)
      .integer(0);
}

void rejoin(core::Connection& c, std::int64_t id, const Registration& r) {
  c.query(
      "UPDATE registrations SET organisation_id = ?, access_needs = ?, dietary_needs = ?, status = ?, "
      "queue_position = ?, offer_expires_at = '', attended_at = '', updated_at = ? WHERE id = ?",
      {r.organisation_id, r.access_needs, r.dietary_needs, r.status, r.position, r.created_at, id});
}

void set_status(core::Connection& c, std::int64_t id, const std::string& status, const std::string& offer_expires_at) {
  c.query("UPDATE registrations SET status = ?, offer_expires_at = ?, updated_at = ? WHERE id = ?",
          {status, offer_expires_at, core::now_utc(), id});
}

bool set_attended(core::Connection& c, std::int64_t id, const std::string& at) {
  return c.query("UPDATE registrations SET attended_at = ?, updated_at = ? WHERE id = ? AND attended_at = ''",
                 {at, at, id})
             .changes > 0;
}

std::int64_t held_places(core::Connection& c, std::int64_t event_id, const std::string& now) {
  return c
      .query(
          "SELECT COUNT(*) FROM registrations WHERE event_id = ? AND (status = 'confirmed' OR "
          "(status = 'offered' AND offer_expires_at > ?))",
          {event_id, now})
      .rows.at(0)
      .integer(0);
}

std::vector<Registration> expired_offers(core::Connection& c, std::int64_t event_id, const std::string& now) {
  std::vector<Registration> out;
  for (const auto& r : c.query(std::string("SELECT ") + kCols +
                                   " FROM registrations WHERE event_id = ? AND status = 'offered' AND "
                                   "offer_expires_at <= ? ORDER BY queue_position",
                               {event_id, now})
                           .rows)
    out.push_back(from_row(r));
  return out;
}

std::optional<Registration> first_waiting(core::Connection& c, std::int64_t event_id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kCols +
                                       " FROM registrations WHERE event_id = ? AND status = 'waiting' "
                                       "ORDER BY queue_position LIMIT 1",
                                   {event_id}));
  return r ? std::optional<Registration>(from_row(*r)) : std::nullopt;
}

std::vector<std::int64_t> events_with_expired_offers(core::Connection& c, const std::string& now) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT DISTINCT event_id FROM registrations WHERE status = 'offered' AND "
                               "offer_expires_at <= ? ORDER BY event_id",
                               {now})
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

}  // namespace store
std::vector<std::pair<Event, std::int64_t>> events_attended_by(core::Connection& c, std::int64_t organisation_id) {
  std::vector<std::pair<Event, std::int64_t>> out;
  for (const auto& r : c.query("SELECT r.event_id, COUNT(*) FROM registrations r JOIN events e ON e.id = r.event_id "
                               "WHERE r.organisation_id = ? AND r.attended_at <> '' GROUP BY r.event_id, e.starts_at "
                               "ORDER BY e.starts_at DESC LIMIT 100",
                               {organisation_id})
                           .rows)
    if (auto e = try_find_event(c, r.integer(0))) out.push_back({*e, r.integer(1)});  // at most 100 events
  return out;
}

}  // namespace goldthread::assemblies
