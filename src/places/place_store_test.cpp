// Storage tests, run on SQLite and PostgreSQL (see CMakeLists: integration_sqlite/_postgres).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/bootstrap.hpp"
#include "places/places.hpp"
#include "support/test_env.hpp"

namespace goldthread::places {
namespace {

std::string essex_json() {
  std::ifstream in(testing::source_dir() + "/data/places/essex.json");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<core::Database> fresh_db() {
  auto cfg = testing::fresh_config();
  auto db = app::open_database(cfg);
  EXPECT_TRUE(db.ok());
  EXPECT_TRUE(app::migrate_database(**db, app::build_registry(), false).ok());
  return std::move(db.value());
}

TEST(PlaceImport, LoadsTheEssexPlaceWithAllItsParts) {
  auto db = fresh_db();
  auto rep = import_place_json(*db, essex_json());
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  auto conn = db->acquire();
  auto place = try_current_place(*conn);
  ASSERT_TRUE(place);
  EXPECT_EQ(place->vision_title, "The Future of Essex");
  EXPECT_EQ(list_areas(*conn, place->id).size(), 15u);
  auto ambitions = list_ambitions(*conn, place->id);
  ASSERT_EQ(ambitions.size(), 7u);
  EXPECT_EQ(ambitions[0].title, "Unite behind a sense of identity");
  EXPECT_FALSE(ambitions[1].priorities.empty());
  auto rochford = try_find_area(*conn, place->id, "E07000075");
  ASSERT_TRUE(rochford);
  EXPECT_EQ(rochford->name, "Rochford");
  EXPECT_EQ(rochford->parent_code, "E10000012");
  EXPECT_EQ(conn->query("SELECT count(*) FROM building_blocks").rows[0].integer(0), 9);
  EXPECT_EQ(conn->query("SELECT count(*) FROM recommendations").rows[0].integer(0), 10);
  EXPECT_EQ(conn->query("SELECT count(*) FROM vision_projects").rows[0].integer(0), 8);
  EXPECT_GT(conn->query("SELECT count(*) FROM joint_working").rows[0].integer(0), 10);
}

TEST(PlaceImport, ReimportingTheSameFileChangesNothing) {
  auto db = fresh_db();
  auto first = import_place_json(*db, essex_json());
  ASSERT_TRUE(first.ok());
  EXPECT_GT(first->created, 50);
  auto second = import_place_json(*db, essex_json());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, first->created);
}

TEST(PlaceImport, AChangedFieldIsUpdatedInPlace) {
  auto db = fresh_db();
  ASSERT_TRUE(import_place_json(*db, essex_json()).ok());
  auto doc = nlohmann::json::parse(essex_json());
  doc["ambitions"][0]["quote"] = "Essex is many places.";
  auto rep = import_place_json(*db, doc.dump());
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->updated, 1);
  EXPECT_EQ(rep->created, 0);
  auto conn = db->acquire();
  auto a = try_find_ambition(*conn, try_current_place(*conn)->id, doc["ambitions"][0]["slug"].get<std::string>());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->quote, "Essex is many places.");
}

TEST(PlaceImport, AnInvalidFileListsEveryProblemAndWritesNothing) {
  auto db = fresh_db();
  auto doc = nlohmann::json::parse(essex_json());
  doc["areas"][3]["code"] = "X123";
  doc["ambitions"][1]["slug"] = doc["ambitions"][0]["slug"];
  doc["joint_working"][0]["priority"] = "no-such-priority";
  auto rep = import_place_json(*db, doc.dump());
  ASSERT_FALSE(rep.ok());
  EXPECT_GE(rep.error().fields.size(), 3u);
  auto conn = db->acquire();
  EXPECT_FALSE(try_current_place(*conn).has_value());
  EXPECT_EQ(conn->query("SELECT count(*) FROM areas").rows[0].integer(0), 0);
}

TEST(PlaceImport, RejectsWhatIsNotAPlaceFile) {
  auto db = fresh_db();
  EXPECT_FALSE(import_place_json(*db, "not json").ok());
  EXPECT_FALSE(import_place_json(*db, "[]").ok());
  EXPECT_FALSE(import_place_json(*db, R"({"format":"goldthread-place/2"})").ok());
  EXPECT_FALSE(import_place_file(*db, "/nonexistent/place.json").ok());
}

}  // namespace
}  // namespace goldthread::places
