// A unique-key race, made deterministic: one transaction holds a new organisation's slug
// uncommitted while the service saves the same name. PostgreSQL lets the service see the slug
// free, then its unique index stops the insert: core::transact answers a 409 (never a 500).
// SQLite serialises the writers, so the service waits and takes the next free slug.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "app/bootstrap.hpp"
#include "core/service.hpp"
#include "partners/partners.hpp"
#include "support/test_env.hpp"

namespace goldthread::partners {
namespace {

TEST(OrganisationRace, ASlugTakenAtTheSameMomentIsAConflictOrTheNextFreeSlug) {
  auto cfg = testing::fresh_config();
  auto db = std::move(app::open_database(cfg).value());
  ASSERT_TRUE(app::migrate_database(*db, app::build_registry(), false).ok());
  core::audit::Actor actor;
  auto holder = db->acquire();
  holder->begin();
  holder->query(
      "INSERT INTO organisations (slug, name, sector, website, description, areas_json, created_at, "
      "updated_at) VALUES ('same-moment-trust', 'Same Moment Trust', 'other', '', '', '[]', 'now', 'now')");
  auto second = std::async(std::launch::async, [&] {
    return create_organisation(*db, actor, {"Same Moment Trust", "other", "", "", "", {}});
  });
  // Give the second writer time to reach the lock, then let the first one win.
  EXPECT_EQ(second.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the second writer waits for the first";
  holder->commit();
  auto r = second.get();
  if (db->engine() == core::Engine::postgres) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, core::ErrorKind::conflict);
    EXPECT_NE(r.error().message.find("at the same moment"), std::string::npos);
  } else {
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->slug, "same-moment-trust-2");
  }
  // Nothing half-written by the loser: one audit record at most, and the connection is usable.
  auto conn = db->acquire();
  auto orgs = conn->query("SELECT count(*) FROM organisations").rows.at(0).integer(0);
  auto audits =
      conn->query("SELECT count(*) FROM audit_events WHERE resource_type = 'organisation'").rows.at(0).integer(0);
  EXPECT_EQ(audits, orgs - 1) << "the row inserted by hand has no audit record";
}

TEST(OrganisationRace, TransactMapsAConstraintErrorAndRollsBack) {
  auto cfg = testing::fresh_config();
  auto db = std::move(app::open_database(cfg).value());
  ASSERT_TRUE(app::migrate_database(*db, app::build_registry(), false).ok());
  auto insert = [](core::Connection& c, const std::string& slug) {
    c.query(
        "INSERT INTO organisations (slug, name, sector, website, description, areas_json, created_at, updated_at) "
        "VALUES (?, 'X', 'other', '', '', '[]', 'now', 'now')",
        {slug});
  };
  auto ok = core::transact<core::Unit>(*db, "conflict", [&](core::Connection& c) -> core::Status {
    insert(c, "a");
    return core::ok_status();
  });
  EXPECT_TRUE(ok.ok());
  auto clash = core::transact<core::Unit>(*db, "Someone saved this at the same moment",
                                          [&](core::Connection& c) -> core::Status {
                                            insert(c, "b");
                                            insert(c, "a");  // the unique index refuses
                                            return core::ok_status();
                                          });
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(clash.error().message, "Someone saved this at the same moment");
  auto conn = db->acquire();
  EXPECT_EQ(conn->query("SELECT count(*) FROM organisations WHERE slug = 'b'").rows.at(0).integer(0), 0)
      << "rolled back";
  auto invalid = core::transact<core::Unit>(*db, "conflict", [&](core::Connection& c) -> core::Status {
    insert(c, "c");
    return core::Error::invalid("no");
  });
  EXPECT_FALSE(invalid.ok());
  EXPECT_EQ(conn->query("SELECT count(*) FROM organisations WHERE slug = 'c'").rows.at(0).integer(0), 0)
      << "an error result rolls back too";
}

}  // namespace
}  // namespace goldthread::partners
