// The signed-in work flows over HTTP, on SQLite and PostgreSQL: partner members create and edit
// their organisation's initiatives, place admins curate any, validation keeps what was typed,
// follow / unfollow and connect requests, and every change leaves an audit record.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using namespace accounts::testing;
using nlohmann::json;

class WorkSignedInHttp : public goldthread::testing::SharedServerTest<WorkSignedInHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_a_ = make_organisation(db, "Alpha Community Trust");
    org_b_ = make_organisation(db, "Beta Housing Partnership");
    member_ = make_user(db, "member@example.com", {}, "Mia Member");
    other_ = make_user(db, "other@example.com", {}, "Omar Other");
    admin_ = make_user(db, "admin@example.com", {core::Role::place_admin}, "Pat Admin");
    resident_ = make_user(db, "resident@example.com", {}, "Rae Resident");
    make_member(db, member_, org_a_);
    make_member(db, other_, org_b_);
  }
  static Client signed_in(const std::string& email) { return signed_in_client(port(), email); }
  // Audit events for one resource, newest first.
  static std::vector<core::audit::Event> audit_of(const std::string& type, std::int64_t id) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = type;
    f.resource_id = std::to_string(id);
    return core::audit::list(*conn, f).events;
  }
  static std::int64_t initiative_id(const std::string& slug) {
    auto conn = server_->app().db().acquire();
    return conn->query("SELECT id FROM initiatives WHERE slug = ?", {slug}).rows.at(0).integer(0);
  }
  // "title=…&owner_organisation_id=…&status=planned" plus any extra fields.
  static std::string form(const std::string& title, std::int64_t owner, const std::string& extra = "") {
    return "title=" + core::url_encode(title) + "&owner_organisation_id=" + std::to_string(owner) + "&status=planned" +
           (extra.empty() ? "" : "&" + extra);
  }

  static std::int64_t org_a_, org_b_, member_, other_, admin_, resident_;
};
std::int64_t WorkSignedInHttp::org_a_ = 0, WorkSignedInHttp::org_b_ = 0, WorkSignedInHttp::member_ = 0,
             WorkSignedInHttp::other_ = 0, WorkSignedInHttp::admin_ = 0, WorkSignedInHttp::resident_ = 0;

TEST_F(WorkSignedInHttp, AMemberCreatesAnInitiativeThatTheMatrixCountsUnderBothPriorities) {
  auto c = signed_in("member@example.com");
  auto new_form = json::parse(c.get("/initiatives/new", true).body);
  ASSERT_GE(new_form["ambitions"].size(), 2u);
  ASSERT_EQ(new_form["owner_options"].size(), 1u);  // only the member's own organisation
  const auto& p1 = new_form["ambitions"][0]["priorities"][0];
  const auto& p2 = new_form["ambitions"][1]["priorities"][0];
  auto count_of = [&](int ambition) {
    auto m = json::parse(c.get("/alignment", true).body);
    return m["ambitions"][ambition]["priorities"][0]["counts"]["initiatives"].get<int>();
  };
  int before1 = count_of(0), before2 = count_of(1);

  auto r = c.submit("/initiatives", form("Tendring Warm Spaces", org_a_,
                                         "summary=Warm+rooms&priorities=" + p1["value"].get<std::string>() +
                                             "&priorities=" + p2["value"].get<std::string>()));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/initiatives/tendring-warm-spaces?saved=created");
  auto page = c.get("/initiatives/tendring-warm-spaces?saved=created");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Initiative added"), std::string::npos);
  EXPECT_NE(page.body.find("Alpha Community Trust"), std::string::npos);
  EXPECT_NE(page.body.find("Edit this initiative"), std::string::npos);
  auto twin = json::parse(c.get("/initiatives/tendring-warm-spaces", true).body);
  EXPECT_EQ(twin["alignments"].size(), 2u);
  EXPECT_EQ(count_of(0), before1 + 1);
  EXPECT_EQ(count_of(1), before2 + 1);

  auto events = audit_of("initiative", initiative_id("tendring-warm-spaces"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].actor_user_id, member_);
  EXPECT_EQ(events[0].organisation_id, org_a_);
}

