// Accounts over HTTP on SQLite and PostgreSQL: cookies, CSRF, sessions, resets, limits, forms.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/mail.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using goldthread::testing::http_request;

class AccountsHttp : public goldthread::testing::SharedServerTest<AccountsHttp> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
  }
  void TearDown() override {
    set_clock_offset_for_test(std::chrono::seconds(0));
    set_limits_for_test(Limits{});
  }
  core::Database& db() { return server_->app().db(); }
  Client client() { return Client{server_->port(), {}}; }
  std::string new_email() { return "person" + std::to_string(++n_) + "@example.com"; }
  static int n_;
};
int AccountsHttp::n_ = 0;

TEST_F(AccountsHttp, SignUpSignInAccountSignOut) {
  auto c = client();
  auto email = new_email();
  auto r = c.submit("/sign-up", "name=Ann+Smith&email=" + email + "&password=tidal-lantern-mossy");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("govuk-panel"), std::string::npos);
  auto in = c.submit("/sign-in", "email=" + email + "&password=tidal-lantern-mossy&next=/account/profile");
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.header("location"), "/account/profile");
  auto cookie = in.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  auto account = c.get("/account");
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("Ann Smith"), std::string::npos);
  EXPECT_NE(account.body.find("action=\"/sign-out\""), std::string::npos);
  auto j = nlohmann::json::parse(c.get("/account", true).body);
  EXPECT_EQ(j["user"]["email"], email);
  auto out = c.submit("/sign-out", "");
  EXPECT_EQ(out.status, 303);
  auto after = c.get("/account");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("location"), "/sign-in?next=%2Faccount");
}

TEST_F(AccountsHttp, PostWithoutAValidTokenGets403WithAClearPage) {
  auto c = client();
  c.get("/sign-in");
  auto none = c.post("/sign-in", "email=a@example.com&password=x");
  EXPECT_EQ(none.status, 403);
  EXPECT_NE(none.body.find("Your form could not be sent"), std::string::npos);
  EXPECT_EQ(c.post("/sign-in", "csrf_token=forged.abc&email=a@example.com&password=x").status, 403);
  // A token without the cookie it was made for is refused (double submit).
  auto token = c.csrf();
  Client other = client();
  EXPECT_EQ(other.post("/sign-in", "csrf_token=" + token + "&email=a@example.com&password=x").status, 403);
  // Signed in: the synchroniser token; JSON clients send it in X-CSRF-Token.
  auto email = new_email();
  make_user(db(), email);
  ASSERT_TRUE(c.sign_in(email));
  EXPECT_EQ(c.post("/account/profile", "name=New+Name&email=" + email).status, 403);
  auto h = c.headers(true);
  h["Content-Type"] = "application/json";
  h["X-CSRF-Token"] = c.csrf();
  auto api = http_request(server_->port(), "POST", "/api/v1/account/profile", h,
                          nlohmann::json{{"name", "Api Name"}, {"email", email}}.dump());
  EXPECT_EQ(api.status, 200) << api.body;
  EXPECT_NE(c.get("/account").body.find("Api Name"), std::string::npos);
}

TEST_F(AccountsHttp, SessionIdRotatesAtSignInAndExpiresWhenIdleOrOld) {
  auto email = new_email();
  make_user(db(), email);
  auto c = client();
  ASSERT_TRUE(c.sign_in(email));
  auto first = c.cookies[kSessionCookie];
  ASSERT_TRUE(c.sign_in(email));  // signing in again while signed in gives a new id
  EXPECT_NE(c.cookies[kSessionCookie], first);
  Client stale = client();
  stale.cookies[kSessionCookie] = first;
  EXPECT_EQ(stale.get("/account").status, 303);
  EXPECT_EQ(c.get("/account").status, 200);
  set_clock_offset_for_test(std::chrono::minutes(61));
  EXPECT_EQ(c.get("/account").status, 303);  // idle too long
  set_clock_offset_for_test(std::chrono::seconds(0));
  Client d = client();
  ASSERT_TRUE(d.sign_in(email));
  for (int m = 50; m <= 12 * 60; m += 50) {
    set_clock_offset_for_test(std::chrono::minutes(m));
    ASSERT_EQ(d.get("/account").status, 200) << m;
  }
  set_clock_offset_for_test(std::chrono::minutes(12 * 60 + 5));
  EXPECT_EQ(d.get("/account").status, 303);  // absolute limit
}

TEST_F(AccountsHttp, PrivilegeChangeRotatesTheSessionAndSignOutEverywhereEndsAll) {
  auto email = new_email();
  auto id = make_user(db(), email);
  auto c = client(), other = client();
  ASSERT_TRUE(c.sign_in(email));
  ASSERT_TRUE(other.sign_in(email));
  auto before = c.cookies[kSessionCookie];
  core::Principal site;
  site.user_id = 0;
  site.roles = {core::Role::site_admin};
  ASSERT_TRUE(set_user_roles(db(), site, id, {core::Role::moderator}, test_origin()));
  auto r = c.get("/account", true);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(c.cookies[kSessionCookie], before);
  EXPECT_NE(r.body.find("moderator"), std::string::npos);
  Client old = client();
  old.cookies[kSessionCookie] = before;
  EXPECT_EQ(old.get("/account").status, 303);
  EXPECT_EQ(c.submit("/sign-out-everywhere", "").status, 303);
  EXPECT_EQ(other.get("/account").status, 303);
}

