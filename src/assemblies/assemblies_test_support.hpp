#pragma once
// Test builders for the assemblies tests: a migrated database with the Essex place, an
// organiser, events and synthetic registrants.
#include <gtest/gtest.h>

#include "app/bootstrap.hpp"
#include "assemblies/assemblies.hpp"
#include "places/places.hpp"
#include "support/test_env.hpp"

namespace goldthread::assemblies::testing {

inline std::unique_ptr<core::Database> place_database(std::size_t pool = 8) {
  auto cfg = goldthread::testing::fresh_config();
  auto db = std::move(core::Database::open(cfg.database_url, pool).value());
  if (!app::migrate_database(*db, app::build_registry(), false).ok()) throw std::runtime_error("migrate");
  if (!places::import_place_file(*db, cfg.place_file)) throw std::runtime_error("import place");
  return db;
}

inline core::Principal place_admin() {
  core::Principal p;
  p.user_id = 900000;
  p.name = "Pia Place";
  p.roles = {core::Role::resident, core::Role::place_admin};
  return p;
}

// A person who is not in the users table (no mail is sent to them): enough for the
// registration rules, which only need an id.
inline core::Principal person(std::int64_t id) {
  core::Principal p;
  p.user_id = id;
  p.name = "Person " + std::to_string(id);
  p.roles = {core::Role::resident};
  return p;
}

inline EventInput event_input(const std::string& title, std::int64_t capacity, const std::string& date = "2030-03-05") {
  EventInput in;
  in.kind = "assembly";
  in.title = title;
  in.date = date;
  in.start_time = "13:00";
  in.end_time = "17:00";
  in.venue_name = "County Hall";
  in.capacity = capacity;
  return in;
}

inline Event make_event(core::Database& db, const std::string& title, std::int64_t capacity) {
  auto e = create_event(db, place_admin(), {}, event_input(title, capacity));
  if (!e) throw std::runtime_error("create_event: " + e.error().message);
  return *e;
}

}  // namespace goldthread::assemblies::testing
