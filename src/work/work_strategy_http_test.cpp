// The strategy forms over HTTP, on SQLite and PostgreSQL: members of the owner organisation and
// place admins add and edit strategies with an alignment statement per ambition or priority.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using namespace accounts::testing;
using nlohmann::json;

class StrategyFormsHttp : public goldthread::testing::SharedServerTest<StrategyFormsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Gamma Arts Network");
    make_member(db, make_user(db, "gamma@example.com", {}, "Gil Gamma"), org_);
    make_user(db, "curator@example.com", {core::Role::place_admin}, "Cora Curator");
  }
  static Client signed_in(const std::string& email) { return signed_in_client(port(), email); }
  static std::vector<core::audit::Event> audit_of_strategy(const std::string& slug) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = "strategy";
    f.resource_id =
        std::to_string(conn->query("SELECT id FROM strategies WHERE slug = ?", {slug}).rows.at(0).integer(0));
    return core::audit::list(*conn, f).events;
  }
  static std::int64_t org_;
};
std::int64_t StrategyFormsHttp::org_ = 0;

TEST_F(StrategyFormsHttp, AMemberAddsAStrategyWithStatementsAndTheMatrixCountsIt) {
  auto gil = signed_in("gamma@example.com");
  auto form = json::parse(gil.get("/strategies/new", true).body);
  ASSERT_EQ(form["owner_options"].size(), 1u);
  std::string whole = form["ambitions"][0]["id"], priority = form["ambitions"][3]["priorities"][0]["id"];
  auto strategies_under = [&] {
    return json::parse(gil.get("/alignment", true).body)["ambitions"][3]["priorities"][0]["counts"]["strategies"]
        .get<int>();
  };
  int before = strategies_under();
  auto r = gil.submit(
      "/strategies", "title=Gamma+Culture+Plan&summary=Arts+for+all&owner_organisation_id=" + std::to_string(org_) +
                         "&period_start=2025&period_end=2030-03-31" + "&url=https%3A%2F%2Fexample.org%2Fplan&" + whole +
                         "=Festivals+in+every+district&" + priority + "=Creative+health+clinics");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/strategies/gamma-culture-plan?saved=created");
  auto page = gil.get("/strategies/gamma-culture-plan?saved=created");
  EXPECT_NE(page.body.find("Strategy added"), std::string::npos);
  EXPECT_NE(page.body.find("Creative health clinics"), std::string::npos);
  EXPECT_NE(page.body.find("Edit this strategy"), std::string::npos);
  auto twin = json::parse(gil.get("/strategies/gamma-culture-plan", true).body);
  EXPECT_EQ(twin["alignments"].size(), 2u);
  EXPECT_EQ(twin["period_start"], "2025");
  EXPECT_EQ(twin["period_end"], "2030-03-31");
  EXPECT_FALSE(twin.contains("can_edit"));
  EXPECT_EQ(strategies_under(), before + 1);
  auto events = audit_of_strategy("gamma-culture-plan");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].organisation_id, org_);

  // Edit: drop one statement; the edit is audited with before and after.
  auto edit =
      gil.submit("/strategies/gamma-culture-plan",
                 "title=Gamma+Culture+Plan&owner_organisation_id=" + std::to_string(org_) + "&" + whole + "=Festivals");
  ASSERT_EQ(edit.status, 303);
  EXPECT_EQ(edit.header("location"), "/strategies/gamma-culture-plan?saved=updated");
  EXPECT_EQ(json::parse(gil.get("/strategies/gamma-culture-plan", true).body)["alignments"].size(), 1u);
  events = audit_of_strategy("gamma-culture-plan");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
  // A title already taken is refused on create.
  auto dup = gil.submit("/strategies", "title=Gamma+Culture+Plan&owner_organisation_id=" + std::to_string(org_));
  EXPECT_EQ(dup.status, 400);
  EXPECT_NE(dup.body.find("href=\"#title\""), std::string::npos);
}

TEST_F(StrategyFormsHttp, ValidationNamesEachFieldAndKeepsWhatWasTyped) {
  auto gil = signed_in("gamma@example.com");
  auto form = json::parse(gil.get("/strategies/new", true).body);
  std::string field = form["ambitions"][1]["id"];
  auto r = gil.submit("/strategies", "title=&owner_organisation_id=999999&period_start=soon&url=ftp%3A%2F%2Fx&" +
                                         field + "=" + core::url_encode("Kept <words>"));
  ASSERT_EQ(r.status, 400);
  for (const char* f : {"title", "owner_organisation_id", "period", "url"})
    EXPECT_NE(r.body.find(std::string("href=\"#") + f + "\""), std::string::npos) << f;
  EXPECT_NE(r.body.find("Kept &lt;words&gt;"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"soon\""), std::string::npos);
  auto j = json::parse(gil.submit("/strategies", "title=", true).body);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "title");
  auto long_statement = gil.submit("/strategies", "title=Long&owner_organisation_id=" + std::to_string(org_) + "&" +
                                                      field + "=" + std::string(2500, 'x'));
  EXPECT_EQ(long_statement.status, 400);
  EXPECT_NE(long_statement.body.find("href=\"#alignments\""), std::string::npos);
}

TEST_F(StrategyFormsHttp, OnlyTheOwnersMembersAndPlaceAdminsEditAStrategy) {
  auto gil = signed_in("gamma@example.com");
  EXPECT_EQ(gil.get("/strategies/rochford-business-plan/edit").status, 403);
  EXPECT_EQ(gil.submit("/strategies/rochford-business-plan", "title=Mine").status, 403);
  EXPECT_EQ(gil.get("/strategies/rochford-business-plan").body.find("Edit this strategy"), std::string::npos);
  auto cora = signed_in("curator@example.com");
  auto form = json::parse(cora.get("/strategies/rochford-business-plan/edit", true).body);
  EXPECT_TRUE(form["is_edit"].get<bool>());
  std::string owner = std::to_string(form["owner_options"][0]["value"].get<std::int64_t>());
  for (const auto& o : form["owner_options"])
    if (o["selected"].get<bool>()) owner = std::to_string(o["value"].get<std::int64_t>());
  auto r = cora.submit("/strategies/rochford-business-plan",
                       "title=Rochford+District+Council+Business+Plan&summary=Curated&owner_organisation_id=" + owner);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(json::parse(cora.get("/strategies/rochford-business-plan", true).body)["summary"], "Curated");
  EXPECT_EQ(audit_of_strategy("rochford-business-plan")[0].action, "update");
  EXPECT_EQ(cora.get("/strategies/no-such-plan/edit").status, 404);
  auto created =
      cora.submit("/strategies", "title=Place+Wide+Plan&owner_organisation_id=" + std::to_string(org_), true);
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(json::parse(created.body)["href"], "/strategies/place-wide-plan");
}

}  // namespace
}  // namespace goldthread::work
