// Feedback after every action and a readable audit trail (issue 9.3, 9.4), over HTTP on SQLite
// and PostgreSQL: asking to join shows a confirmation and a pending request on the account
// page; the organisation's admin sees a count where they land and gets a mail; approving says
// so; /admin links the administration pages; the audit trail names resources and shows
// field-by-field differences; deleting an account redacts the person's name and address in
// past audit records, requests to connect and the outbox.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/mail.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using nlohmann::json;

goldthread::testing::RouteSamples kRows({{"GET", "/admin", "place-admin", "/admin"}});

class AccountsFeedbackHttp : public goldthread::testing::SharedServerTest<AccountsFeedbackHttp> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Gamma Youth Network");
    owen_ = make_user(db, "owen@example.com", {}, "Owen Organiser");
    make_member(db, owen_, org_, true);
    make_user(db, "pat@example.com", {core::Role::place_admin}, "Pat Place");
    make_user(db, "sam@example.com", {core::Role::site_admin}, "Sam Site");
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static std::int64_t count(const std::string& sql, const std::vector<core::Value>& params) {
    auto conn = server_->app().db().acquire();
    return conn->query(sql, params).rows.at(0).integer(0);
  }
  static inline std::int64_t org_ = 0, owen_ = 0;
};

TEST_F(AccountsFeedbackHttp, AskingToJoinConfirmsShowsAsPendingAndTheAdminSeesACountAndAMail) {
  make_user(server_->app().db(), "jo@example.com", {}, "Jo Joiner");
  auto jo = as("jo@example.com");
  auto owen = as("owen@example.com");
  auto r = jo.submit("/account/organisations", "organisation_id=" + std::to_string(org_));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/account/organisations?asked=" + std::to_string(org_));
  EXPECT_NE(jo.get(r.header("location")).body.find("You asked to join Gamma Youth Network"), std::string::npos);
  auto account = jo.get("/account").body;
  EXPECT_NE(account.find("Gamma Youth Network <strong class=\"govuk-tag govuk-tag--yellow\">Waiting for approval"),
            std::string::npos);
  {
    auto conn = server_->app().db().acquire();
    auto mail = core::mail::for_recipient(*conn, "owen@example.com");
    ASSERT_FALSE(mail.empty());
    EXPECT_EQ(mail.back().subject, "Jo Joiner asked to join Gamma Youth Network");
  }
  auto twin = json::parse(owen.get("/account", true).body);
  ASSERT_EQ(twin["waiting"].size(), 1u);
  EXPECT_EQ(twin["waiting"][0]["count"], 1);
  EXPECT_EQ(twin["waiting"][0]["href"], "/memberships/" + std::to_string(org_));

  auto members = json::parse(owen.get("/memberships/" + std::to_string(org_), true).body);
  ASSERT_EQ(members["pending"].size(), 1u);
  auto id = members["pending"][0]["id"].get<std::int64_t>();
  r = owen.submit("/memberships/" + std::to_string(org_) + "/decide",
                  "membership_id=" + std::to_string(id) + "&decision=approve");
  ASSERT_EQ(r.status, 303);
  EXPECT_NE(owen.get(r.header("location")).body.find("Request approved: they are now a member of Gamma Youth Network"),
            std::string::npos);
  EXPECT_EQ(json::parse(owen.get("/account", true).body)["waiting"][0]["count"], 0);
}

TEST_F(AccountsFeedbackHttp, TheAdminHubLinksUsersMembershipsTheOutboxAndTheAuditTrail) {
  auto pat = as("pat@example.com");
  auto sam = as("sam@example.com");
  auto page = pat.get("/admin");
  ASSERT_EQ(page.status, 200);
  for (const char* href : {"href=\"/admin/users\"", "href=\"/audit\""})
    EXPECT_NE(page.body.find(href), std::string::npos) << href;
  EXPECT_EQ(page.body.find("href=\"/admin/outbox\""), std::string::npos);  // site admins only
  EXPECT_NE(sam.get("/admin").body.find("href=\"/admin/outbox\""), std::string::npos);
  EXPECT_NE(pat.get("/account").body.find("href=\"/admin\""), std::string::npos);
  EXPECT_EQ(as("owen@example.com").get("/admin").status, 403);
  // Sign out is in the header of every signed-in page: a POST form with the CSRF token.
  auto home = pat.get("/").body;
  EXPECT_NE(home.find("<form method=\"post\" action=\"/sign-out\""), std::string::npos);
}

