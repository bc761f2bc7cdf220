// HTTP tests for the work and partners pages, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {

// Route × role rows for the work map and partners (see tests/support/route_samples.hpp).
// Seeded initiatives have no owner organisation and seeded strategies belong to councils, so
// members of the fixture's {org} may not edit them: only place and site admins can.
const goldthread::testing::RouteSamples kWorkRoutes({
    {"GET", "/organisations", "anyone", "/organisations"},
    {"GET", "/organisations/{slug}", "anyone", "/organisations/rochford-district-council"},
    {"GET", "/initiatives", "anyone", "/initiatives"},
    {"GET", "/initiatives/new", "partner-member|place-admin", "/initiatives/new"},
    {"POST", "/initiatives", "partner-member|place-admin", "/initiatives", "title="},
    {"GET", "/initiatives/{slug}", "anyone", "/initiatives/essex-supports"},
    {"GET",
     "/initiatives/{slug}/edit",
     "partner-member|place-admin",
     "/initiatives/essex-supports/edit",
     "",
     {"partner-member", "organisation-admin"}},
    {"POST",
     "/initiatives/{slug}",
     "partner-member|place-admin",
     "/initiatives/essex-supports",
     "title=",
     {"partner-member", "organisation-admin"}},
    {"POST", "/initiatives/{slug}/follow", "signed-in", "/initiatives/essex-supports/follow"},
    {"POST", "/initiatives/{slug}/unfollow", "signed-in", "/initiatives/essex-supports/unfollow"},
    {"POST", "/initiatives/{slug}/connect", "signed-in", "/initiatives/essex-supports/connect", "message=Hello"},
    {"GET", "/work/requests", "signed-in", "/work/requests"},
    {"GET", "/strategies", "anyone", "/strategies"},
    {"GET", "/strategies/{slug}", "anyone", "/strategies/rochford-business-plan"},
    {"GET", "/strategies/new", "partner-member|place-admin", "/strategies/new"},
    {"POST", "/strategies", "partner-member|place-admin", "/strategies", "title="},
    {"GET",
     "/strategies/{slug}/edit",
     "partner-member|place-admin",
     "/strategies/rochford-business-plan/edit",
     "",
     {"partner-member", "organisation-admin"}},
    {"POST",
     "/strategies/{slug}",
     "partner-member|place-admin",
     "/strategies/rochford-business-plan",
     "title=",
     {"partner-member", "organisation-admin"}},
    {"GET", "/alignment", "anyone", "/alignment"},
    {"GET", "/alignment.csv", "anyone", "/alignment.csv"},
    {"GET", "/search", "anyone", "/search?q=essex"},
});

using testing::http_get;

class WorkHttp : public goldthread::testing::SharedServerTest<WorkHttp> {
 protected:
};

TEST_F(WorkHttp, EveryPageAnswersWithItsContent) {
  struct Case {
    std::string path, expect;
  };
  for (const auto& c :
       std::vector<Case>{{"/", "Who has endorsed the vision"},
                         {"/", "Rochford District Council"},
                         {"/organisations", "Essex County Council"},
                         {"/organisations?sector=district-council&area=E07000075", "Rochford District Council"},
                         {"/organisations/rochford-district-council", "Rochford District Council Business Plan"},
                         {"/initiatives", "Essex Supports"},
                         {"/initiatives?vision=1&page=1", "Essex Spirit"},
                         {"/initiatives/coordinated-approach-to-discharge-from-hospital", "Joint Discharge Teams"},
                         {"/strategies", "Joint Essex Health and Wellbeing Strategy"},
                         {"/strategies/rochford-business-plan", "How it serves the vision"},
                         {"/alignment", "Priorities nothing serves yet"},
                         {"/alignment?area=E07000075&sector=district-council", "How the work matches the vision"},
                         {"/search?q=discharge", "<mark>discharge</mark>"},
                         {"/search?q=zzzzqqq", "There are no matching results"},
                         {"/search", "Search organisations"},
                         {"/ambitions/enjoy-life-long-into-old-age", "Work serving these priorities"},
                         {"/areas/E07000075", "Organisations serving this area"}}) {
    auto r = http_get(port(), c.path);
    EXPECT_EQ(r.status, 200) << c.path;
    EXPECT_NE(r.body.find(c.expect), std::string::npos) << c.path << " lacks " << c.expect;
  }
}

