// SQL of solution rooms: rooms, sign-ups, advice, the links of next steps (commitments, kept
// by pledges) to their room, and carried-forward reviews.
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_store.hpp"

namespace goldthread::assemblies {
namespace {

constexpr const char* kRoomCols =
    "r.id, r.event_id, r.slug, r.title, r.host_organisation_id, r.facilitator, r.brief, r.brief_html, r.ambition_id, "
    "r.initiative_id, r.capacity, r.created_at, r.updated_at, "
    "(SELECT COUNT(*) FROM room_signups s WHERE s.room_id = r.id)";

Room room_from(const core::Row& r) {
  Room m;
  m.id = r.integer(0);
  m.event_id = r.integer(1);
  m.slug = r.text(2);
  m.title = r.text(3);
  m.host_organisation_id = r.integer(4);
  m.facilitator = r.text(5);
  m.brief = r.text(6);
  m.brief_html = r.text(7);
  m.ambition_id = r.integer(8);
  m.initiative_id = r.integer(9);
  m.capacity = r.integer(10);
  m.created_at = r.text(11);
  m.updated_at = r.text(12);
  m.signed_up = r.integer(13);
  return m;
}

Advice advice_from(const core::Row& r) {
  return {r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.integer(5) != 0, r.text(6)};
}

constexpr const char* kAdviceCols = "id, room_id, author_user_id, author_name, body, hidden, created_at";

std::string in_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

}  // namespace

std::vector<Room> rooms_of(core::Connection& c, std::int64_t event_id) {
  std::vector<Room> out;
  for (const auto& r : c.query(std::string("SELECT ") + kRoomCols +
                                   " FROM solution_rooms r WHERE r.event_id = ? ORDER BY r.room_order, r.id",
                               {event_id})
                           .rows)
    out.push_back(room_from(r));
  return out;
}

std::optional<Room> try_find_room(core::Connection& c, std::int64_t event_id, const std::string& slug) {
  auto r = core::first_row(
      c.query(std::string("SELECT ") + kRoomCols + " FROM solution_rooms r WHERE r.event_id = ? AND r.slug = ?",
              {event_id, slug}));
  return r ? std::optional<Room>(room_from(*r)) : std::nullopt;
}

std::vector<RoomRef> room_refs(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<RoomRef> out;
  if (ids.empty()) return out;
  std::vector<core::Value> p(ids.begin(), ids.end());
  for (const auto& r : c.query("SELECT r.id, r.event_id, e.place_id, r.title, e.slug, r.slug FROM solution_rooms r "
                               "JOIN events e ON e.id = r.event_id WHERE r.id IN (" +
                                   in_list(ids.size()) + ") ORDER BY r.id",
                               p)
                           .rows)
    out.push_back(
        {r.integer(0), r.integer(1), r.integer(2), r.text(3), "/events/" + r.text(4) + "/rooms/" + r.text(5)});
  return out;
}

std::vector<Advice> advice_of(core::Connection& c, std::int64_t room_id, bool with_hidden) {
  std::vector<Advice> out;
  for (const auto& r : c.query(std::string("SELECT ") + kAdviceCols + " FROM room_advice WHERE room_id = ?" +
                                   (with_hidden ? "" : " AND hidden = 0") + " ORDER BY id",
                               {room_id})
                           .rows)
    out.push_back(advice_from(r));
  return out;
}

std::vector<std::int64_t> room_members(core::Connection& c, std::int64_t room_id) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       c.query("SELECT user_id FROM room_signups WHERE room_id = ? ORDER BY created_at, user_id", {room_id}).rows)
    out.push_back(r.integer(0));
  return out;
}

namespace store {

std::int64_t insert_room(core::Connection& c, const Room& r, std::int64_t created_by) {
  return c
      .query(
          "INSERT INTO solution_rooms (event_id, slug, title, host_organisation_id, facilitator, brief, brief_html, "
          "ambition_id, initiative_id, capacity, signup_seq, room_order, created_by, created_at, updated_at) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, (SELECT COUNT(*) FROM solution_rooms WHERE event_id = ?), ?, ?, ?) "
          "RETURNING id",
          {r.event_id, r.slug, r.title, r.host_organisation_id, r.facilitator, r.brief, r.brief_html, r.ambition_id,
           r.initiative_id, r.capacity, r.event_id, created_by, r.created_at, r.updated_at})
      .rows.at(0)
      .integer(0);
}

void update_room(core::Connection& c, const Room& r) {
  c.query(
      "UPDATE solution_rooms SET title = ?, host_organisation_id = ?, facilitator = ?, brief = ?, brief_html = ?, "
      "ambition_id = ?, initiative_id = ?, capacity = ?, updated_at = ? WHERE id = ?",
      {r.title, r.host_organisation_id, r.facilitator, r.brief, r.brief_html, r.ambition_id, r.initiative_id,
       r.capacity, r.updated_at, r.id});
}

std::optional<Room> find_room(core::Connection& c, std::int64_t id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kRoomCols + " FROM solution_rooms r WHERE r.id = ?", {id}));
  return r ? std::optional<Room>(room_from(*r)) : std::nullopt;
}

