// Hostile input in the accounts forms, on SQLite and PostgreSQL: invalid UTF-8 and NUL in a
// name give a 400 that names the field and write nothing; a refused sign-up does not count
// against the sign-up limit; limits have clear messages; JSON bodies follow the same rules.
#include <gtest/gtest.h>

#include "accounts/account.hpp"
#include "accounts/accounts_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using goldthread::testing::http_request;
using nlohmann::json;

class AccountsForms : public goldthread::testing::SharedServerTest<AccountsForms> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
  }
  static core::Database& db() { return server_->app().db(); }
  static std::int64_t count(const std::string& table) {
    auto conn = db().acquire();
    return conn->query("SELECT count(*) FROM " + table).rows.at(0).integer(0);
  }
  static std::string new_email() {
    static int n = 0;
    return "forms" + std::to_string(++n) + "@example.com";
  }
};

// "Ann\xff\xfe" and "Ann\0" as form values.
const std::vector<std::string> kBadNames = {"Ann%FF%FE", "Ann%00Lee"};

TEST_F(AccountsForms, SignUpWithInvalidUtf8OrNulIs400NamingTheNameAndWritesNothing) {
  for (const auto& bad : kBadNames) {
    auto users = count("users"), audit = count("audit_events"), outbox = count("mail_outbox");
    Client c{port(), {}};
    auto r = c.submit("/sign-up", "name=" + bad + "&email=" + new_email() + "&password=tidal-lantern-mossy");
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"#name\""), std::string::npos);
    EXPECT_NE(r.body.find("Full name must not contain control characters or invalid text"), std::string::npos);
    EXPECT_EQ(count("users"), users);
    EXPECT_EQ(count("audit_events"), audit);
    EXPECT_EQ(count("mail_outbox"), outbox);
  }
}

TEST_F(AccountsForms, ARefusedSignUpDoesNotCountAgainstTheLimit) {
  auto saved = limits();
  auto strict = saved;
  strict.sign_up_per_address = 1;
  set_limits_for_test(strict);
  {
    auto conn = db().acquire();
    conn->query("DELETE FROM auth_attempts");
  }
  Client c{port(), {}};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(c.submit("/sign-up", "name=Ann%FF&email=" + new_email() + "&password=tidal-lantern-mossy").status, 400);
  auto ok = c.submit("/sign-up", "name=Ann+Lee&email=" + new_email() + "&password=tidal-lantern-mossy");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(ok.body.find("Check your e-mail"), std::string::npos);
  EXPECT_EQ(c.submit("/sign-up", "name=Ann+Lee&email=" + new_email() + "&password=tidal-lantern-mossy").status, 429)
      << "the limit itself still holds";
  set_limits_for_test(saved);
}

TEST_F(AccountsForms, ProfileNamesAreCheckedTheSameWayAsFormsAndAsJson) {
  auto email = new_email();
  make_user(db(), email, {}, "Pat Profile");
  auto c = signed_in_client(port(), email);
  for (const auto& bad : kBadNames) {
    auto audit = count("audit_events");
    auto r = c.submit("/account/profile", "name=" + bad + "&email=" + email);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("href=\"#name\""), std::string::npos);
    EXPECT_EQ(count("audit_events"), audit);
  }
  auto h = c.headers(true);
  h["Content-Type"] = "application/json";
  h["X-CSRF-Token"] = c.csrf();
  auto audit = count("audit_events");
  auto api = http_request(port(), "POST", "/api/v1/account/profile", h,
                          json{{"name", std::string("Pat\0Nul", 7)}, {"email", email}}.dump());
  ASSERT_EQ(api.status, 400) << api.body;
  auto errors = json::parse(api.body)["errors"];
  ASSERT_FALSE(errors.empty()) << api.body;
  EXPECT_EQ(errors[0]["href"], "#name");
  EXPECT_EQ(errors[0]["text"], "Full name must not contain control characters or invalid text");
  EXPECT_EQ(count("audit_events"), audit);
  // The limit, and a readable name still saves.
  auto too_long = c.submit("/account/profile", "name=" + std::string(101, 'a') + "&email=" + email);
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find("Full name must be 100 characters or fewer"), std::string::npos);
  EXPECT_EQ(c.submit("/account/profile", "name=Pat+%E2%9C%93+Profile&email=" + email).status, 303);
  EXPECT_NE(c.get("/account").body.find("Pat ✓ Profile"), std::string::npos);
}

TEST_F(AccountsForms, AJsonBodyThatIsNotAnObjectOrTooDeepIsA400) {
  Client c{port(), {}};
  auto token = c.csrf();
  auto h = c.headers(true);
  h["Content-Type"] = "application/json";
  h["X-CSRF-Token"] = token;
  auto arr = http_request(port(), "POST", "/api/v1/sign-in", h, "[1,2,3]");
  EXPECT_EQ(arr.status, 400) << arr.body;
  auto deep = http_request(port(), "POST", "/api/v1/sign-in", h,
                           "{\"email\":" + std::string(100, '[') + std::string(100, ']') + "}");
  EXPECT_EQ(deep.status, 400) << deep.body;
  EXPECT_NE(deep.body.find("nested too deeply"), std::string::npos);
}

}  // namespace
}  // namespace goldthread::accounts
