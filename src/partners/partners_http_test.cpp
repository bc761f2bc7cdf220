// The partners forms over HTTP, on SQLite and PostgreSQL: place admins add organisations, an
// organisation's admins edit its details and record its endorsement of the vision, and the
// organisation page lists its people.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::partners {
namespace {
using namespace accounts::testing;
using nlohmann::json;

// Route × role rows (see tests/support/route_samples.hpp). The fixture's organisation is
// "Matrix Trust": its organisation-admin persona may manage it, its plain member may not.
const goldthread::testing::RouteSamples kPartnerForms({
    {"GET", "/organisations/new", "place-admin", "/organisations/new"},
    {"POST", "/organisations", "place-admin", "/organisations", "name="},
    {"GET", "/organisations/{slug}/edit", "partner-member|place-admin", "/organisations/matrix-trust/edit", "",
     {"partner-member"}},
    {"POST", "/organisations/{slug}", "partner-member|place-admin", "/organisations/matrix-trust", "name=",
     {"partner-member"}},
    {"GET", "/organisations/{slug}/endorsement", "partner-member|place-admin",
     "/organisations/matrix-trust/endorsement", "", {"partner-member"}},
    {"POST", "/organisations/{slug}/endorsement", "partner-member|place-admin",
     "/organisations/matrix-trust/endorsement", "body=", {"partner-member"}},
});

class PartnerFormsHttp : public goldthread::testing::SharedServerTest<PartnerFormsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Delta Youth Trust");
    other_org_ = make_organisation(db, "Epsilon Care");
    make_member(db, make_user(db, "dora@example.com", {}, "Dora Admin"), org_, true);
    make_member(db, make_user(db, "dan@example.com", {}, "Dan Member"), org_);
    make_member(db, make_user(db, "eve@example.com", {}, "Eve Epsilon"), other_org_, true);
    pending_ = make_user(db, "paul@example.com", {}, "Paul Pending");
    if (!accounts::ask_to_join(db, principal_of(db, pending_), org_, test_origin())) ADD_FAILURE() << "ask_to_join";
    make_user(db, "place@example.com", {core::Role::place_admin}, "Pia Place");
  }
  static Client signed_in(const std::string& email) { return signed_in_client(port(), email); }
  // Newest first; only changes made on behalf of `organisation` when it is not 0 (the seeded
  // organisations and endorsements were recorded by the system).
  static std::vector<core::audit::Event> audit_of(const std::string& type, std::int64_t organisation = 0) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = type;
    if (organisation) f.organisation_id = organisation;
    return core::audit::list(*conn, f).events;
  }
  static std::int64_t org_, other_org_, pending_;
};
std::int64_t PartnerFormsHttp::org_ = 0, PartnerFormsHttp::other_org_ = 0, PartnerFormsHttp::pending_ = 0;

TEST_F(PartnerFormsHttp, APlaceAdminAddsAnOrganisation) {
  auto pia = signed_in("place@example.com");
  EXPECT_EQ(pia.get("/organisations/new").status, 200);
  auto r = pia.submit("/organisations", "name=Zeta+Food+Bank&sector=voluntary-community&org_id=GB-CHC-1234567"
                                        "&website=https%3A%2F%2Fzeta.example.org&areas=E07000075&description=Food");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/organisations/zeta-food-bank?saved=created");
  auto page = pia.get("/organisations/zeta-food-bank?saved=created");
  EXPECT_NE(page.body.find("Organisation added"), std::string::npos);
  EXPECT_NE(page.body.find("Rochford"), std::string::npos);  // the area served
  auto events = audit_of("organisation");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "create");
  EXPECT_NE(events[0].after_json.find("Zeta Food Bank"), std::string::npos);
  auto j = pia.submit("/organisations", "name=Eta+Sports&sector=other", true);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(json::parse(j.body)["href"], "/organisations/eta-sports");
  // Partner members, even organisation admins, do not add organisations.
  EXPECT_EQ(signed_in("dora@example.com").get("/organisations/new").status, 403);
}

