// CSV import of initiatives and organisations, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "partners/partners.hpp"
#include "work/work_test_support.hpp"

namespace goldthread::work {
namespace {

const std::string kOrgs =
    "name,sector,org_id,website,areas,description\n"
    "Essex CVS,voluntary-community,GB-CHC-1234567,https://example.org,E07000075;E07000066,\"Groups, \"\"big\"\" and "
    "small\"\n";

TEST(ImportCsv, InitiativesAreUpsertedBySlugWithTheirLinks) {
  auto db = test::essex_db();
  ASSERT_TRUE(partners::import_organisations_csv(*db, kOrgs, {}).written);
  std::string csv =
      "slug,title,description,owner_org_id,priorities,areas,partner_labels,links\n"
      "warm-homes,Warm Homes,\"Line one\nline two\",GB-CHC-1234567,"
      "enjoy-life-long-into-old-age/reducing-the-gap-in-life-expectancy;"
      "enjoy-life-long-into-old-age/promoting-independence-wherever-possible,E07000075,Health;Housing,"
      "Plan|https://example.org/plan\n";
  std::size_t calls = 0;
  auto rep = import_initiatives_csv(*db, csv, {}, [&](std::size_t, std::size_t) { ++calls; });
  ASSERT_TRUE(rep.problems.empty()) << rep.problems[0].column << ": " << rep.problems[0].problem;
  EXPECT_TRUE(rep.written);
  EXPECT_EQ(rep.created, 1u);
  EXPECT_EQ(calls, 1u);
  auto conn = db->acquire();
  auto i = try_find_initiative(*conn, places::try_current_place(*conn)->id, "warm-homes");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->description, "Line one\nline two");
  EXPECT_EQ(i->alignments.size(), 2u);
  EXPECT_EQ(i->partner_labels, (std::vector<std::string>{"Health", "Housing"}));
  EXPECT_EQ(i->links.at(0).href, "https://example.org/plan");
  auto again = import_initiatives_csv(*db, csv, {});
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(again.created, 0u);
}

TEST(ImportCsv, AnInvalidRowMeansNothingIsWrittenUnlessSkipped) {
  auto db = test::essex_db();
  std::string csv =
      "title,status,priorities,start_date\n"
      "Good one,active,,\n"
      ",finished,nope/nope,2026-13-40\n";
  auto rep = import_initiatives_csv(*db, csv, {});
  EXPECT_FALSE(rep.written);
  std::vector<std::string> cols;
  for (const auto& p : rep.problems) {
    EXPECT_EQ(p.row, 2u);
    cols.push_back(p.column);
  }
  EXPECT_EQ(cols, (std::vector<std::string>{"priorities", "title", "status", "start_date"}));
  auto conn = db->acquire();
  EXPECT_EQ(conn->query("SELECT count(*) FROM initiatives").rows[0].integer(0), 0);
  auto dry = import_initiatives_csv(*db, csv, {true, true});
  EXPECT_FALSE(dry.written);
  EXPECT_EQ(conn->query("SELECT count(*) FROM initiatives").rows[0].integer(0), 0);
  auto skip = import_initiatives_csv(*db, csv, {false, true});
  EXPECT_TRUE(skip.written);
  EXPECT_EQ(skip.created, 1u);
  EXPECT_EQ(skip.skipped, 1u);
  EXPECT_EQ(conn->query("SELECT count(*) FROM initiatives").rows[0].integer(0), 1);
}

TEST(ImportCsv, HeaderAndShapeProblemsAreReported) {
  auto db = test::essex_db();
  auto unknown = import_initiatives_csv(*db, "title,colour\nx,red\n", {});
  ASSERT_EQ(unknown.problems.size(), 1u);
  EXPECT_EQ(unknown.problems[0].column, "colour");
  EXPECT_FALSE(import_initiatives_csv(*db, "summary\nx\n", {}).problems.empty());
  EXPECT_FALSE(import_initiatives_csv(*db, "title\n\"open\n", {}).problems.empty());
  EXPECT_FALSE(import_initiatives_csv(*db, "", {}).problems.empty());
  auto ragged = import_initiatives_csv(*db, "title,summary\na,b,c\n", {});
  ASSERT_FALSE(ragged.problems.empty());
  EXPECT_EQ(ragged.problems[0].row, 1u);
  auto orgs = partners::import_organisations_csv(*db, "name,sector,org_id\nX,space,bad\n", {});
  EXPECT_EQ(orgs.problems.size(), 2u);
  EXPECT_FALSE(orgs.written);
}

}  // namespace
}  // namespace goldthread::work
