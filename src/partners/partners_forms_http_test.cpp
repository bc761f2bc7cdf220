// Hostile input in the organisation and endorsement forms, on SQLite and PostgreSQL: invalid
// UTF-8 and NUL give a 400 naming the field and write nothing (the audit trail is unchanged);
// a name in a non-Latin script still gets a page; limits have clear messages; many people
// adding the same organisation at the same moment never see a 500.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::partners {
namespace {
using namespace accounts::testing;
using nlohmann::json;

class PartnersForms : public goldthread::testing::SharedServerTest<PartnersForms> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    make_user(server_->app().db(), "placeadmin@example.com", {core::Role::place_admin}, "Pat Admin");
  }
  static std::int64_t count(const std::string& sql) {
    auto conn = server_->app().db().acquire();
    return conn->query(sql).rows.at(0).integer(0);
  }
  static std::int64_t audit_count() { return count("SELECT count(*) FROM audit_events"); }
  static std::string org_form(const std::string& name, const std::string& extra = "") {
    return "name=" + name + "&sector=voluntary-community" + (extra.empty() ? "" : "&" + extra);
  }
};

const std::vector<std::string> kBad = {"%FF%FE", "a%00b"};

TEST_F(PartnersForms, InvalidUtf8OrNulInAnOrganisationIs400NamingTheFieldAndWritesNothing) {
  auto c = signed_in_client(port(), "placeadmin@example.com");
  for (const auto& bad : kBad) {
    for (const auto& [field, form] : std::vector<std::pair<std::string, std::string>>{
             {"name", org_form("Bad" + bad)}, {"description", org_form("Fine+Name", "description=x" + bad)}}) {
      auto audit = audit_count(), orgs = count("SELECT count(*) FROM organisations");
      auto r = c.submit("/organisations", form);
      EXPECT_EQ(r.status, 400) << field << " " << bad;
      EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
      EXPECT_NE(r.body.find("href=\"#" + field + "\""), std::string::npos) << field;
      EXPECT_EQ(audit_count(), audit);
      EXPECT_EQ(count("SELECT count(*) FROM organisations"), orgs);
    }
  }
}

TEST_F(PartnersForms, InvalidUtf8OrNulInAnEndorsementIs400NamingTheFieldAndWritesNothing) {
  auto c = signed_in_client(port(), "placeadmin@example.com");
  ASSERT_EQ(c.submit("/organisations", org_form("Endorsing+Council")).status, 303);
  for (const auto& bad : kBad)
    for (const auto& field : {"body", "decision_reference", "note"}) {
      std::string form = "body=Full+Council&decision_reference=Minute+8&note=Agreed";
      auto at = form.find(std::string(field) + "=");
      form.insert(form.find('&', at) == std::string::npos ? form.size() : form.find('&', at), bad);
      auto audit = audit_count();
      auto r = c.submit("/organisations/endorsing-council/endorsement", form);
      EXPECT_EQ(r.status, 400) << field << " " << bad;
      EXPECT_NE(r.body.find(std::string("href=\"#") + field + "\""), std::string::npos) << field;
      EXPECT_EQ(audit_count(), audit) << field;
    }
  EXPECT_EQ(count("SELECT count(*) FROM endorsements WHERE organisation_id IN "
                  "(SELECT id FROM organisations WHERE slug = 'endorsing-council')"),
            0);
  // An impossible date is refused too; a real one saves.
  auto feb = c.submit("/organisations/endorsing-council/endorsement", "endorsed_on=2017-02-30&body=Full+Council");
  EXPECT_EQ(feb.status, 400);
  EXPECT_NE(feb.body.find("href=\"#endorsed_on\""), std::string::npos);
  EXPECT_EQ(c.submit("/organisations/endorsing-council/endorsement", "endorsed_on=2017-10-17&body=Full+Council").status,
            303);
}

TEST_F(PartnersForms, ANameInANonLatinScriptGetsAReadableAddressThatWorks) {
  auto c = signed_in_client(port(), "placeadmin@example.com");
  // "مرحبا بكم", twice: each gets its own page.
  const std::string arabic = "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7+%D8%A8%D9%83%D9%85";
  auto first = c.submit("/organisations", org_form(arabic));
  ASSERT_EQ(first.status, 303) << first.body;
  auto second = c.submit("/organisations", org_form(arabic));
  ASSERT_EQ(second.status, 303) << second.body;
  auto a = first.header("location"), b = second.header("location");
  EXPECT_EQ(a.rfind("/organisations/organisation-", 0), 0u) << a;
  EXPECT_NE(a, b);
  auto slug = a.substr(std::string("/organisations/").size(), a.find('?') - std::string("/organisations/").size());
  auto page = c.get("/organisations/" + slug);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("مرحبا بكم"), std::string::npos);
  EXPECT_EQ(c.get("/organisations/" + slug + "/edit").status, 200);
  EXPECT_EQ(c.submit("/organisations/" + slug, org_form(arabic, "description=Updated")).status, 303);
}

TEST_F(PartnersForms, EveryFieldHasALimitWithAClearMessage) {
  auto c = signed_in_client(port(), "placeadmin@example.com");
  auto audit = audit_count();
  auto name = c.submit("/organisations", org_form(std::string(201, 'n')));
  EXPECT_EQ(name.status, 400);
  EXPECT_NE(name.body.find("Name must be 200 characters or fewer"), std::string::npos);
  auto desc = c.submit("/organisations", org_form("Long+Description", "description=" + std::string(5001, 'd')));
  EXPECT_EQ(desc.status, 400);
  EXPECT_NE(desc.body.find("Description must be 5,000 characters or fewer"), std::string::npos);
  EXPECT_EQ(audit_count(), audit);
}

TEST_F(PartnersForms, TheSameOrganisationAddedAtTheSameMomentIsNever500) {
  auto c = signed_in_client(port(), "placeadmin@example.com");
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
      auto r =
          goldthread::testing::http_request(port(), "POST", "/organisations", h,
                                            "csrf_token=" + core::url_encode(token) + "&" + org_form("Racing+Trust"));
      status[t] = r.status;
      bodies[t] = r.body;
    });
  for (auto& th : threads) th.join();
  int created = 0;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(status[t] == 303 || status[t] == 409) << status[t] << " " << bodies[t];
    if (status[t] == 303) ++created;
    if (status[t] == 409) {
      EXPECT_NE(bodies[t].find("at the same moment"), std::string::npos);
    }
  }
  EXPECT_GE(created, 1);
  EXPECT_EQ(count("SELECT count(*) FROM organisations WHERE name = 'Racing Trust'"), created)
      << "each success is one organisation with its own address";
}

}  // namespace
}  // namespace goldthread::partners