TEST_F(PartnerFormsHttp, ValidationNamesEachFieldAndKeepsWhatWasTyped) {
  auto pia = signed_in("place@example.com");
  auto r = pia.submit("/organisations", "name=&sector=spies&org_id=nope&website=zeta.org&areas=E99999999"
                                        "&description=" + core::url_encode("Kept <text>"));
  ASSERT_EQ(r.status, 400);
  for (const char* f : {"name", "sector", "org_id", "website", "areas"})
    EXPECT_NE(r.body.find(std::string("href=\"#") + f + "\""), std::string::npos) << f;
  EXPECT_NE(r.body.find("Kept &lt;text&gt;"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"zeta.org\""), std::string::npos);
  auto j = json::parse(pia.submit("/organisations", "name=Theta&sector=other&areas=E99999999", true).body);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "areas");
}

TEST_F(PartnerFormsHttp, AnOrganisationAdminEditsTheirOwnOrganisationOnly) {
  auto dora = signed_in("dora@example.com");
  EXPECT_NE(dora.get("/organisations/delta-youth-trust").body.find("Edit this organisation"), std::string::npos);
  auto form = json::parse(dora.get("/organisations/delta-youth-trust/edit", true).body);
  EXPECT_EQ(form["values"]["name"], "Delta Youth Trust");
  auto r = dora.submit("/organisations/delta-youth-trust",
                       "name=Delta+Youth+Trust&sector=voluntary-community&description=Clubs+for+young+people");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/organisations/delta-youth-trust?saved=updated");
  EXPECT_NE(dora.get("/organisations/delta-youth-trust?saved=updated").body.find("Clubs for young people"),
            std::string::npos);
  auto events = audit_of("organisation");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[0].organisation_id, org_);

  EXPECT_EQ(dora.get("/organisations/epsilon-care/edit").status, 403);
  EXPECT_EQ(dora.submit("/organisations/epsilon-care", "name=Taken&sector=other").status, 403);
  auto dan = signed_in("dan@example.com");
  EXPECT_EQ(dan.get("/organisations/delta-youth-trust/edit").status, 403);
  EXPECT_EQ(dan.get("/organisations/delta-youth-trust").body.find("Edit this organisation"), std::string::npos);
  EXPECT_EQ(signed_in("place@example.com").get("/organisations/epsilon-care/edit").status, 200);
  EXPECT_EQ(dora.get("/organisations/no-such-org/edit").status, 404);
}

TEST_F(PartnerFormsHttp, AnOrganisationAdminRecordsItsEndorsement) {
  auto dora = signed_in("dora@example.com");
  EXPECT_EQ(dora.get("/organisations/delta-youth-trust/endorsement").status, 200);
  auto bad = dora.submit("/organisations/delta-youth-trust/endorsement", "endorsed_on=17%2F10%2F2017&body=");
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("href=\"#endorsed_on\""), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#body\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"17/10/2017\""), std::string::npos);
  EXPECT_TRUE(audit_of("endorsement", org_).empty());

  auto r = dora.submit("/organisations/delta-youth-trust/endorsement",
                       "endorsed_on=2024-06-12&body=Board+of+Trustees&decision_reference=Minute+24%2F31");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/organisations/delta-youth-trust?saved=endorsement");
  auto page = dora.get("/organisations/delta-youth-trust?saved=endorsement");
  EXPECT_NE(page.body.find("Endorsement recorded"), std::string::npos);
  EXPECT_NE(page.body.find("Board of Trustees endorsed the vision on 12 June 2024"), std::string::npos);
  auto home = json::parse(dora.get("/", true).body);
  bool listed = false;
  for (const auto& s : home["sections"])
    if (s["key"] == "endorsements")
      for (const auto& e : s["model"]) listed |= e["organisation"] == "Delta Youth Trust";
  EXPECT_TRUE(listed);
  // Recording again updates it; both changes are audited.
  auto again = dora.submit("/organisations/delta-youth-trust/endorsement",
                           "endorsed_on=2024-06-12&body=Board+of+Trustees&decision_reference=Minute+24%2F32", true);
  EXPECT_EQ(again.status, 200);
  auto events = audit_of("endorsement", org_);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_EQ(events[1].action, "create");
  EXPECT_EQ(signed_in("dan@example.com").get("/organisations/delta-youth-trust/endorsement").status, 403);
  EXPECT_EQ(signed_in("eve@example.com").submit("/organisations/delta-youth-trust/endorsement", "body=X").status, 403);
  auto form = json::parse(signed_in("place@example.com").get("/organisations/delta-youth-trust/endorsement", true).body);
  EXPECT_EQ(form["values"]["decision_reference"], "Minute 24/32");
}

