// Hardening of accounts over HTTP (issue 10.3, 10.4, 10.9), on SQLite and PostgreSQL, through
// a server that trusts one proxy and runs heavy requests on 8 threads, like a busy deployment.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using goldthread::testing::http_request;
using goldthread::testing::HttpReply;

constexpr const char* kMetricsToken = "metrics-token-for-tests-0123456789";

class AccountsHardeningHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    auto cfg = goldthread::testing::fresh_config();
    cfg.trust_proxy = true;
    cfg.trusted_proxy_hops = 1;
    cfg.heavy_threads = 8;
    cfg.metrics_token = kMetricsToken;
    server_ = std::make_unique<goldthread::testing::TestServer>(cfg);
  }
  static void TearDownTestSuite() { server_.reset(); }
  void TearDown() override {
    set_limits_for_test(Limits{});
    set_fast_password_hashing(true);
  }
  static std::uint16_t port() { return server_->port(); }
  static core::Database& db() { return server_->app().db(); }
  static std::string new_email() { return "hard" + std::to_string(++n_) + "@example.com"; }

  // A sign-in as a browser behind the proxy would send it: the proxy appended `forwarded`.
  static HttpReply sign_in_via_proxy(const std::string& forwarded, const std::string& email,
                                     const std::string& password) {
    Client c{port(), {}};
    auto h = c.headers(true);
    h["X-Forwarded-For"] = forwarded;
    auto page = http_request(port(), "GET", "/sign-in", h);
    c.keep(page);
    auto token = nlohmann::json::parse(page.body).value("csrf_token", "");
    auto post = c.headers(false);
    post["X-Forwarded-For"] = forwarded;
    post["Content-Type"] = "application/x-www-form-urlencoded";
    return http_request(port(), "POST", "/sign-in", post,
                        "csrf_token=" + core::url_encode(token) + "&email=" + core::url_encode(email) +
                            "&password=" + core::url_encode(password));
  }

  static inline std::unique_ptr<goldthread::testing::TestServer> server_;
  static inline int n_ = 0;
};

TEST_F(AccountsHardeningHttp, FortyConcurrentWrongPasswordsCheckNoMoreThanTheLimit) {
  Limits l;
  l.sign_in_per_account_address = 10;
  l.sign_in_per_account = 1000;
  l.sign_in_per_address = 1000;
  set_limits_for_test(l);
  // Real argon2id settings, so that each check takes as long as in production.
  set_fast_password_hashing(false);
  auto email = new_email();
  ASSERT_TRUE(create_user(db(), core::audit::Actor{}, {"Victim", email, kPassword, {}}));
  std::vector<std::future<int>> guesses;
  for (int i = 0; i < 40; ++i)
    guesses.push_back(std::async(std::launch::async, [&email, i] {
      return sign_in_via_proxy("198.51.100.20", email, "wrong-guess-" + std::to_string(i)).status;
    }));
  int checked = 0, limited = 0;
  for (auto& g : guesses) {
    int status = g.get();
    if (status == 400)
      ++checked;  // the password was verified, and was wrong
    else if (status == 429)
      ++limited;
    else
      ADD_FAILURE() << "status " << status;
  }
  EXPECT_EQ(checked, 10);
  EXPECT_EQ(limited, 30);
}

TEST_F(AccountsHardeningHttp, AStrangersFailuresDoNotLockTheOwnerOut) {
  Limits l;
  l.sign_in_per_account_address = 3;
  l.sign_in_per_account = 6;
  set_limits_for_test(l);
  auto email = new_email();
  make_user(db(), email);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sign_in_via_proxy("198.51.100.30", email, "wrong-password").status, 400);
  EXPECT_EQ(sign_in_via_proxy("198.51.100.30", email, kPassword).status, 429);  // the stranger's address
  EXPECT_EQ(sign_in_via_proxy("203.0.113.44", email, kPassword).status, 303);   // the owner, elsewhere
  // Guessing from many addresses meets the ceiling for the account.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(sign_in_via_proxy("198.51.100." + std::to_string(40 + i), email, "wrong-password").status, 400);
  EXPECT_EQ(sign_in_via_proxy("198.51.100.50", email, "wrong-password").status, 429);
}

