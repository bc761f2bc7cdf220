#include "core/router.hpp"

#include <gtest/gtest.h>

namespace goldthread::core {
namespace {

Response ok(Context&) { return Response::text("ok"); }

TEST(Router, LiteralSegmentsWinOverParameters) {
  std::vector<Route> routes = {{"GET", "/ambitions/{slug}", Access::anyone(), ok, "t"},
                               {"GET", "/ambitions/new", Access::anyone(), ok, "t"}};
  Router r(routes);
  auto m = r.match("GET", "/ambitions/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/ambitions/new");
  auto p = r.match("GET", "/ambitions/unite");
  ASSERT_NE(p.route, nullptr);
  EXPECT_EQ(p.params["slug"], "unite");
}

TEST(Router, ReportsMethodNotAllowedForAKnownPath) {
  std::vector<Route> routes = {{"GET", "/areas", Access::anyone(), ok, "t"}};
  Router r(routes);
  auto m = r.match("POST", "/areas");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_FALSE(r.match("GET", "/nowhere").method_not_allowed);
}

TEST(Router, HeadMatchesGetAndTrailingSlashesAreIgnored) {
  std::vector<Route> routes = {{"GET", "/areas/{code}", Access::anyone(), ok, "t"}};
  Router r(routes);
  EXPECT_NE(r.match("HEAD", "/areas/E07000075").route, nullptr);
  EXPECT_NE(r.match("GET", "/areas/E07000075/").route, nullptr);
  EXPECT_EQ(r.match("GET", "/areas/E07000075/extra").route, nullptr);
}

TEST(Http, DecodesPercentEscapesAndPlusInForms) {
  EXPECT_EQ(url_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(url_decode("a%20b+c", false), "a b+c");
  EXPECT_EQ(url_decode("bad%zzescape%", true), "bad%zzescape%");
  auto q = parse_query("q=golden+thread&page=2&empty=&flag");
  EXPECT_EQ(q.find("q")->second, "golden thread");
  EXPECT_EQ(q.find("page")->second, "2");
  EXPECT_EQ(q.find("empty")->second, "");
  EXPECT_EQ(q.count("flag"), 1u);
}

TEST(Http, CookieLookupFindsTheNamedCookieOnly) {
  Request r;
  r.headers.add("Cookie", "a=1; gt_session=abc; b=2");
  EXPECT_EQ(r.cookie("gt_session").value_or(""), "abc");
  EXPECT_FALSE(r.cookie("missing").has_value());
}

TEST(Access, RulesAllowTheRightPrincipals) {
  Principal anon;
  Principal resident{1, "R", "r@example.org", {Role::resident}, {}, ""};
  Principal admin{2, "A", "a@example.org", {Role::resident, Role::site_admin}, {}, ""};
  EXPECT_TRUE(Access::anyone().allows(anon));
  EXPECT_FALSE(Access::signed_in().allows(anon));
  EXPECT_TRUE(Access::signed_in().allows(resident));
  EXPECT_FALSE(Access::any_of({Role::place_admin}).allows(resident));
  EXPECT_TRUE(Access::any_of({Role::place_admin}).allows(admin));
  Role r;
  EXPECT_TRUE(parse_role("site_admin", r));
  EXPECT_EQ(r, Role::site_admin);
  EXPECT_FALSE(parse_role("emperor", r));
}

}  // namespace
}  // namespace goldthread::core
