// The site map against the real server, on SQLite and PostgreSQL: six sections in the header,
// landing pages (HTML and JSON twin) with links that answer and planned items without links,
// the section crumb after "Home", titles, and the example conversation on a new install.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::app {
namespace {
using testing::http_get;

// Route × role rows (tests/support/route_samples.hpp) for the landing pages core serves and
// the vision page.
const goldthread::testing::RouteSamples kSiteMapRoutes({
    {"GET", "/work", "anyone", "/work"},
    {"GET", "/take-part", "anyone", "/take-part"},
    {"GET", "/progress", "anyone", "/progress"},
    {"GET", "/vision", "anyone", "/vision"},
});

class SiteMapHttp : public goldthread::testing::SharedServerTest<SiteMapHttp> {};

std::vector<std::string> header_labels(const std::string& body) {
  std::vector<std::string> out;
  std::regex item(
      R"re(govuk-service-navigation__item[^"]*">\s*<a class="govuk-service-navigation__link" href="[^"]*"[^>]*>(?:<strong[^>]*>)?([^<]+))re");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), item); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST_F(SiteMapHttp, TheHeaderIsTheSixSectionsAndTheAccountLink) {
  auto r = http_get(port(), "/initiatives");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(header_labels(r.body), (std::vector<std::string>{"Vision", "Projects", "Areas", "Organisations",
                                                             "Take part", "Progress", "Sign in"}));
  // The section the page belongs to is marked, and its crumb follows "Home".
  EXPECT_NE(r.body.find(R"(href="/work" aria-current="page")"), std::string::npos);
  EXPECT_NE(r.body.find(R"(<a class="govuk-breadcrumbs__link" href="/work">Projects</a>)"), std::string::npos);
}

TEST_F(SiteMapHttp, EachLandingListsItsPagesAndBuiltLinksReplaceThePlannedOnes) {
  auto take_part = http_get(port(), "/take-part");
  ASSERT_EQ(take_part.status, 200);
  EXPECT_NE(take_part.body.find("<h1 class=\"govuk-heading-xl\">Take part</h1>"), std::string::npos);
  EXPECT_NE(take_part.body.find(R"(href="/conversations">Conversations</a>)"), std::string::npos);
  // A built capability's link replaces the planned entry with the same key: every planned
  // entry of Take part is built now, so nothing is listed as coming.
  EXPECT_NE(take_part.body.find(R"(href="/events">Events and assemblies</a>)"), std::string::npos);
  EXPECT_NE(take_part.body.find(R"(href="/consultations">Consultations</a>)"), std::string::npos);
  EXPECT_NE(take_part.body.find(R"(href="/proposals">)"), std::string::npos);
  EXPECT_EQ(take_part.body.find("<strong>Events and assemblies</strong>"), std::string::npos);
  EXPECT_EQ(take_part.body.find("Coming to this site"), std::string::npos);

  auto j = nlohmann::json::parse(http_get(port(), "/take-part", {{"Accept", "application/json"}}).body);
  EXPECT_EQ(j["section"]["label"], "Take part");
  ASSERT_FALSE(j["links"].empty());
  EXPECT_EQ(j["links"][0]["href"], "/conversations");
  EXPECT_TRUE(j["coming"].empty()) << j["coming"].dump();

  // No dead links: every link a landing page lists answers 200.
  for (std::string landing : {"/vision", "/work", "/take-part", "/progress"}) {
    auto m = nlohmann::json::parse(http_get(port(), landing, {{"Accept", "application/json"}}).body);
    auto links = landing == "/vision" ? m["site_links"]["links"] : m["links"];
    ASSERT_FALSE(links.empty()) << landing;
    for (const auto& l : links) EXPECT_EQ(http_get(port(), l["href"].get<std::string>()).status, 200) << l["href"];
  }
}

TEST_F(SiteMapHttp, TheHomePageSaysWhatTheSiteIsAndItsTitleIsNotDoubled) {
  auto home = http_get(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("<title>The Future of Essex</title>"), std::string::npos);
  EXPECT_NE(home.body.find("The Future of Essex is where the councils, NHS, police, voluntary groups, businesses "
                           "and residents of Essex plan its future together"),
            std::string::npos);
  for (std::string action :
       {"Read the vision", "See projects and plans", "Take part and have your say", "Create an account"})
    EXPECT_NE(home.body.find(">" + action + "</a>"), std::string::npos) << action;
  auto vision = http_get(port(), "/vision");
  EXPECT_NE(vision.body.find("<title>The vision – The Future of Essex</title>"), std::string::npos);
  EXPECT_NE(vision.body.find(R"(href="/ambitions">Our ambitions</a>)"), std::string::npos);
}

TEST_F(SiteMapHttp, PageTwoOfAListHasItsOwnTitle) {
  auto two = http_get(port(), "/initiatives?page=2");
  ASSERT_EQ(two.status, 200);
  EXPECT_TRUE(std::regex_search(two.body, std::regex(R"(<title>All projects \(page 2 of \d+\) – The Future)")));
  EXPECT_NE(http_get(port(), "/initiatives").body.find("<title>All projects – The Future of Essex</title>"),
            std::string::npos);
}

TEST(SiteMapExample, ANewInstallShowsAnExampleConversationWithItsAttribution) {
  // Test servers start without examples (tests/support/test_env.cpp); this one asks for them.
  std::string dir = testing::source_dir() + "/data/polis";
  ::setenv("GOLDTHREAD_EXAMPLES_DIR", dir.c_str(), 1);
  testing::TestServer server(testing::fresh_config());
  ::setenv("GOLDTHREAD_EXAMPLES_DIR", "", 1);
  auto list = http_get(server.port(), "/conversations");
  EXPECT_NE(list.body.find("/conversations/example-brexit-consensus"), std::string::npos);
  auto page = http_get(server.port(), "/conversations/example-brexit-consensus");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("An example conversation"), std::string::npos);
  EXPECT_NE(page.body.find("The Computational Democracy Project"), std::string::npos);
  // A key ties each colour to its group's name, in Okabe and Ito's palette.
  EXPECT_NE(page.body.find("Group A (blue)"), std::string::npos);
  EXPECT_NE(page.body.find("#0072b2"), std::string::npos);
  EXPECT_EQ(page.body.find("principal component"), std::string::npos);
  EXPECT_EQ(page.body.find("#d4351c"), std::string::npos);  // the old red beside green
}

}  // namespace
}  // namespace goldthread::app