TEST_F(AccountsHardeningHttp, ASpoofedLeftmostForwardedForStillMeetsTheAddressLimit) {
  Limits l;
  l.sign_in_per_address = 5;
  set_limits_for_test(l);
  // The client writes a new address each time; the proxy appends the real one.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(
        sign_in_via_proxy("10.0.0." + std::to_string(i) + ", 198.51.100.77", new_email(), "wrong-password").status,
        400);
  auto r = sign_in_via_proxy("10.0.0.99, 198.51.100.77", new_email(), "wrong-password");
  EXPECT_EQ(r.status, 429);
  EXPECT_NE(r.header("content-security-policy"), "");
}

TEST_F(AccountsHardeningHttp, SignedInPagesAreNeverStored) {
  auto email = new_email();
  make_user(db(), email);
  Client c{port(), {}};
  EXPECT_NE(c.get("/").header("cache-control"), "no-store");  // the public home page may be cached
  auto in = c.submit("/sign-in", "email=" + core::url_encode(email) + "&password=" + kPassword);
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.header("cache-control"), "no-store");
  for (std::string path : {"/", "/account", "/account/profile", "/initiatives"})
    EXPECT_EQ(c.get(path).header("cache-control"), "no-store") << path;
}

TEST_F(AccountsHardeningHttp, APlaceAdminCannotChangeASiteAdminsRoles) {
  auto place_admin = new_email(), site_admin = new_email();
  make_user(db(), place_admin, {core::Role::place_admin});
  auto site_id = make_user(db(), site_admin, {core::Role::site_admin});
  auto c = signed_in_client(port(), place_admin);
  auto target = "/admin/users/" + std::to_string(site_id);
  // The resource names the roles; the page offers none of them to change.
  EXPECT_EQ(nlohmann::json::parse(c.get(target, true).body)["roles"], nlohmann::json::array({"site-admin"}));
  auto html = c.get(target).body;
  for (auto pos = html.find("name=\"role\""); pos != std::string::npos; pos = html.find("name=\"role\"", pos + 1))
    EXPECT_NE(html.substr(pos, html.find('>', pos) - pos).find(" disabled"), std::string::npos);
  EXPECT_NE(html.find("name=\"role\""), std::string::npos);
  // Adding moderator to, or taking site admin from, a site admin: both refused, nothing changes.
  EXPECT_EQ(c.submit(target + "/roles", "role=site-admin&role=moderator").status, 403);
  EXPECT_EQ(c.submit(target + "/roles", "").status, 403);
  auto conn = db().acquire();
  EXPECT_EQ(store::roles_of(*conn, site_id), std::vector<core::Role>{core::Role::site_admin});
}

TEST_F(AccountsHardeningHttp, MetricsAreForLoopbackOrTheToken) {
  EXPECT_EQ(goldthread::testing::http_get(port(), "/metrics").status, 200);  // loopback, no proxy header
  auto outside = goldthread::testing::http_get(port(), "/metrics", {{"X-Forwarded-For", "203.0.113.5"}});
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.body.find("http_requests"), std::string::npos);
  EXPECT_EQ(goldthread::testing::http_get(port(), "/metrics",
                                          {{"X-Forwarded-For", "203.0.113.5"}, {"Authorization", "Bearer wrong"}})
                .status,
            403);
  auto with_token = goldthread::testing::http_get(
      port(), "/metrics",
      {{"X-Forwarded-For", "203.0.113.5"}, {"Authorization", std::string("Bearer ") + kMetricsToken}});
  EXPECT_EQ(with_token.status, 200);
}

TEST_F(AccountsHardeningHttp, TheOldLayoutMarkerInASearchLeavesThePageWhole) {
  auto r = goldthread::testing::http_get(port(), "/search?q=%01goldthread-content%01");
  ASSERT_TRUE(r.status == 200 || r.status == 400) << r.status;  // 400 once control characters are refused
  auto title_end = r.body.find("</title>");
  ASSERT_NE(title_end, std::string::npos);
  EXPECT_EQ(r.body.substr(0, title_end).find("<main"), std::string::npos);  // the body is not in the title
  auto main = r.body.find("<main");
  ASSERT_NE(main, std::string::npos);
  EXPECT_EQ(r.body.find("<main", main + 1), std::string::npos);
  EXPECT_NE(r.body.find("</footer>"), std::string::npos);
}

}  // namespace
}  // namespace goldthread::accounts
