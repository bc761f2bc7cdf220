// Organisations and endorsements on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "app/bootstrap.hpp"
#include "core/search.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "support/test_env.hpp"

namespace goldthread::partners {
namespace {

struct Directory : ::testing::Test {
  void SetUp() override {
    auto cfg = testing::fresh_config();
    db = std::move(app::open_database(cfg).value());
    ASSERT_TRUE(app::migrate_database(*db, app::build_registry(), false).ok());
  }
  std::unique_ptr<core::Database> db;
  core::audit::Actor actor;
};

TEST_F(Directory, FiltersBySectorAreaAndNameWithPagination) {
  for (int n = 0; n < 25; ++n)
    ASSERT_TRUE(create_organisation(*db, actor, {"Parish " + std::to_string(100 + n), "parish-council", "", "", "",
                                                 {n % 2 ? "E07000075" : "E07000066"}}).ok());
  ASSERT_TRUE(create_organisation(*db, actor, {"Mid and South Essex NHS", "nhs", "GB-NHS-RAJ", "https://example.org", "", {"E07000075"}}).ok());
  auto conn = db->acquire();
  EXPECT_EQ(find_organisations(*conn, {}).total, 26);
  EXPECT_EQ(find_organisations(*conn, {}).organisations.size(), 20u);
  EXPECT_EQ(find_organisations(*conn, {"", "", "", 2, 20}).organisations.size(), 6u);
  EXPECT_EQ(find_organisations(*conn, {"", "nhs", "", 1, 20}).total, 1);
  EXPECT_EQ(find_organisations(*conn, {"", "", "E07000075", 1, 20}).total, 13);
  EXPECT_EQ(find_organisations(*conn, {"", "parish-council", "E07000075", 1, 20}).total, 12);
  EXPECT_EQ(find_organisations(*conn, {"south", "", "", 1, 20}).total, 1);
  EXPECT_EQ(find_organisations(*conn, {"100%", "", "", 1, 20}).total, 0) << "LIKE wildcards are literal";
}

TEST_F(Directory, ValidatesEveryFieldAndRefusesADuplicateOrgId) {
  auto bad = create_organisation(*db, actor, {"", "space-agency", "not an id", "ftp://x", "", {"Rochford"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 5u);
  ASSERT_TRUE(create_organisation(*db, actor, {"Essex County Council", "county-council", "GB-LAE-ESS", "", "", {}}).ok());
  auto dup = create_organisation(*db, actor, {"Another", "other", "GB-LAE-ESS", "", "", {}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().fields.at(0).field, "org_id");
}

TEST_F(Directory, UpdatingKeepsTheAddressAndIsAudited) {
  auto o = create_organisation(*db, actor, {"Old Name", "business", "", "", "", {"E07000075"}});
  ASSERT_TRUE(o.ok());
  auto u = update_organisation(*db, actor, o->id, {"New Name", "business", "", "", "Now described", {"E07000066"}});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->slug, "old-name");
  auto conn = db->acquire();
  EXPECT_EQ(find_organisations(*conn, {"", "", "E07000075", 1, 20}).total, 0);
  EXPECT_EQ(find_organisations(*conn, {"", "", "E07000066", 1, 20}).total, 1);
  core::audit::Filter f;
  f.resource_type = "organisation";
  EXPECT_EQ(core::audit::list(*conn, f).total, 2);
  EXPECT_EQ(update_organisation(*db, actor, 999999, {"X", "other", "", "", "", {}}).error().kind, core::ErrorKind::not_found);
}

TEST_F(Directory, AnEndorsementIsRecordedOnceAndUpdatedInPlace) {
  auto o = create_organisation(*db, actor, {"Rochford District Council", "district-council", "GB-LAE-ROC", "", "", {}});
  ASSERT_TRUE(o.ok());
  auto conn = db->acquire();
  ASSERT_TRUE(record_endorsement(*conn, actor, 1, {o->id, "", "Council", "Recommendation 8.1", ""}).ok());
  ASSERT_TRUE(record_endorsement(*conn, actor, 1, {o->id, "", "Council", "Recommendation 8.1", ""}).ok());
  ASSERT_TRUE(record_endorsement(*conn, actor, 1, {o->id, "2017-10-17", "Council", "Minute 123", ""}).ok());
  auto list = list_endorsements(*conn, 1);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].decision_reference, "Minute 123");
  core::audit::Filter f;
  f.resource_type = "endorsement";
  EXPECT_EQ(core::audit::list(*conn, f).total, 2) << "create, then one real change";
  auto bad = record_endorsement(*conn, actor, 1, {424242, "17/10/2017", "", "", ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
}

TEST_F(Directory, OrganisationsAreFoundInSearchAsTheyAreWritten) {
  auto o = create_organisation(*db, actor, {"Befriending Network", "voluntary-community", "", "", "Tea and talk", {}});
  ASSERT_TRUE(o.ok());
  auto conn = db->acquire();
  auto hits = core::search::query(*conn, "befriending");
  ASSERT_EQ(hits.total, 1);
  EXPECT_EQ(hits.hits[0].type, "organisation");
  EXPECT_EQ(hits.hits[0].url, "/organisations/befriending-network");
  auto version = organisations_version(*conn);
  ASSERT_TRUE(update_organisation_in(*conn, actor, o->id, {"Friendship Network", "voluntary-community", "", "", "", {}}).ok());
  EXPECT_EQ(core::search::query(*conn, "befriending").total, 0) << "the entry follows the update";
  EXPECT_EQ(core::search::query(*conn, "friendship").total, 1);
  EXPECT_GT(organisations_version(*conn), version) << "caches of organisation data see the change";
}

TEST_F(Directory, OrgIdsAreResolvedInOneCallAndUnknownOnesAreAbsent) {
  auto a = create_organisation(*db, actor, {"Essex County Council", "county-council", "GB-LAE-ESS", "", "", {}});
  auto b = create_organisation(*db, actor, {"Rochford District Council", "district-council", "GB-LAE-ROC", "", "", {}});
  ASSERT_TRUE(a.ok() && b.ok());
  auto conn = db->acquire();
  auto ids = organisation_ids_by_org_id(*conn, {"GB-LAE-ROC", "GB-LAE-ESS", "GB-LAE-ROC", "GB-NOPE-1", ""});
  EXPECT_EQ(ids, (std::map<std::string, std::int64_t>{{"GB-LAE-ESS", a->id}, {"GB-LAE-ROC", b->id}}));
  EXPECT_TRUE(organisation_ids_by_org_id(*conn, {}).empty());
}

TEST_F(Directory, TheSeedMakesACouncilPerAreaOnce) {
  ASSERT_TRUE(places::import_place_file(*db, testing::source_dir() + "/data/places/essex.json").ok());
  auto first = seed_from_place(*db);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_GT(first->created, 10);
  EXPECT_TRUE(first->warnings.empty());
  auto again = seed_from_place(*db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  auto conn = db->acquire();
  EXPECT_EQ(find_organisations(*conn, {}).total, first->created);
  EXPECT_EQ(organisation_ids_by_org_id(*conn, {"GB-LAE-ROC"}).size(), 1u);
}

}  // namespace
}  // namespace goldthread::partners
