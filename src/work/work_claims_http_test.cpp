// Partner claims (issue 10.8) and the lead's replies to requests to connect (issue 9.3), over
// HTTP on SQLite and PostgreSQL: organisation A listing organisation B as a partner is shown as
// A's claim until one of B's administrators confirms it; B's admins are told by e-mail and see a
// count on their account page; a declined listing shows nowhere; every decision is audited.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "core/mail.hpp"
#include "partners/partners.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using namespace accounts::testing;
using nlohmann::json;

goldthread::testing::RouteSamples kRows({
    {"GET", "/work/claims", "signed-in", "/work/claims"},
    // Only an administrator of the listed organisation decides; the organisation-admin persona
    // reaches the service, which finds no such listing (404).
    {"POST",
     "/work/claims/{id}",
     "signed-in",
     "/work/claims/{org}",
     "initiative_id=999999&decision=confirm",
     {"resident", "partner-member", "project-lead", "moderator", "place-admin", "site-admin"}},
    {"POST", "/work/requests/{id}/reply", "signed-in", "/work/requests/999999/reply", "reply=Hello"},
});

class WorkClaimsHttp : public goldthread::testing::SharedServerTest<WorkClaimsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    alpha_ = organisation(db, "Alpha County Council", "GB-TEST-ALPHA");
    beta_ = organisation(db, "Beta Housing Trust", "GB-TEST-BETA");
    alice_ = make_user(db, "alice@example.com", {}, "Alice Alpha");
    bob_ = make_user(db, "bob@example.com", {}, "Bob Beta");
    bea_ = make_user(db, "bea@example.com", {}, "Bea Beta");
    rae_ = make_user(db, "rae@example.com", {}, "Rae Resident");
    make_member(db, alice_, alpha_);
    make_member(db, bob_, beta_, true);
    make_member(db, bea_, beta_);
  }
  static std::int64_t organisation(core::Database& db, const std::string& name, const std::string& code) {
    auto o = partners::create_organisation(db, core::audit::Actor{}, {name, "voluntary-community", code, "", "", {}});
    if (!o) throw std::runtime_error(o.error().message);
    slug_[o->id] = o->slug;
    return o->id;
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static std::size_t mail_to(const std::string& email) {
    auto conn = server_->app().db().acquire();
    return core::mail::for_recipient(*conn, email).size();
  }
  static std::string last_mail_to(const std::string& email) {
    auto conn = server_->app().db().acquire();
    auto all = core::mail::for_recipient(*conn, email);
    return all.empty() ? "" : all.back().subject + "\n" + all.back().text;
  }
  static std::vector<core::audit::Event> audit_of(const std::string& type, const std::string& id) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = type;
    f.resource_id = id;
    return core::audit::list(*conn, f).events;
  }
  static std::int64_t initiative_id(const std::string& slug) {
    auto conn = server_->app().db().acquire();
    return conn->query("SELECT id FROM initiatives WHERE slug = ?", {slug}).rows.at(0).integer(0);
  }
  static std::string form(const std::string& title, const std::string& partners = "GB-TEST-BETA") {
    return "title=" + core::url_encode(title) + "&owner_organisation_id=" + std::to_string(alpha_) +
           "&status=planned&partner_org_ids=" + core::url_encode(partners);
  }
  // The organisation page's work section model (JSON twin).
  static json work_section_of(Client& c, std::int64_t org) {
    auto page = json::parse(c.get("/organisations/" + slug_[org], true).body);
    for (const auto& s : page["sections"])
      if (s["key"] == "work") return s["model"];
    return nullptr;
  }
  static bool lists(const json& items, const std::string& title) {
    for (const auto& i : items)
      if (i.value("title", "") == title) return true;
    return false;
  }
  static json account_item(Client& c, const std::string& href) {
    auto page = json::parse(c.get("/account", true).body);
    for (const auto& s : page["sections"])
      for (const auto& i : s["model"]["items"])
        if (i["href"] == href) return i;
    return nullptr;
  }

  static inline std::int64_t alpha_ = 0, beta_ = 0, alice_ = 0, bob_ = 0, bea_ = 0, rae_ = 0;
  static inline std::map<std::int64_t, std::string> slug_;
};

