// Upgrading a database made before search and follows became core services keeps its search
// entries and follows (work/migrations/0005 copies them into core's tables), on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "app/bootstrap.hpp"
#include "core/follows.hpp"
#include "core/migrations.hpp"
#include "core/search.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {

bool is_new(const core::Migration& m) {
  return (m.module == "core" && m.version >= 3 && m.version <= 4) || (m.module == "work" && m.version == 5) ||
         (m.module == "partners" && m.version == 3);
}

TEST(WorkMigrations, SearchEntriesAndFollowsSurviveTheMoveToCore) {
  auto cfg = testing::fresh_config();
  auto db = app::open_database(cfg);
  ASSERT_TRUE(db.ok());
  auto all = app::build_registry().migrations();
  std::vector<core::Migration> before;
  for (const auto& m : all)
    if (!is_new(m)) before.push_back(m);
  core::migrate(**db, before);  // the schema as it was
  {
    auto conn = (*db)->acquire();
    auto now = core::now_utc();
    auto id = conn->query(
                      "INSERT INTO initiatives (place_id, slug, title, created_at, updated_at) "
                      "VALUES (1, 'warm-homes', 'Warm Homes', ?, ?) RETURNING id",
                      {now, now})
                  .rows.at(0)
                  .integer(0);
    conn->query("INSERT INTO search_documents (kind, ref_id, title, body, href) VALUES (?, ?, ?, ?, ?)",
                {std::string("initiative"), id, std::string("Warm Homes"), std::string("Insulation for older people"),
                 std::string("/initiatives/warm-homes")});
    conn->query("INSERT INTO initiative_follows (initiative_id, user_id, created_at) VALUES (?, 7, ?)", {id, now});
    auto report = core::migrate(**db, all);
    EXPECT_EQ(report.applied, 4);
    auto hits = core::search::query(*conn, "insulation");
    ASSERT_EQ(hits.total, 1);
    EXPECT_EQ(hits.hits[0].type, "initiative");
    EXPECT_EQ(hits.hits[0].url, "/initiatives/warm-homes");
    EXPECT_TRUE(core::follows::is_following(*conn, "initiative", id, 7));
    EXPECT_EQ(core::follows::followers_of(*conn, "initiative", id), std::vector<std::int64_t>{7});
    // New entries get fresh ids after the copied ones, on both engines.
    core::search::index(*conn, "strategy", 1, "Insulation strategy", "", "/strategies/insulation");
    EXPECT_EQ(core::search::query(*conn, "insulation").total, 2);
    EXPECT_EQ(conn->query("SELECT count(*) FROM schema_migrations WHERE module = 'work' AND version = 5")
                  .rows.at(0)
                  .integer(0),
              1);
  }
}

}  // namespace
}  // namespace goldthread::work
