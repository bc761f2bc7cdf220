// The request pipeline against the real server, on SQLite and PostgreSQL: security headers,
// static assets, health and metrics, limits and malformed requests, HEAD — using core's own
// routes only. Also core's rows of the route × role table.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::core {
namespace {
using testing::http_get;

// Route × role rows (tests/support/route_samples.hpp) for the routes core registers.
const testing::RouteSamples kCoreRoutes({
    {"GET", "/healthz", "anyone", "/healthz"},
    {"GET", "/metrics", "anyone", "/metrics"},
    {"GET", "/api", "anyone", "/api"},
    {"GET", "/accessibility", "anyone", "/accessibility"},
    {"GET", "/privacy", "anyone", "/privacy"},
    {"GET", "/about-the-data", "anyone", "/about-the-data"},
    {"GET", "/admin/outbox", "site-admin", "/admin/outbox"},
    {"POST", "/admin/outbox/{id}/retry", "site-admin", "/admin/outbox/999999/retry"},
});

class CoreHttp : public testing::SharedServerTest<CoreHttp> {};

TEST_F(CoreHttp, EveryResponseCarriesTheSecurityHeaders) {
  // A page, a 404, a static asset and a JSON answer.
  for (std::string path : {"/accessibility", "/nope", "/static/app.css", "/healthz"}) {
    auto r = http_get(port(), path);
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_FALSE(r.header("referrer-policy").empty()) << path;
    EXPECT_FALSE(r.header("x-request-id").empty()) << path;
  }
}

TEST_F(CoreHttp, StaticAssetsHaveLongCacheAndETag) {
  auto r = http_get(port(), "/static/govuk-frontend.min.css");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("cache-control").find("max-age=31536000"), std::string::npos);
  ASSERT_FALSE(r.header("etag").empty());
  auto again = http_get(port(), "/static/govuk-frontend.min.css", {{"If-None-Match", r.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(http_get(port(), "/assets/images/favicon.ico").status, 200);
}

TEST_F(CoreHttp, HealthAndMetrics) {
  auto h = http_get(port(), "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(nlohmann::json::parse(h.body)["status"], "ok");
  http_get(port(), "/privacy");
  auto m = http_get(port(), "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("goldthread_http_requests_total"), std::string::npos);
  EXPECT_NE(m.body.find("route=\"/privacy\""), std::string::npos);
  EXPECT_NE(m.body.find("goldthread_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("goldthread_db_pool_connections"), std::string::npos);
}

TEST_F(CoreHttp, OversizeAndMalformedRequestsGetClear4xx) {
  std::string big_header = "GET /privacy HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n";
  EXPECT_NE(testing::raw_exchange(port(), big_header).find("431"), std::string::npos);
  std::string big_body = "POST /privacy HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n" + std::string(100, 'x');
  EXPECT_NE(testing::raw_exchange(port(), big_body).find("413"), std::string::npos);
  EXPECT_NE(testing::raw_exchange(port(), "NONSENSE\r\n\r\n").find("400"), std::string::npos);
  EXPECT_NE(testing::raw_exchange(port(), "GET /%%% HTTP/1.1\r\nHost: x\r\n\r\n").find("404"), std::string::npos);
  // The server is still healthy afterwards.
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

TEST_F(CoreHttp, HeadAnswersHeadersOnlyAndOtherMethodsGet405) {
  auto r = testing::http_request(port(), "HEAD", "/privacy");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(testing::http_request(port(), "POST", "/privacy").status, 405);
}

}  // namespace
}  // namespace goldthread::core
