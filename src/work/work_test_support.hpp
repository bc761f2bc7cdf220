#pragma once
// Test builders for the work capability (used by its store and HTTP tests).
#include <memory>

#include "app/bootstrap.hpp"
#include "core/storage.hpp"
#include "places/places.hpp"
#include "support/test_env.hpp"
#include "work/work.hpp"

namespace goldthread::work::test {

// A migrated database with the Essex place imported (and, when seeded, its work map).
inline std::unique_ptr<core::Database> essex_db(bool seed = false) {
  auto cfg = testing::fresh_config();
  auto db = app::open_database(cfg);
  if (!db) throw std::runtime_error(db.error().message);
  if (auto st = app::migrate_database(**db, app::build_registry(), false); !st) throw std::runtime_error(st.error().message);
  if (seed) {  // every module's seed, as `goldthread import place` runs them
    if (auto s = app::run_seeds(**db, app::build_registry(), cfg.place_file); !s) throw std::runtime_error(s.error().message);
  } else if (auto rep = places::import_place_file(**db, cfg.place_file); !rep) {
    throw std::runtime_error(rep.error().message);
  }
  return std::move(db.value());
}

inline core::Principal person(std::int64_t id, std::vector<core::Role> roles = {core::Role::resident},
                              std::vector<core::Membership> memberships = {}) {
  core::Principal p;
  p.user_id = id;
  p.name = "Person " + std::to_string(id);
  p.roles = std::move(roles);
  p.memberships = std::move(memberships);
  return p;
}

}  // namespace goldthread::work::test
