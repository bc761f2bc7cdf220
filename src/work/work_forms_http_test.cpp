// Hostile input in the initiative, strategy and connect forms, on SQLite and PostgreSQL:
// invalid UTF-8 and NUL give a 400 naming the field and write nothing (the audit trail is
// unchanged); titles in a non-Latin script get readable addresses; limits have clear
// messages; the same title saved at the same moment is a 409 or a form error, never a 500.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using namespace accounts::testing;
using nlohmann::json;

class WorkForms : public goldthread::testing::SharedServerTest<WorkForms> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Forms Community Trust");
    auto member = make_user(db, "forms-member@example.com", {}, "Mo Member");
    make_member(db, member, org_);
    make_user(db, "forms-admin@example.com", {core::Role::place_admin}, "Pat Admin");
  }
  static std::int64_t count(const std::string& sql) {
    auto conn = server_->app().db().acquire();
    return conn->query(sql).rows.at(0).integer(0);
  }
  static std::int64_t audit_count() { return count("SELECT count(*) FROM audit_events"); }
  static std::string initiative(const std::string& title, const std::string& extra = "") {
    return "title=" + title + "&owner_organisation_id=" + std::to_string(org_) + "&status=planned" +
           (extra.empty() ? "" : "&" + extra);
  }
  static std::string strategy(const std::string& title, const std::string& extra = "") {
    return "title=" + title + "&owner_organisation_id=" + std::to_string(org_) + (extra.empty() ? "" : "&" + extra);
  }
  // The location's slug: "/initiatives/x?saved=created" → "x".
  static std::string slug_of(const std::string& location, const std::string& prefix) {
    auto rest = location.substr(prefix.size());
    return rest.substr(0, rest.find('?'));
  }
  static inline std::int64_t org_ = 0;
};

const std::vector<std::string> kBad = {"%FF%FE", "a%00b"};
const std::string kArabic = "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7+%D8%A8%D9%83%D9%85";  // "مرحبا بكم"

TEST_F(WorkForms, InvalidUtf8OrNulInAnyInitiativeFieldIs400NamingItAndWritesNothing) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  for (const auto& bad : kBad)
    for (const std::string field : {"title", "summary", "description", "lead_name", "sponsors", "partner_labels"}) {
      auto form = field == "title" ? initiative("Bad" + bad) : initiative("Fine+Title", field + "=x" + bad);
      auto audit = audit_count(), rows = count("SELECT count(*) FROM initiatives");
      auto r = c.submit("/initiatives", form);
      EXPECT_EQ(r.status, 400) << field << " " << bad;
      EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos) << field;
      EXPECT_NE(r.body.find("href=\"#" + field + "\""), std::string::npos) << field;
      EXPECT_EQ(audit_count(), audit) << field;
      EXPECT_EQ(count("SELECT count(*) FROM initiatives"), rows) << field;
    }
  // Editing is guarded the same way.
  ASSERT_EQ(c.submit("/initiatives", initiative("Guarded+Edit")).status, 303);
  auto audit = audit_count();
  auto edit = c.submit("/initiatives/guarded-edit", initiative("Guarded+Edit", "summary=%00"));
  EXPECT_EQ(edit.status, 400);
  EXPECT_NE(edit.body.find("href=\"#summary\""), std::string::npos);
  EXPECT_EQ(audit_count(), audit);
}

TEST_F(WorkForms, JsonBodiesAreCheckedTheSameWay) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  auto h = c.headers(true);
  h["Content-Type"] = "application/json";
  h["X-CSRF-Token"] = c.csrf();
  auto audit = audit_count();
  json body = {{"title", "Json Title"},
               {"owner_organisation_id", org_},
               {"status", "planned"},
               {"sponsors", json::array({"Anna", std::string("B\0b", 3)})}};
  auto r = goldthread::testing::http_request(port(), "POST", "/api/v1/initiatives", h, body.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  auto fields = json::parse(r.body)["error"]["fields"];
  ASSERT_EQ(fields.size(), 1u) << r.body;
  EXPECT_EQ(fields[0]["field"], "sponsors");
  EXPECT_EQ(audit_count(), audit);
  body["sponsors"] = json::array({"Anna", "Ben"});
  auto ok = goldthread::testing::http_request(port(), "POST", "/api/v1/initiatives", h, body.dump());
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto page = json::parse(c.get("/initiatives/json-title", true).body);
  EXPECT_EQ(page["sponsors"], json::array({"Anna", "Ben"}));
}

TEST_F(WorkForms, InvalidUtf8OrNulInAStrategyOrAConnectMessageIs400NamingTheField) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  auto form = json::parse(c.get("/strategies/new", true).body);
  ASSERT_FALSE(form["ambitions"].empty());
  std::string statement = form["ambitions"][0]["id"];
  for (const auto& bad : kBad)
    for (const std::string& field : std::vector<std::string>{"title", "summary", statement}) {
      auto f = field == "title" ? strategy("Bad" + bad) : strategy("Fine+Strategy", field + "=x" + bad);
      auto audit = audit_count();
      auto r = c.submit("/strategies", f);
      EXPECT_EQ(r.status, 400) << field << " " << bad;
      EXPECT_NE(r.body.find("href=\"#" + field + "\""), std::string::npos) << field;
      EXPECT_EQ(audit_count(), audit) << field;
    }
  EXPECT_EQ(count("SELECT count(*) FROM strategies WHERE title LIKE 'Fine%'"), 0);

  ASSERT_EQ(c.submit("/initiatives", initiative("Connect+Target")).status, 303);
  auto resident = make_user(server_->app().db(), "forms-resident@example.com", {}, "Rae Resident");
  (void)resident;
  auto r = signed_in_client(port(), "forms-resident@example.com");
  for (const auto& bad : kBad) {
    auto audit = audit_count();
    auto res = r.submit("/initiatives/connect-target/connect", "message=Hello" + bad);
    EXPECT_EQ(res.status, 400) << bad;
    EXPECT_NE(res.body.find("href=\"#message\""), std::string::npos) << res.body;
    EXPECT_NE(res.body.find("Message must not contain control characters or invalid text"), std::string::npos);
    EXPECT_EQ(audit_count(), audit);
  }
  EXPECT_EQ(count("SELECT count(*) FROM connect_requests"), 0);
  EXPECT_EQ(r.submit("/initiatives/connect-target/connect", "message=Hello%0D%0AThere").status, 303);
}