TEST_F(WorkClaimsHttp, AListingIsTheClaimantsUntilTheListedOrganisationsAdminConfirmsIt) {
  auto alice = as("alice@example.com");
  auto bob = as("bob@example.com");
  auto bea = as("bea@example.com");
  auto anyone = Client{port(), {}};
  auto mails_before = mail_to("bob@example.com");
  ASSERT_EQ(alice.submit("/initiatives", form("Alpha Warm Homes")).status, 303);
  const auto id = initiative_id("alpha-warm-homes");
  const auto claim = std::to_string(id) + "-" + std::to_string(beta_);

  // Every listing says who made the claim.
  const std::string note = "listed by Alpha County Council, not yet confirmed by Beta Housing Trust";
  EXPECT_NE(anyone.get("/initiatives/alpha-warm-homes").body.find(note), std::string::npos);
  auto twin = json::parse(anyone.get("/initiatives/alpha-warm-homes", true).body);
  ASSERT_EQ(twin["partners"].size(), 1u);
  EXPECT_EQ(twin["partners"][0]["status"], "claimed");
  EXPECT_EQ(twin["partners"][0]["claimed_by"], "Alpha County Council");
  EXPECT_EQ(twin["partners"][0]["href"], "/organisations/" + slug_[beta_]);
  // B's own page does not present it as B's work, only as someone else's unconfirmed listing.
  auto section = work_section_of(anyone, beta_);
  EXPECT_FALSE(lists(section["initiatives"], "Alpha Warm Homes"));
  ASSERT_TRUE(lists(section["claims"], "Alpha Warm Homes"));
  EXPECT_EQ(section["claims"][0]["claim"], note);
  EXPECT_NE(anyone.get("/organisations/" + slug_[beta_]).body.find("not yet confirmed by Beta Housing Trust"),
            std::string::npos);

  // B's administrator (not its plain member) is told by e-mail and sees a count where they land.
  EXPECT_EQ(mail_to("bob@example.com"), mails_before + 1);
  EXPECT_NE(last_mail_to("bob@example.com").find("/work/claims"), std::string::npos);
  EXPECT_EQ(last_mail_to("bea@example.com").find("/work/claims"), std::string::npos);
  auto item = account_item(bob, "/work/claims");
  ASSERT_TRUE(item.is_object());
  EXPECT_GE(item["count"].get<int>(), 1);
  ASSERT_EQ(audit_of("partner_claim", claim).size(), 1u);
  EXPECT_EQ(audit_of("partner_claim", claim)[0].action, "claim");

  // Only B's administrators decide.
  EXPECT_EQ(
      bea.submit("/work/claims/" + std::to_string(beta_), "initiative_id=" + std::to_string(id) + "&decision=confirm")
          .status,
      403);
  EXPECT_EQ(
      alice.submit("/work/claims/" + std::to_string(beta_), "initiative_id=" + std::to_string(id) + "&decision=confirm")
          .status,
      403);
  EXPECT_EQ(
      bob.submit("/work/claims/" + std::to_string(beta_), "initiative_id=" + std::to_string(id) + "&decision=maybe")
          .status,
      400);
  EXPECT_NE(bob.get("/work/claims").body.find("Alpha Warm Homes"), std::string::npos);
  auto r =
      bob.submit("/work/claims/" + std::to_string(beta_), "initiative_id=" + std::to_string(id) + "&decision=confirm");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/work/claims?decided=confirmed");
  EXPECT_NE(bob.get("/work/claims?decided=confirmed").body.find("Partnership confirmed"), std::string::npos);

  EXPECT_EQ(anyone.get("/initiatives/alpha-warm-homes").body.find("not yet confirmed"), std::string::npos);
  twin = json::parse(anyone.get("/initiatives/alpha-warm-homes", true).body);
  EXPECT_EQ(twin["partners"][0]["status"], "confirmed");
  section = work_section_of(anyone, beta_);
  EXPECT_TRUE(lists(section["initiatives"], "Alpha Warm Homes"));
  EXPECT_FALSE(lists(section["claims"], "Alpha Warm Homes"));
  auto events = audit_of("partner_claim", claim);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "confirm");
  EXPECT_EQ(events[0].actor_user_id, bob_);

  // Saving the initiative again keeps the confirmation and mails nobody.
  auto mails = mail_to("bob@example.com");
  ASSERT_EQ(alice.submit("/initiatives/alpha-warm-homes", form("Alpha Warm Homes") + "&summary=Warmer").status, 303);
  twin = json::parse(anyone.get("/initiatives/alpha-warm-homes", true).body);
  EXPECT_EQ(twin["partners"][0]["status"], "confirmed");
  EXPECT_EQ(mail_to("bob@example.com"), mails);
}

