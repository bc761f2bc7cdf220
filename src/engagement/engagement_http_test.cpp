#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engagement/engagement.hpp"
#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::engagement {
namespace {

// Route × role rows (tests/support/route_samples.hpp). The route-matrix fixture imports the
// brexit-consensus fixture so the conversation page has something to show.
const goldthread::testing::RouteSamples kEngagementRoutes({
    {"GET", "/conversations", "anyone", "/conversations"},
    {"GET", "/conversations/{slug}", "anyone", "/conversations/brexit-consensus"},
});

TEST(ConversationsHttp, ShowsTheOpinionMapWithAttributionAndItsJsonTwin) {
  testing::TestServer server(testing::fresh_config());
  auto empty = testing::http_get(server.port(), "/conversations");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("There are no conversations yet"), std::string::npos);
  ASSERT_TRUE(
      import_polis_dir(server.app().db(), {}, testing::source_dir() + "/tests/fixtures/polis/brexit-consensus").ok());
  auto page = testing::http_get(server.port(), "/conversations/brexit-consensus");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Group A"), std::string::npos);
  EXPECT_NE(page.body.find("Computational Democracy Project"), std::string::npos);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  auto j = nlohmann::json::parse(testing::http_get(server.port(), "/api/v1/conversations/brexit-consensus").body);
  EXPECT_GE(j["map"]["groups"].size(), 2u);
  EXPECT_NE(j["conversation"]["attribution"].get<std::string>().find("CC BY 4.0"), std::string::npos);
  EXPECT_EQ(testing::http_get(server.port(), "/conversations/nope").status, 404);
}

}  // namespace
}  // namespace goldthread::engagement