TEST_F(WorkHttp, JsonTwinsCarryTheViewModels) {
  auto m = nlohmann::json::parse(http_get(port(), "/api/v1/alignment").body);
  ASSERT_EQ(m["ambitions"].size(), 7u);
  EXPECT_TRUE(m["gaps"]["priorities"].is_array());
  EXPECT_EQ(m["areas"].size(), 15u);
  auto home = nlohmann::json::parse(http_get(port(), "/api/v1/").body);
  bool endorsements = false;
  for (const auto& s : home["sections"]) endorsements |= s["key"] == "endorsements";
  EXPECT_TRUE(endorsements);
  auto dir = nlohmann::json::parse(http_get(port(), "/organisations", {{"Accept", "application/json"}}).body);
  // The 15 councils of the Essex areas, and the 4 organisations the bundled pledges name.
  EXPECT_EQ(dir["total"], 19);
  auto s = nlohmann::json::parse(http_get(port(), "/api/v1/search?q=health").body);
  EXPECT_GT(s["total"].get<int>(), 0);
  auto i = nlohmann::json::parse(http_get(port(), "/api/v1/initiatives/essex-supports").body);
  EXPECT_EQ(i["is_vision_project"], true);
  EXPECT_EQ(i["href"], "/initiatives/essex-supports");
  EXPECT_FALSE(i.contains("can_edit"));  // the resource, not the screen
  EXPECT_FALSE(i.contains("banner"));
  EXPECT_TRUE(i["description"].is_string());       // the Markdown source
  EXPECT_TRUE(i["description_html"].is_string());  // and what the page shows, as separate fields
}

TEST_F(WorkHttp, TheCsvDownloadIsQuotedCsv) {
  auto r = http_get(port(), "/alignment.csv?area=E07000075");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(r.header("content-disposition").find("attachment"), std::string::npos);
  auto parsed = core::csv::parse(r.body);
  ASSERT_TRUE(parsed.error.empty());
  ASSERT_GT(parsed.records.size(), 20u);
  EXPECT_EQ(parsed.records[0].fields[0], "ambition");
  for (const auto& rec : parsed.records) EXPECT_EQ(rec.fields.size(), 8u);
}

TEST_F(WorkHttp, BadInputIsA400Or404NeverA500) {
  EXPECT_EQ(http_get(port(), "/initiatives?status=done").status, 400);
  EXPECT_EQ(http_get(port(), "/initiatives?area=nowhere").status, 400);
  EXPECT_EQ(http_get(port(), "/alignment?sector=spies").status, 400);
  EXPECT_EQ(http_get(port(), "/alignment.csv?area=E99999999").status, 400);
  EXPECT_EQ(http_get(port(), "/organisations?sector=spies").status, 400);
  EXPECT_EQ(http_get(port(), "/organisations?page=-3").status, 200);
  EXPECT_EQ(http_get(port(), "/organisations?page=99999").status, 200);
  EXPECT_EQ(http_get(port(), "/initiatives/no-such-thing").status, 404);
  EXPECT_EQ(http_get(port(), "/strategies/no-such-thing").status, 404);
  EXPECT_EQ(http_get(port(), "/organisations/no-such-org").status, 404);
  EXPECT_EQ(http_get(port(), "/search?q=%22%28%29*%3A%5E").status, 200);
  EXPECT_EQ(http_get(port(), "/search?q=" + std::string(5000, 'a')).status, 200);
}

TEST_F(WorkHttp, EditingNeedsSignInOrARole) {
  auto form = http_get(port(), "/initiatives/new");
  EXPECT_TRUE(form.status == 401 || form.status == 403 || form.status == 303) << form.status;
  auto post = testing::http_request(port(), "POST", "/initiatives",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}}, "title=x");
  EXPECT_TRUE(post.status == 401 || post.status == 403 || post.status == 303) << post.status;
  auto follow = testing::http_request(port(), "POST", "/initiatives/essex-supports/follow");
  EXPECT_TRUE(follow.status == 401 || follow.status == 403 || follow.status == 303) << follow.status;
}

}  // namespace
}  // namespace goldthread::work
