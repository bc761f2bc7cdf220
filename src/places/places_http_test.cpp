// The places pages against the real server, on SQLite and PostgreSQL (the request pipeline
// itself is tested in src/core/core_http_test.cpp).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "places/places.hpp"
#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::places {
namespace {
using testing::http_get;

// Route × role rows (tests/support/route_samples.hpp) for the places pages.
const goldthread::testing::RouteSamples kPlacesRoutes({
    {"GET", "/", "anyone", "/"},
    {"GET", "/ambitions", "anyone", "/ambitions"},
    {"GET", "/ambitions/{slug}", "anyone", "/ambitions/enjoy-life-long-into-old-age"},
    {"GET", "/areas", "anyone", "/areas"},
    {"GET", "/areas/{code}", "anyone", "/areas/E07000075"},
    {"GET", "/building-blocks", "anyone", "/building-blocks"},
    {"GET", "/road-map", "anyone", "/road-map"},
    {"GET", "/statement-of-intent", "anyone", "/statement-of-intent"},
    {"GET", "/vision-projects", "anyone", "/vision-projects"},
});

class PlacesHttp : public goldthread::testing::SharedServerTest<PlacesHttp> {};

TEST_F(PlacesHttp, EveryPlacePageAnswersHtmlWithItsContent) {
  struct Case {
    std::string path, expect;
  };
  for (const auto& c : std::vector<Case>{{"/", "Our ambitions"},
                                         {"/ambitions", "Enjoy life long into old age"},
                                         {"/ambitions/enjoy-life-long-into-old-age", "Reducing the gap in life expectancy"},
                                         {"/areas", "E07000075"},
                                         {"/areas/E07000075", "Rochford District Council"},
                                         {"/building-blocks", "Place-Based Strategies &amp; Plans"},
                                         {"/road-map", "Building shared outcomes"},
                                         {"/statement-of-intent", "Change is unstoppable"},
                                         {"/vision-projects", "Essex Supports"},
                                         {"/accessibility", "Accessibility statement"},
                                         {"/privacy", "Privacy notice"}}) {
    auto r = http_get(port(), c.path);
    EXPECT_EQ(r.status, 200) << c.path;
    EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos) << c.path;
    EXPECT_NE(r.body.find(c.expect), std::string::npos) << c.path << " lacks " << c.expect;
    EXPECT_NE(r.body.find("Skip to main content"), std::string::npos) << c.path;
  }
}

TEST_F(PlacesHttp, TheSameUrlAnswersJsonWhenAsked) {
  auto r = http_get(port(), "/ambitions/enjoy-life-long-into-old-age", {{"Accept", "application/json"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto j = nlohmann::json::parse(r.body);
  // The twin is the ambition itself: its fields and links, no template wrapper.
  EXPECT_EQ(j["title"], "Enjoy life long into old age");
  EXPECT_EQ(j["href"], "/ambitions/enjoy-life-long-into-old-age");
  EXPECT_EQ(j["priorities"].size(), 3u);
  EXPECT_TRUE(j["number"].is_number());
  EXPECT_TRUE(j["description"].is_string());
  EXPECT_EQ(j["place"]["href"], "/vision");
  EXPECT_TRUE(j["sections"].is_array());
  auto alias = http_get(port(), "/api/v1/areas");
  ASSERT_EQ(alias.status, 200);
  EXPECT_EQ(nlohmann::json::parse(alias.body)["areas"].size(), 15u);
  auto home = nlohmann::json::parse(http_get(port(), "/api/v1/").body);
  EXPECT_EQ(home["ambitions"].size(), 7u);
}

TEST_F(PlacesHttp, UnknownThingsGet404InTheSiteStyleOrJson) {
  auto r = http_get(port(), "/ambitions/no-such-ambition");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("govuk-template"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/areas/not-a-code").status, 404);
  EXPECT_EQ(http_get(port(), "/areas/E99999999").status, 404);
  EXPECT_EQ(http_get(port(), "/no/such/page").status, 404);
  auto j = http_get(port(), "/api/v1/ambitions/zzz");
  EXPECT_EQ(j.status, 404);
  EXPECT_EQ(nlohmann::json::parse(j.body)["error"]["status"], 404);
  EXPECT_EQ(testing::http_request(port(), "POST", "/areas").status, 405);
}

}  // namespace
}  // namespace goldthread::places

namespace goldthread::places {
namespace {

TEST(PlacesCache, AnonymousPagesAreServedFreshAfterAnyAuditedChange) {
  testing::TestServer server(testing::fresh_config());
  auto before = testing::http_get(server.port(), "/ambitions/enjoy-life-long-into-old-age");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find("Essex is many things."), std::string::npos);
  // Change the ambition through the importer (an audited change) and ask again: the cached
  // page must not be served.
  std::ifstream in(testing::source_dir() + "/data/places/essex.json");
  auto place = nlohmann::json::parse(in);
  for (auto& a : place["ambitions"])
    if (a["slug"] == "enjoy-life-long-into-old-age") a["quote"] = "Essex is many things.";
  ASSERT_TRUE(import_place_json(server.app().db(), place.dump()).ok());
  auto after = testing::http_get(server.port(), "/ambitions/enjoy-life-long-into-old-age");
  EXPECT_NE(after.body.find("Essex is many things."), std::string::npos);
  // JSON and HTML are cached apart.
  auto json = testing::http_get(server.port(), "/ambitions/enjoy-life-long-into-old-age", {{"Accept", "application/json"}});
  EXPECT_EQ(nlohmann::json::parse(json.body)["quote"], "Essex is many things.");
}

}  // namespace
}  // namespace goldthread::places
