// Pol.is import on both engines, using the CC BY fixtures in tests/fixtures/polis.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/bootstrap.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/engagement.hpp"
#include "engagement/opinion_map.hpp"
#include "support/test_env.hpp"

namespace goldthread::engagement {
namespace {

std::string fixture(const std::string& name) {
  return testing::source_dir() + "/tests/fixtures/polis/" + name;
}

std::unique_ptr<core::Database> fresh_db() {
  auto db = app::open_database(testing::fresh_config());
  EXPECT_TRUE(db.ok());
  EXPECT_TRUE(app::migrate_database(**db, app::build_registry(), false).ok());
  return std::move(db.value());
}

TEST(PolisImport, ImportsStatementsModerationVotesAndAttribution) {
  auto db = fresh_db();
  auto rep = import_polis_dir(*db, {}, fixture("15-per-hour-seattle"));
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->slug, "15-per-hour-seattle");
  EXPECT_EQ(rep->statements, 54);
  EXPECT_EQ(rep->participants, 339);
  EXPECT_EQ(rep->votes, 2872);  // final votes: later votes replaced earlier ones
  auto conn = db->acquire();
  auto c = try_find_conversation(*conn, "15-per-hour-seattle");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->title, "$15/hour");
  EXPECT_NE(c->attribution.find("CC BY 4.0"), std::string::npos);
  EXPECT_NE(c->attribution.find("https://pol.is/2demo"), std::string::npos);
  auto data = load_conversation_data(*conn, c->id);
  EXPECT_EQ(data.votes.size(), 2872u);
  EXPECT_TRUE(std::any_of(data.moderation.begin(), data.moderation.end(), [](const auto& m) { return m.mod == -1; }));
  EXPECT_EQ(conn->query("SELECT count(*) FROM audit_events WHERE resource_type = 'conversation'").rows[0].integer(0),
            1);
}

TEST(PolisImport, TheOpinionMapFindsGroupsFromStoredVotes) {
  auto db = fresh_db();
  ASSERT_TRUE(import_polis_dir(*db, {}, fixture("15-per-hour-seattle")).ok());
  auto conn = db->acquire();
  auto map = opinion_map(load_conversation_data(*conn, try_find_conversation(*conn, "15-per-hour-seattle")->id));
  EXPECT_EQ(map["participants"], 339);
  ASSERT_GE(map["groups"].size(), 2u);
  std::size_t members = 0;
  for (const auto& g : map["groups"]) members += g["size"].get<std::size_t>();
  EXPECT_EQ(members, map["in_conv"].get<std::size_t>());
  EXPECT_FALSE(map["groups"][0]["representative"].empty());
}

TEST(PolisImport, RefusesADuplicateAndBadFoldersWithoutWriting) {
  auto db = fresh_db();
  ASSERT_TRUE(import_polis_dir(*db, {}, fixture("brexit-consensus")).ok());
  auto dup = import_polis_dir(*db, {}, fixture("brexit-consensus"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, core::ErrorKind::conflict);
  EXPECT_FALSE(import_polis_dir(*db, {}, "/nonexistent/folder").ok());
  auto dir = std::filesystem::temp_directory_path() / ("goldthread-bad-polis-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "comments.csv") << "timestamp,comment-id\n1,notanumber\n";
  std::ofstream(dir / "votes.csv") << "comment-id,voter-id,vote\n0,1,1\n";
  EXPECT_FALSE(import_polis_dir(*db, {}, dir.string()).ok());
  auto conn = db->acquire();
  EXPECT_EQ(list_conversations(*conn).size(), 1u);
}

// Issue 15.7: the import replays the vote stream, so history shows in the groups. Ten early
// participants vote on the only three statements there are in the first second; thirty later
// ones vote on ten. Replayed, the early ten entered in-conv when three votes were all there
// was to vote on (in-conv never shrinks, as in Pol.is); a cold run over the final votes asks
// them for 7 of 10 and leaves them out.
TEST(PolisImport, ReplaysTheVoteHistoryAndStoresTheReplayedMap) {
  auto dir = std::filesystem::temp_directory_path() / ("goldthread-replay-polis-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::set<std::int64_t> windows;
  {
    std::ofstream out(dir / "votes.csv");
    out << "timestamp,comment-id,voter-id,vote\n";
    const std::int64_t t0 = 1'594'984'322'000;
    for (int p = 0; p < 40; ++p)
      for (int t = 0; t < (p < 10 ? 3 : 10); ++t) {
        std::int64_t ts = p < 10 ? t0 + p * 10 + t : t0 + 5'000 + (p - 10) * 100 + t;
        windows.insert((ts - t0) / 1000);
        out << ts << "," << t << "," << p << "," << ((p + t) % 2 ? 1 : -1) << "\n";
      }
  }
  auto db = fresh_db();
  auto rep = import_polis_dir(*db, {}, dir.string(), "replayed", "", 1000);
  auto cold = import_polis_dir(*db, {}, dir.string(), "cold", "", 0);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  ASSERT_TRUE(cold.ok()) << cold.error().message;
  EXPECT_EQ(rep->replay_updates, static_cast<std::int64_t>(windows.size()));  // one per second with votes
  EXPECT_EQ(cold->replay_updates, 0);
  auto conn = db->acquire();
  auto replayed_id = try_find_conversation(*conn, "replayed")->id;
  auto stored = try_conversation_map(*conn, replayed_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->updates, rep->replay_updates);
  EXPECT_EQ(stored->votes, 10 * 3 + 30 * 10);
  auto map = nlohmann::json::parse(stored->map);
  EXPECT_EQ(map["in_conv"], 40);
  EXPECT_FALSE(try_conversation_map(*conn, try_find_conversation(*conn, "cold")->id));
  auto cold_map = opinion_map(load_conversation_data(*conn, try_find_conversation(*conn, "cold")->id));
  EXPECT_EQ(cold_map["in_conv"], 30);
}

TEST(PolisImport, ReadsParticipantsVotesWhenThereIsNoVotesFile) {
  auto db = fresh_db();
  auto rep = import_polis_dir(*db, {}, fixture("bowling-green-subset"), "bowling-green");
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_GT(rep->participants, 40);  // the fixture keeps the first 60 participants
  EXPECT_LE(rep->participants, 60);
  EXPECT_GT(rep->votes, 0);
  EXPECT_FALSE(import_polis_dir(*db, {}, fixture("bowling-green-subset"), "Not A Slug!").ok());
}

}  // namespace
}  // namespace goldthread::engagement