TEST_F(WorkSignedInHttp, AMemberEditsTheirOwnButNotAnotherOrganisationsInitiative) {
  auto mia = signed_in("member@example.com");
  auto omar = signed_in("other@example.com");
  ASSERT_EQ(mia.submit("/initiatives", form("Alpha Lunch Club", org_a_)).status, 303);
  ASSERT_EQ(omar.submit("/initiatives", form("Beta Tenancy Help", org_b_)).status, 303);
  // Creating for an organisation you are not a member of is refused on the field.
  auto wrong = mia.submit("/initiatives", form("Not Mine", org_b_));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("href=\"#owner_organisation_id\""), std::string::npos);

  EXPECT_EQ(mia.get("/initiatives/alpha-lunch-club/edit").status, 200);
  auto edit =
      mia.submit("/initiatives/alpha-lunch-club", form("Alpha Lunch Club", org_a_, "status=active&summary=Fed"));
  ASSERT_EQ(edit.status, 303);
  EXPECT_EQ(edit.header("location"), "/initiatives/alpha-lunch-club?saved=updated");
  EXPECT_NE(mia.get("/initiatives/alpha-lunch-club?saved=updated").body.find("Changes saved"), std::string::npos);
  auto events = audit_of("initiative", initiative_id("alpha-lunch-club"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_NE(events[0].after_json.find("\"Fed\""), std::string::npos);

  EXPECT_EQ(mia.get("/initiatives/beta-tenancy-help/edit").status, 403);
  EXPECT_EQ(mia.submit("/initiatives/beta-tenancy-help", form("Taken Over", org_a_)).status, 403);
  EXPECT_EQ(audit_of("initiative", initiative_id("beta-tenancy-help")).size(), 1u);
  EXPECT_EQ(mia.get("/initiatives/beta-tenancy-help").body.find("Edit this initiative"), std::string::npos);
}

TEST_F(WorkSignedInHttp, APlaceAdminCuratesAnyInitiative) {
  auto pat = signed_in("admin@example.com");
  EXPECT_EQ(pat.get("/initiatives/essex-supports/edit").status, 200);
  auto twin = json::parse(pat.get("/initiatives/essex-supports/edit", true).body);
  EXPECT_GT(twin["owner_options"].size(), 2u);  // any organisation
  auto r = pat.submit("/initiatives/essex-supports",
                      form("Essex Supports", org_b_, "summary=" + core::url_encode("Curated by the place")));
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = json::parse(pat.get("/initiatives/essex-supports", true).body);
  EXPECT_EQ(page["summary"], "Curated by the place");
  EXPECT_EQ(page["is_vision_project"], true);  // kept
  auto events = audit_of("initiative", initiative_id("essex-supports"));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[0].actor_user_id, admin_);
  // Now owned by Beta, Omar (a Beta member) may edit it too; Mia may not.
  EXPECT_EQ(signed_in("other@example.com").get("/initiatives/essex-supports/edit").status, 200);
  EXPECT_EQ(signed_in("member@example.com").get("/initiatives/essex-supports/edit").status, 403);
}

TEST_F(WorkSignedInHttp, ValidationErrorsNameEachFieldAndKeepWhatWasTyped) {
  auto mia = signed_in("member@example.com");
  auto r = mia.submit("/initiatives", "title=&summary=" + core::url_encode("Kept <summary>") +
                                          "&owner_organisation_id=" + std::to_string(org_b_) +
                                          "&status=done&start_date=2026-13-45&end_date=soon&links=not-a-link"
                                          "&partner_org_ids=GB-XXX-NOPE&priorities=999999-1");
  ASSERT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("There is a problem"), std::string::npos);
  for (const char* field :
       {"title", "owner_organisation_id", "status", "start_date", "end_date", "partner_org_ids", "links"})
    EXPECT_NE(r.body.find(std::string("href=\"#") + field + "\""), std::string::npos) << field;
  EXPECT_NE(r.body.find("Kept &lt;summary&gt;"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"2026-13-45\""), std::string::npos);
  EXPECT_NE(r.body.find("GB-XXX-NOPE"), std::string::npos);
  auto j = json::parse(mia.submit("/initiatives", "title=", true).body);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "title");
  // Unknown priorities are caught by the store once the rest is valid.
  auto bad = mia.submit("/initiatives", form("Bad Priority", org_a_, "priorities=999999-1"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("href=\"#alignments\""), std::string::npos);
  EXPECT_EQ(mia.submit("/initiatives/no-such-initiative", form("X", org_a_)).status, 404);
}

