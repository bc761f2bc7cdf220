// Online backup and restore (SQLite only; PostgreSQL deployments use pg_dump).
#include "core/backup.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/bootstrap.hpp"
#include "support/test_env.hpp"

namespace goldthread::core {
namespace {

TEST(Backup, CopiesALiveDatabaseAndRestoreRefusesToOverwriteWithoutForce) {
  if (testing::engine_name() != "sqlite") GTEST_SKIP() << "SQLite only";
  auto cfg = testing::fresh_config();
  testing::TestServer server(cfg);  // the database is live: a server holds connections to it
  std::string db_path = cfg.database_url.substr(7);
  auto backup = db_path + ".bak";
  std::filesystem::remove(backup);
  int calls = 0;
  ASSERT_TRUE(sqlite_backup(db_path, backup, [&](int, int) { ++calls; }).ok());
  EXPECT_GT(calls, 0);

  auto restored = db_path + ".restored";
  std::filesystem::remove(restored);
  ASSERT_TRUE(sqlite_restore(backup, restored, false).ok());  // empty target: no --force needed
  auto again = sqlite_restore(backup, restored, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_NE(again.error().message.find("--force"), std::string::npos);
  EXPECT_TRUE(sqlite_restore(backup, restored, true).ok());

  auto db = Database::open("sqlite:" + restored, 1);
  ASSERT_TRUE(db.ok());
  auto conn = (*db)->acquire();
  EXPECT_EQ(conn->query("SELECT count(*) FROM areas").rows[0].integer(0), 15);
}

TEST(Backup, RestoreRejectsAFileThatIsNotABackup) {
  if (testing::engine_name() != "sqlite") GTEST_SKIP() << "SQLite only";
  auto dir = std::filesystem::temp_directory_path();
  auto junk = (dir / "goldthread-not-a-backup.db").string();
  std::filesystem::remove(junk);
  { auto db = Database::open("sqlite:" + junk, 1); }
  auto r = sqlite_restore(junk, (dir / "goldthread-target.db").string(), true);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(sqlite_backup("/nonexistent/x.db", junk).ok());
}

}  // namespace
}  // namespace goldthread::core
