// Every registered route × every persona, against the real server: a route with no row in the
// table fails, and each row's access rule is checked with real requests.
#include <gtest/gtest.h>

#include <set>

#include "accounts/accounts_test_support.hpp"
#include "comms/comms_service.hpp"
#include "core/comments.hpp"
#include "engagement/engagement.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using goldthread::testing::HttpReply;
using goldthread::testing::route_samples;
using goldthread::testing::RouteSample;
using goldthread::testing::RouteSamples;

// Rows for the accounts routes; every other module's rows are in its own HTTP test.
const RouteSamples kAccounts({
    {"GET", "/sign-up", "anyone", "/sign-up"},
    {"POST", "/sign-up", "anyone", "/sign-up"},
    {"GET", "/sign-in", "anyone", "/sign-in"},
    {"POST", "/sign-in", "anyone", "/sign-in"},
    {"POST", "/sign-out", "signed-in", "/sign-out"},
    {"POST", "/sign-out-everywhere", "signed-in", "/sign-out-everywhere"},
    {"GET", "/reset-password", "anyone", "/reset-password"},
    {"POST", "/reset-password", "anyone", "/reset-password"},
    {"GET", "/reset-password/{token}", "anyone", "/reset-password/{reset_token}"},
    {"POST", "/reset-password/{token}", "anyone", "/reset-password/{reset_token}"},
    {"GET", "/verify-email/{token}", "anyone", "/verify-email/{verify_token}"},
    {"POST", "/verify-email/{token}", "anyone", "/verify-email/{verify_token}"},
    {"GET", "/account", "signed-in", "/account"},
    {"POST", "/account/verify-email", "signed-in", "/account/verify-email"},
    {"GET", "/account/profile", "signed-in", "/account/profile"},
    {"POST", "/account/profile", "signed-in", "/account/profile"},
    {"GET", "/account/password", "signed-in", "/account/password"},
    {"POST", "/account/password", "signed-in", "/account/password"},
    {"GET", "/account/export", "signed-in", "/account/export"},
    {"GET", "/account/area", "signed-in", "/account/area"},
    {"POST", "/account/area", "signed-in", "/account/area", "area="},
    {"GET", "/account/delete", "signed-in", "/account/delete"},
    {"POST", "/account/delete", "signed-in", "/account/delete"},
    {"GET", "/account/organisations", "signed-in", "/account/organisations"},
    {"POST", "/account/organisations", "signed-in", "/account/organisations"},
    {"GET", "/memberships/{id}", "partner-member|place-admin", "/memberships/{org}", "", {"partner-member"}},
    {"POST",
     "/memberships/{id}/decide",
     "partner-member|place-admin",
     "/memberships/{org}/decide",
     "decision=approve&membership_id=999999",
     {"partner-member"}},
    {"POST", "/memberships/{id}/admin", "place-admin", "/memberships/{org}/admin", "membership_id=999999&admin=1"},
    {"GET", "/admin/users", "place-admin", "/admin/users"},
    {"GET", "/admin/users/{id}", "place-admin", "/admin/users/{user}"},
    {"POST", "/admin/users/{id}/roles", "place-admin", "/admin/users/{user}/roles"},
    {"GET", "/audit", "place-admin", "/audit"},
});