TEST_F(WorkSignedInHttp, FollowAndUnfollowAreAudited) {
  auto rae = signed_in("resident@example.com");
  auto id = initiative_id("essex-supports");
  auto before = audit_of("initiative", id).size();
  auto followers = [&] {
    return json::parse(rae.get("/initiatives/essex-supports", true).body)["followers"].get<std::int64_t>();
  };
  const auto count = followers();
  auto f = rae.submit("/initiatives/essex-supports/follow", "");
  ASSERT_EQ(f.status, 303);
  EXPECT_NE(rae.get("/initiatives/essex-supports").body.find("Stop following"), std::string::npos);
  EXPECT_EQ(followers(), count + 1);
  // A follower hears when the initiative changes (issue 16.3); the editor is not told.
  auto pat = signed_in("admin@example.com");
  ASSERT_EQ(pat.submit("/initiatives/essex-supports",
                       form("Essex Supports", org_b_, "summary=" + core::url_encode("Followed and curated")))
                .status,
            303);
  auto inbox = json::parse(rae.get("/notifications", true).body);
  ASSERT_FALSE(inbox["notifications"].empty());
  EXPECT_EQ(inbox["notifications"][0]["title"], "Initiative updated: Essex Supports");
  EXPECT_EQ(inbox["notifications"][0]["href"], "/initiatives/essex-supports");
  const auto own = json::parse(pat.get("/notifications", true).body);
  for (const auto& n : own["notifications"])
    EXPECT_NE(n["title"], "Initiative updated: Essex Supports") << "not told of their own edit";
  auto un = rae.submit("/initiatives/essex-supports/unfollow", "", true);
  ASSERT_EQ(un.status, 200);
  EXPECT_EQ(json::parse(un.body)["following"], false);
  EXPECT_EQ(followers(), count);
  auto events = audit_of("initiative", id);
  ASSERT_EQ(events.size(), before + 3);
  EXPECT_EQ(events[0].action, "unfollow");
  EXPECT_EQ(events[1].action, "update");
  EXPECT_EQ(events[2].action, "follow");
  EXPECT_EQ(events[0].actor_user_id, resident_);
}

TEST_F(WorkSignedInHttp, AConnectRequestReachesTheLeadsDashboardAndIsAudited) {
  auto mia = signed_in("member@example.com");
  ASSERT_EQ(mia.submit("/initiatives", form("Alpha Gardens", org_a_)).status, 303);
  auto rae = signed_in("resident@example.com");
  EXPECT_EQ(rae.submit("/initiatives/alpha-gardens/connect", "message=").status, 400);
  auto r = rae.submit("/initiatives/alpha-gardens/connect", "message=" + core::url_encode("I can lend tools"));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/initiatives/alpha-gardens?connected=1");
  EXPECT_NE(rae.get("/initiatives/alpha-gardens?connected=1").body.find("Your request to connect has been sent"),
            std::string::npos);
  EXPECT_EQ(rae.submit("/initiatives/alpha-gardens/connect", "message=Again").status, 409);

  auto dash = mia.get("/work/requests");
  ASSERT_EQ(dash.status, 200);
  EXPECT_NE(dash.body.find("I can lend tools"), std::string::npos);
  EXPECT_NE(dash.body.find("Rae Resident"), std::string::npos);
  auto twin = json::parse(mia.get("/work/requests", true).body);
  ASSERT_EQ(twin["requests"].size(), 1u);
  EXPECT_EQ(twin["requests"][0]["initiative"]["title"], "Alpha Gardens");
  EXPECT_EQ(twin["requests"][0]["initiative"]["href"], "/initiatives/alpha-gardens");
  // Omar's organisation does not own it: his dashboard stays empty.
  EXPECT_EQ(json::parse(signed_in("other@example.com").get("/work/requests", true).body)["requests"].size(), 0u);
  auto events = audit_of("connect_request", twin["requests"][0]["id"].get<std::int64_t>());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].actor_user_id, resident_);
}

}  // namespace
}  // namespace goldthread::work