TEST_F(WorkClaimsHttp, ADeclinedListingShowsNowhereAndIsNotClaimedAgainOnTheNextSave) {
  auto alice = as("alice@example.com");
  auto bob = as("bob@example.com");
  auto anyone = Client{port(), {}};
  ASSERT_EQ(alice.submit("/initiatives", form("Alpha Food Bank")).status, 303);
  const auto id = initiative_id("alpha-food-bank");
  auto r =
      bob.submit("/work/claims/" + std::to_string(beta_), "initiative_id=" + std::to_string(id) + "&decision=decline");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/work/claims?decided=declined");
  auto twin = json::parse(anyone.get("/initiatives/alpha-food-bank", true).body);
  EXPECT_TRUE(twin["partners"].empty());
  EXPECT_EQ(anyone.get("/initiatives/alpha-food-bank").body.find("Beta Housing Trust"), std::string::npos);
  auto section = work_section_of(anyone, beta_);
  EXPECT_FALSE(lists(section["initiatives"], "Alpha Food Bank"));
  EXPECT_FALSE(lists(section["claims"], "Alpha Food Bank"));

  auto mails = mail_to("bob@example.com");
  ASSERT_EQ(alice.submit("/initiatives/alpha-food-bank", form("Alpha Food Bank") + "&summary=Again").status, 303);
  EXPECT_EQ(mail_to("bob@example.com"), mails);
  EXPECT_TRUE(json::parse(anyone.get("/initiatives/alpha-food-bank", true).body)["partners"].empty());
  auto events = audit_of("partner_claim", std::to_string(id) + "-" + std::to_string(beta_));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "decline");
}

TEST_F(WorkClaimsHttp, TheLeadRepliesToARequestToConnectAndThePersonWhoAskedGetsItByEmail) {
  auto alice = as("alice@example.com");
  auto rae = as("rae@example.com");
  auto bea = as("bea@example.com");
  ASSERT_EQ(alice.submit("/initiatives", form("Alpha Repair Cafe", "")).status, 303);
  ASSERT_EQ(rae.submit("/initiatives/alpha-repair-cafe/connect", "message=" + core::url_encode("I fix bikes")).status,
            303);
  // Reachable from the lead's pages, with a count on the account page.
  EXPECT_NE(alice.get("/initiatives/alpha-repair-cafe").body.find("href=\"/work/requests\""), std::string::npos);
  auto item = account_item(alice, "/work/requests");
  ASSERT_TRUE(item.is_object());
  EXPECT_GE(item["count"].get<int>(), 1);
  auto list = json::parse(alice.get("/work/requests", true).body);
  ASSERT_FALSE(list["requests"].empty());
  const auto rid = list["requests"][0]["id"].get<std::int64_t>();
  const auto path = "/work/requests/" + std::to_string(rid) + "/reply";

  auto empty = alice.submit(path, "reply=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("href=\"#reply-" + std::to_string(rid) + "\""), std::string::npos);
  EXPECT_EQ(bea.submit(path, "reply=Hi").status, 403);
  EXPECT_EQ(rae.submit(path, "reply=Hi").status, 403);
  auto mails = mail_to("rae@example.com");
  auto r = alice.submit(path, "reply=" + core::url_encode("Come on Saturday"));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/work/requests?replied=1");
  EXPECT_NE(alice.get("/work/requests?replied=1").body.find("Your reply has been sent"), std::string::npos);
  EXPECT_EQ(mail_to("rae@example.com"), mails + 1);
  EXPECT_NE(last_mail_to("rae@example.com").find("Come on Saturday"), std::string::npos);
  list = json::parse(alice.get("/work/requests", true).body);
  EXPECT_EQ(list["requests"][0]["status"], "replied");
  auto events = audit_of("connect_request", std::to_string(rid));
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].action, "reply");
}

}  // namespace
}  // namespace goldthread::work