TEST_F(WorkForms, TitlesInANonLatinScriptGetReadableUniqueAddresses) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  auto first = c.submit("/initiatives", initiative(kArabic));
  ASSERT_EQ(first.status, 303) << first.body;
  auto second = c.submit("/initiatives", initiative(kArabic));
  ASSERT_EQ(second.status, 303) << second.body << " (not \"already exists\")";
  auto a = slug_of(first.header("location"), "/initiatives/"), b = slug_of(second.header("location"), "/initiatives/");
  EXPECT_EQ(a.rfind("initiative-", 0), 0u) << a;
  EXPECT_NE(a, b);
  auto page = c.get("/initiatives/" + a);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("مرحبا بكم"), std::string::npos);
  EXPECT_EQ(c.get("/initiatives/" + a + "/edit").status, 200);
  EXPECT_EQ(c.submit("/initiatives/" + a, initiative(kArabic, "summary=Updated")).status, 303);

  auto s1 = c.submit("/strategies", strategy(kArabic));
  ASSERT_EQ(s1.status, 303) << s1.body;
  auto s2 = c.submit("/strategies", strategy(kArabic));
  ASSERT_EQ(s2.status, 303) << s2.body;
  auto sa = slug_of(s1.header("location"), "/strategies/"), sb = slug_of(s2.header("location"), "/strategies/");
  EXPECT_EQ(sa.rfind("strategy-", 0), 0u) << sa;
  EXPECT_NE(sa, sb);
  EXPECT_EQ(c.get("/strategies/" + sa).status, 200);
  EXPECT_EQ(c.get("/strategies/" + sa + "/edit").status, 200);
}

TEST_F(WorkForms, ListsAndTextHaveLimitsWithClearMessages) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  auto audit = audit_count();
  std::string sponsors;
  for (int i = 0; i < 51; ++i) sponsors += "Sponsor+" + std::to_string(i) + "%0A";
  auto many = c.submit("/initiatives", initiative("Many+Sponsors", "sponsors=" + sponsors));
  EXPECT_EQ(many.status, 400);
  EXPECT_NE(many.body.find("Sponsors must be 50 lines or fewer"), std::string::npos);
  auto wide = c.submit("/initiatives", initiative("Wide+Label", "partner_labels=" + std::string(101, 'p')));
  EXPECT_EQ(wide.status, 400);
  EXPECT_NE(wide.body.find("Each line of other partners must be 100 characters or fewer"), std::string::npos);
  auto title = c.submit("/initiatives", initiative(std::string(201, 't')));
  EXPECT_EQ(title.status, 400);
  EXPECT_NE(title.body.find("Title must be 200 characters or fewer"), std::string::npos);
  // 50 KB of partner labels (accepted before) is refused without being stored.
  auto huge = c.submit("/initiatives", initiative("Huge+Labels", "partner_labels=" + std::string(50 * 1024, 'x')));
  EXPECT_EQ(huge.status, 400);
  EXPECT_EQ(audit_count(), audit);
  // Every problem at once, in the form's order.
  auto both = c.submit("/initiatives", "owner_organisation_id=" + std::to_string(org_) +
                                           "&status=nonsense&summary=" + std::string(501, 's'));
  ASSERT_EQ(both.status, 400);
  auto t = both.body.find("href=\"#title\""), s = both.body.find("href=\"#summary\""),
       st = both.body.find("href=\"#status\"");
  ASSERT_NE(t, std::string::npos);
  ASSERT_NE(s, std::string::npos);
  ASSERT_NE(st, std::string::npos);
  EXPECT_LT(t, s);
  EXPECT_LT(s, st);
}

TEST_F(WorkForms, TheSameTitleSavedAtTheSameMomentIsOneInitiativeAndNever500) {
  auto c = signed_in_client(port(), "forms-member@example.com");
  auto token = c.csrf();
  constexpr int kThreads = 8;
  std::vector<int> status(kThreads);
  std::vector<std::string> bodies(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      ready++;
      while (ready < kThreads) std::this_thread::yield();
      auto h = c.headers(false);
      h["Content-Type"] = "application/x-www-form-urlencoded";
      auto r = goldthread::testing::http_request(
          port(), "POST", "/initiatives", h, "csrf_token=" + core::url_encode(token) + "&" + initiative("Race+Day"));
      status[t] = r.status;
      bodies[t] = r.body;
    });
  for (auto& th : threads) th.join();
  int created = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (status[t] == 303) {
      ++created;
    } else if (status[t] == 409) {
      EXPECT_NE(bodies[t].find("at the same moment"), std::string::npos);
    } else {
      EXPECT_TRUE(status[t] == 400 && bodies[t].find("already exists") != std::string::npos) << status[t] << bodies[t];
    }
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(count("SELECT count(*) FROM initiatives WHERE slug = 'race-day'"), 1);
}

}  // namespace
}  // namespace goldthread::work