TEST_F(AccountsFeedbackHttp, TheAuditTrailNamesTheResourceAndShowsFieldByFieldDifferences) {
  auto pat = as("pat@example.com");
  ASSERT_EQ(pat.submit("/initiatives", "title=Readable+Trail&status=planned&summary=First").status, 303);
  ASSERT_EQ(pat.submit("/initiatives/readable-trail", "title=Readable+Trail+Two&status=active&summary=First").status,
            303);
  auto twin = json::parse(pat.get("/audit?resource_type=initiative", true).body);
  ASSERT_FALSE(twin["events"].empty());
  const auto& e = twin["events"][0];
  EXPECT_EQ(e["resource"]["name"], "Readable Trail Two");
  EXPECT_EQ(e["resource"]["href"], "/initiatives/readable-trail");
  EXPECT_EQ(e["summary"], "Pat Place changed initiative Readable Trail Two");
  bool title = false, summary_listed = false;
  for (const auto& c : e["changes"]) {
    if (c["field"] == "Title") title = c["before"] == "Readable Trail" && c["after"] == "Readable Trail Two";
    if (c["field"] == "Summary") summary_listed = true;
  }
  EXPECT_TRUE(title) << e["changes"].dump();
  EXPECT_FALSE(summary_listed);  // unchanged fields are not listed
  auto html = pat.get("/audit?resource_type=initiative").body;
  EXPECT_NE(html.find("<strong>Title</strong>: Readable Trail → Readable Trail Two"), std::string::npos);
  EXPECT_NE(html.find("<strong>Status</strong>: planned → active"), std::string::npos);
  EXPECT_NE(html.find("href=\"/initiatives/readable-trail\">Readable Trail Two</a>"), std::string::npos);
  EXPECT_EQ(html.find("&quot;slug&quot;"), std::string::npos);      // no JSON blobs
  EXPECT_NE(html.find("value=\"initiative\""), std::string::npos);  // the filter is kept
  EXPECT_NE(html.find("href=\"/audit\">Clear the filters"), std::string::npos);
}

TEST_F(AccountsFeedbackHttp, DeletingAnAccountRedactsTheNameAndAddressInTheAuditTrailRequestsAndOutbox) {
  make_user(server_->app().db(), "dana.gone@example.com", {}, "Dana Gonewell");
  auto dana = as("dana.gone@example.com");
  ASSERT_EQ(dana.submit("/account/organisations", "organisation_id=" + std::to_string(org_)).status, 303);
  ASSERT_EQ(
      dana.submit("/initiatives/essex-supports/connect", "message=" + core::url_encode("Dana Gonewell here")).status,
      303);
  auto like = [](const char* column, const char* table) {
    return std::string("SELECT count(*) FROM ") + table + " WHERE lower(" + column + ") LIKE ?";
  };
  auto mentions = [&]() {
    std::int64_t n = 0;
    for (const char* needle : {"%dana.gone@example.com%", "%dana gonewell%"}) {
      for (const char* col : {"actor_name", "before_json", "after_json"})
        n += count(like(col, "audit_events"), {needle});
      for (const char* col : {"to_address", "subject", "text_body"}) n += count(like(col, "mail_outbox"), {needle});
      for (const char* col : {"user_name", "message"}) n += count(like(col, "connect_requests"), {needle});
    }
    return n;
  };
  ASSERT_GT(mentions(), 3);
  auto r = dana.submit("/account/delete", std::string("contributions=keep&password=") + kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_NE(r.body.find("Your account has been deleted"), std::string::npos);
  EXPECT_EQ(mentions(), 0);
  EXPECT_GT(count("SELECT count(*) FROM connect_requests WHERE user_name = ?", {"deleted user"}), 0);
  // What happened is still there, with the person redacted.
  EXPECT_GT(count(like("actor_name", "audit_events"), {"deleted user"}), 0);
}

}  // namespace
}  // namespace goldthread::accounts