std::optional<Room> lock_room(core::Connection& c, std::int64_t id) {
  if (c.query("UPDATE solution_rooms SET signup_seq = signup_seq + 1 WHERE id = ?", {id}).changes == 0)
    return std::nullopt;
  return find_room(c, id);
}

bool is_signed_up(core::Connection& c, std::int64_t room_id, std::int64_t user_id) {
  return !c.query("SELECT 1 FROM room_signups WHERE room_id = ? AND user_id = ?", {room_id, user_id}).rows.empty();
}

void insert_signup(core::Connection& c, std::int64_t room_id, std::int64_t user_id, const std::string& at) {
  c.query("INSERT INTO room_signups (room_id, user_id, created_at) VALUES (?, ?, ?)", {room_id, user_id, at});
}

bool delete_signup(core::Connection& c, std::int64_t room_id, std::int64_t user_id) {
  return c.query("DELETE FROM room_signups WHERE room_id = ? AND user_id = ?", {room_id, user_id}).changes > 0;
}

std::int64_t insert_advice(core::Connection& c, const Advice& a) {
  return c
      .query(
          "INSERT INTO room_advice (room_id, author_user_id, author_name, body, hidden, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING id",
          {a.room_id, a.author_user_id, a.author_name, a.body, a.created_at, a.created_at})
      .rows.at(0)
      .integer(0);
}

std::optional<Advice> find_advice(core::Connection& c, std::int64_t id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kAdviceCols + " FROM room_advice WHERE id = ?", {id}));
  return r ? std::optional<Advice>(advice_from(*r)) : std::nullopt;
}

void redact_advice_author(core::Connection& c, std::int64_t user_id, const std::string& name) {
  c.query("UPDATE room_advice SET author_name = ? WHERE author_user_id = ?", {name, user_id});
}

void set_advice_hidden(core::Connection& c, std::int64_t id, bool hidden, const std::string& at) {
  c.query("UPDATE room_advice SET hidden = ?, updated_at = ? WHERE id = ?", {std::int64_t(hidden ? 1 : 0), at, id});
}

void link_next_step(core::Connection& c, std::int64_t room_id, std::int64_t commitment_id, const std::string& at) {
  c.query("INSERT INTO room_next_steps (commitment_id, room_id, created_at) VALUES (?, ?, ?)",
          {commitment_id, room_id, at});
}

std::int64_t room_of_next_step(core::Connection& c, std::int64_t commitment_id) {
  auto r = core::first_row(c.query("SELECT room_id FROM room_next_steps WHERE commitment_id = ?", {commitment_id}));
  return r ? r->integer(0) : 0;
}

std::vector<std::int64_t> next_step_ids(core::Connection& c, const std::vector<std::int64_t>& room_ids) {
  std::vector<std::int64_t> out;
  if (room_ids.empty()) return out;
  std::vector<core::Value> p(room_ids.begin(), room_ids.end());
  for (const auto& r : c.query("SELECT commitment_id FROM room_next_steps WHERE room_id IN (" +
                                   in_list(room_ids.size()) + ") ORDER BY commitment_id",
                               p)
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

std::map<std::int64_t, std::string> reviews_of(core::Connection& c, std::int64_t event_id) {
  std::map<std::int64_t, std::string> out;
  for (const auto& r :
       c.query("SELECT commitment_id, reviewed_at FROM next_step_reviews WHERE event_id = ?", {event_id}).rows)
    out[r.integer(0)] = r.text(1);
  return out;
}

bool insert_review(core::Connection& c, std::int64_t event_id, std::int64_t commitment_id, std::int64_t by,
                   const std::string& at) {
  return c.query(
              "INSERT INTO next_step_reviews (event_id, commitment_id, reviewed_by, reviewed_at) VALUES (?, ?, ?, "
              "?) ON CONFLICT (event_id, commitment_id) DO NOTHING",
              {event_id, commitment_id, by, at})
             .changes > 0;
}

}  // namespace store
}  // namespace goldthread::assemblies