class RouteMatrix : public goldthread::testing::SharedServerTest<RouteMatrix> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Matrix Trust");
    // Content for routes whose sample path needs it (see each module's RouteSamples rows).
    EXPECT_TRUE(engagement::import_polis_dir(
                    db, {}, goldthread::testing::source_dir() + "/tests/fixtures/polis/brexit-consensus")
                    .ok());
    auto add = [&](const std::string& name, std::vector<core::Role> roles) {
      personas_.push_back({name, make_user(db, name + "@example.com", std::move(roles))});
    };
    personas_.push_back({"anonymous", 0});
    add("resident", {});
    add("partner-member", {});
    add("organisation-admin", {});
    add("project-lead", {core::Role::project_lead});
    add("moderator", {core::Role::moderator});
    add("place-admin", {core::Role::place_admin});
    add("site-admin", {core::Role::site_admin});
    make_member(db, personas_[2].user_id, org_);
    make_member(db, personas_[3].user_id, org_, true);
    // core comments: /comments/1, the resident's comment on the first bundled pledge.
    core::comments::Comment comment;
    comment.resource_type = "pledge";
    comment.resource_id = 1;
    comment.author_user_id = personas_[1].user_id;
    comment.author_name = "Matrix Resident";
    comment.body = "A comment for the route matrix";
    EXPECT_TRUE(core::comments::add(db, core::audit::Actor::from(principal_of(db, personas_[1].user_id)), comment));
    // comms: /news/matrix-news and a sent newsletter issue, /newsletter/issues/1.
    auto admin = principal_of(db, personas_[6].user_id);
    auto admin_actor = core::audit::Actor::from(admin);
    EXPECT_TRUE(comms::publish_news(db, admin, admin_actor, {"Matrix news", "Hello", {}, {}, 0}));
    auto issue = comms::save_issue(db, admin_actor, 0, {"Matrix issue", "Hello"});
    EXPECT_TRUE(issue && comms::send_issue(db, admin_actor, {"", "http://localhost"}, issue->id, ""));
    target_ = make_user(db, "target@example.com");
    auto conn = db.acquire();
    reset_token_ = random_token(32);
    store::insert_reset(*conn, sha256_hex(reset_token_), target_, iso_in(std::chrono::hours(1)));
    verify_token_ = random_token(32);
    store::insert_verification(*conn, sha256_hex(verify_token_), target_, "target@example.com",
                               iso_in(std::chrono::hours(1)));
  }
  static void TearDownTestSuite() {
    SharedServerTest::TearDownTestSuite();
    personas_.clear();
  }

  static std::string fill(const std::string& path) {
    return goldthread::testing::fill_lookups(fill_placeholders(path, {{"{org}", std::to_string(org_)},
                                                                      {"{user}", std::to_string(target_)},
                                                                      {"{reset_token}", reset_token_},
                                                                      {"{verify_token}", verify_token_}}),
                                             server_->app().db());
  }

  // A fresh client for the persona (a new session each time, so sign-out rows do no harm).
  static Client client_for(const Persona& p) { return session_client(server_->port(), server_->app().db(), p.user_id); }

  static core::Principal principal_for(const Persona& p) {
    if (p.user_id == 0) return {};
    return principal_of(server_->app().db(), p.user_id);
  }

  static std::vector<Persona> personas_;
  static std::int64_t org_, target_;
  static std::string reset_token_, verify_token_;
};
std::vector<Persona> RouteMatrix::personas_;
std::int64_t RouteMatrix::org_ = 0, RouteMatrix::target_ = 0;
std::string RouteMatrix::reset_token_, RouteMatrix::verify_token_;

const RouteSample* find_sample(const core::Route& r) {
  for (const auto& s : route_samples())
    if (s.method == r.method && s.pattern == r.pattern) return &s;
  return nullptr;
}

TEST_F(RouteMatrix, EveryRouteHasARowWithItsExpectedAccessRule) {
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& r : server_->app().registry().routes()) {
    registered.insert({r.method, r.pattern});
    const auto* s = find_sample(r);
    if (!s) {
      ADD_FAILURE() << r.method << " " << r.pattern << " (module " << r.module
                    << ") has no row in the route x role table: add one with goldthread::testing::RouteSamples "
                       "(tests/support/route_samples.hpp) in the module's HTTP test";
      continue;
    }
    EXPECT_EQ(r.access.describe(), s->access) << r.method << " " << r.pattern;
  }
  for (const auto& s : route_samples())
    EXPECT_TRUE(registered.count({s.method, s.pattern})) << "stale row: " << s.method << " " << s.pattern;
}

TEST_F(RouteMatrix, EachRuleHoldsForEveryPersonaOnTheRealServer) {
  int checked = 0;
  for (const auto& r : server_->app().registry().routes()) {
    const auto* s = find_sample(r);
    if (!s) continue;  // reported by the test above
    for (const auto& p : personas_) {
      bool allowed = r.access.allows(principal_for(p)) &&
                     std::find(s->handler_denies.begin(), s->handler_denies.end(), p.name) == s->handler_denies.end();
      ++checked;
      auto c = client_for(p);
      auto path = fill(s->path);
      HttpReply res = r.method == "GET" ? c.get(path) : c.submit(path, s->body);
      auto where = r.method + " " + path + " as " + p.name + " → " + std::to_string(res.status);
      EXPECT_LT(res.status, 500) << where;
      bool to_sign_in = res.status == 303 && res.header("location").rfind("/sign-in", 0) == 0;
      if (allowed) {
        EXPECT_TRUE(res.status != 401 && res.status != 403 && !to_sign_in) << "should be allowed: " << where;
        if (r.method == "GET") {
          EXPECT_LT(res.status, 400) << where;
        }
      } else if (p.user_id == 0) {
        EXPECT_TRUE(to_sign_in || res.status == 401) << "anonymous should be sent to sign in: " << where;
      } else {
        EXPECT_EQ(res.status, 403) << "should be refused: " << where;
      }
    }
  }
  EXPECT_GE(checked, 8 * 40);  // guards against a matrix that silently checks nothing
}

}  // namespace
}  // namespace goldthread::accounts
