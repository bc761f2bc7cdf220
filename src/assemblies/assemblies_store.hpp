#pragma once
// The only SQL of the assemblies capability (event_store.cpp, registration_store.cpp). Each
// function runs a few prepared statements on the connection it is given; callers own
// transactions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assemblies/assemblies.hpp"

namespace goldthread::assemblies::store {

// Events. `e.id` is ignored by insert; update keeps the slug and bumps the sequence.
std::int64_t insert_event(core::Connection& c, const Event& e, std::int64_t created_by);
void update_event(core::Connection& c, const Event& e);
bool slug_taken(core::Connection& c, const std::string& slug);
void replace_links(core::Connection& c, const Event& e);  // ambitions, organisers, agenda

// Takes the event's row lock for the rest of the transaction (PostgreSQL: the row; SQLite:
// the database, already held by BEGIN IMMEDIATE) and hands out the next arrival number.
// nullopt when the event does not exist.
struct Lock {
  std::int64_t next_position = 0, capacity = 0;
};
std::optional<Lock> lock_event(core::Connection& c, std::int64_t event_id);

std::optional<Registration> find_registration(core::Connection& c, std::int64_t id);
std::int64_t insert_registration(core::Connection& c, const Registration& r);
// Re-joins a withdrawn registration at the back of the queue with new answers.
void rejoin(core::Connection& c, std::int64_t id, const Registration& r);
void set_status(core::Connection& c, std::int64_t id, const std::string& status, const std::string& offer_expires_at);
// Sets attended_at unless already set; true when this call set it.
bool set_attended(core::Connection& c, std::int64_t id, const std::string& at);
// Places held (confirmed, and offers still open at `now`).
std::int64_t held_places(core::Connection& c, std::int64_t event_id, const std::string& now);
std::vector<Registration> expired_offers(core::Connection& c, std::int64_t event_id, const std::string& now);
std::optional<Registration> first_waiting(core::Connection& c, std::int64_t event_id);
std::vector<std::int64_t> events_with_expired_offers(core::Connection& c, const std::string& now);

// Solution rooms (room_store.cpp).
std::int64_t insert_room(core::Connection& c, const Room& r, std::int64_t created_by);
void update_room(core::Connection& c, const Room& r);
std::optional<Room> find_room(core::Connection& c, std::int64_t id);
// Locks the room's row for the transaction; nullopt when it does not exist.
std::optional<Room> lock_room(core::Connection& c, std::int64_t id);
bool is_signed_up(core::Connection& c, std::int64_t room_id, std::int64_t user_id);
void insert_signup(core::Connection& c, std::int64_t room_id, std::int64_t user_id, const std::string& at);
bool delete_signup(core::Connection& c, std::int64_t room_id, std::int64_t user_id);
std::int64_t insert_advice(core::Connection& c, const Advice& a);
std::optional<Advice> find_advice(core::Connection& c, std::int64_t id);
// A deleted account's advice keeps its text but loses the name (kDeletedName).
void redact_advice_author(core::Connection& c, std::int64_t user_id, const std::string& name);
void set_advice_hidden(core::Connection& c, std::int64_t id, bool hidden, const std::string& at);
void link_next_step(core::Connection& c, std::int64_t room_id, std::int64_t commitment_id, const std::string& at);
// The room a next step belongs to (0: none).
std::int64_t room_of_next_step(core::Connection& c, std::int64_t commitment_id);
std::vector<std::int64_t> next_step_ids(core::Connection& c, const std::vector<std::int64_t>& room_ids);
// commitment id → reviewed_at, for one event.
std::map<std::int64_t, std::string> reviews_of(core::Connection& c, std::int64_t event_id);
// true when this call recorded it.
bool insert_review(core::Connection& c, std::int64_t event_id, std::int64_t commitment_id, std::int64_t by,
                   const std::string& at);

}  // namespace goldthread::assemblies::store