TEST_F(PartnerFormsHttp, TheOrganisationPageListsItsApprovedPeople) {
  auto page = server_->port();
  auto html = goldthread::testing::http_get(page, "/organisations/delta-youth-trust");
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find(">People</h2>"), std::string::npos);
  EXPECT_NE(html.body.find("Dora Admin <strong class=\"govuk-tag govuk-tag--grey\">Administrator</strong>"),
            std::string::npos);
  EXPECT_NE(html.body.find("Dan Member"), std::string::npos);
  EXPECT_EQ(html.body.find("Paul Pending"), std::string::npos);
  EXPECT_EQ(html.body.find("Manage members"), std::string::npos);  // anonymous
  auto twin = json::parse(goldthread::testing::http_get(page, "/api/v1/organisations/delta-youth-trust").body);
  json people;
  for (const auto& s : twin["sections"])
    if (s["key"] == "people") people = s["model"]["people"];
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0]["name"], "Dora Admin");
  EXPECT_EQ(people[0]["admin"], true);
  EXPECT_NE(signed_in("dora@example.com").get("/organisations/delta-youth-trust").body.find("Manage members"),
            std::string::npos);
  // A deleted account's name is never shown.
  {
    auto conn = server_->app().db().acquire();
    EXPECT_EQ(accounts::display_name(*conn, 999999), "deleted user");
  }
  EXPECT_NE(goldthread::testing::http_get(page, "/organisations/epsilon-care").body.find("Eve Epsilon"),
            std::string::npos);
}

// The organisation page is served from memory until the next audited write
// (core::cached_body): each visitor still sees what their privileges allow, and a change is
// visible at once.
TEST_F(PartnerFormsHttp, TheCachedOrganisationPageIsPerPrivilegesAndFreshAfterAWrite) {
  auto dora = signed_in("dora@example.com");
  auto dan = signed_in("dan@example.com");
  for (int round = 0; round < 2; ++round) {  // the second round is served from the cache
    auto admin_page = dora.get("/organisations/epsilon-care");
    auto own_page = dora.get("/organisations/delta-youth-trust");
    auto member_page = dan.get("/organisations/delta-youth-trust");
    EXPECT_NE(own_page.body.find("Manage members"), std::string::npos) << round;
    EXPECT_EQ(member_page.body.find("Manage members"), std::string::npos) << round;
    EXPECT_EQ(admin_page.body.find("Manage members"), std::string::npos) << round;
    EXPECT_NE(member_page.body.find("href=\"/account\""), std::string::npos) << "Dan's own layout";
  }
  {
    auto conn = server_->app().db().acquire();
    auto o = try_find_organisation(*conn, other_org_).value();
    OrganisationInput in{o.name, o.sector, o.org_id, o.website, "Care at home across Essex", o.areas};
    ASSERT_TRUE(update_organisation_in(*conn, {}, o.id, in).ok());
  }
  EXPECT_NE(dan.get("/organisations/epsilon-care").body.find("Care at home across Essex"), std::string::npos);
  EXPECT_EQ(json::parse(dora.get("/organisations/epsilon-care", true).body)["description"],
            "Care at home across Essex");
}

}  // namespace
}  // namespace goldthread::partners