TEST_F(AccountsHttp, ForgottenPasswordEndToEndThroughTheOutbox) {
  auto email = new_email();
  make_user(db(), email);
  auto c = client();
  auto r = c.submit("/reset-password", "email=" + email);
  ASSERT_EQ(r.status, 200);
  auto unknown = c.submit("/reset-password", "email=nobody-here@example.com");
  EXPECT_EQ(unknown.status, 200);
  std::vector<core::mail::Stored> mail;
  {
    auto conn = db().acquire();
    mail = core::mail::for_recipient(*conn, email);
  }
  ASSERT_EQ(mail.size(), 1u);
  auto at = mail[0].text.find("/reset-password/");
  auto link = mail[0].text.substr(at, 16 + 43);
  ASSERT_EQ(c.get(link).status, 200);
  auto weak = c.submit(link, "new_password=short");
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.body.find("href=\"#new_password\""), std::string::npos);
  EXPECT_EQ(c.submit(link, "new_password=a-brand-new-secret").status, 200);
  EXPECT_EQ(c.get(link).status, 404);  // single use
  EXPECT_TRUE(c.sign_in(email, "a-brand-new-secret"));
}

TEST_F(AccountsHttp, TooManySignInsGetA429Page) {
  Limits l;
  l.sign_in_per_account = 2;
  set_limits_for_test(l);
  auto email = new_email();
  make_user(db(), email);
  auto c = client();
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(c.submit("/sign-in", "email=" + email + "&password=wrong-password").status, 400);
  auto r = c.submit("/sign-in", "email=" + email + "&password=" + kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_NE(r.body.find("too many attempts"), std::string::npos);
}

TEST_F(AccountsHttp, FormsShowEachErrorAndKeepWhatWasTypedButNotPasswords) {
  auto c = client();
  auto r = c.submit("/sign-up", "name=Ann+Smith&email=not-an-email&password=secret-typed-pw1");
  r = c.submit("/sign-up", "name=Ann+Smith&email=not-an-email&password=short");
  ASSERT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#email\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#password\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"Ann Smith\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"not-an-email\""), std::string::npos);
  EXPECT_EQ(r.body.find("short"), std::string::npos);
  EXPECT_NE(r.body.find("<title>Error: "), std::string::npos);
  EXPECT_NE(r.body.find("autocomplete=\"new-password\""), std::string::npos);
}

TEST_F(AccountsHttp, BadInputNeverGives500) {
  auto email = new_email();
  make_user(db(), email, {core::Role::site_admin});
  auto c = client();
  ASSERT_TRUE(c.sign_in(email));
  std::vector<std::string> junk = {"",
                                   "%",
                                   "%zz",
                                   "a=%00b",
                                   std::string(5000, 'x'),
                                   "organisation_id=-1",
                                   "organisation_id=99999999999999999999",
                                   "membership_id=abc&decision=x",
                                   "role=site-admin&role=nope",
                                   "name=%01&email=%01"};
  for (std::string path : {"/account/profile", "/account/password", "/account/organisations", "/memberships/1/decide",
                           "/memberships/1/admin", "/admin/users/1/roles", "/admin/users/999/roles",
                           "/reset-password/xyz", "/memberships/abc/decide"})
    for (const auto& body : junk) {
      auto r = c.submit(path, body);
      EXPECT_LT(r.status, 500) << path << " " << body;
    }
  for (const std::string& path : std::vector<std::string>{
           "/audit?person=x&from=2020-13&page=-4", "/audit?page=99999999999999", "/admin/users?q=%25&page=0",
           "/admin/users/0", "/admin/users/abc", "/memberships/0", "/reset-password/" + std::string(500, 'a')})
    EXPECT_LT(c.get(path).status, 500) << path;
  EXPECT_EQ(c.get("/account/delete").status, 200);  // still signed in after all that
}

TEST_F(AccountsHttp, AuditPagesFilterAndShowHistory) {
  auto email = new_email();
  make_user(db(), email, {core::Role::place_admin});
  auto target = make_user(db(), new_email());
  auto c = client();
  ASSERT_TRUE(c.sign_in(email));
  auto j = nlohmann::json::parse(c.get("/audit?resource_type=user&resource_id=" + std::to_string(target), true).body);
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["action"], "create");
  auto bad = c.get("/audit?from=yesterday");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("href=\"#from\""), std::string::npos);
  auto page = c.get("/admin/users/" + std::to_string(target));
  EXPECT_NE(page.body.find("History"), std::string::npos);
  auto users = nlohmann::json::parse(c.get("/admin/users?q=person", true).body);
  EXPECT_GE(users["users"].size(), 1u);
}

}  // namespace
}  // namespace goldthread::accounts
