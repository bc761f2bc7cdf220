// Proposals over HTTP, on SQLite and PostgreSQL (one server for the suite): posting with the
// guards on public writes, one support per person, withdrawal, the threshold, the official
// answer linked to an initiative and told to supporters, sorting, filters and keyset pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "core/notifications.hpp"
#include "core/service.hpp"
#include "engagement/engagement.hpp"
#include "engagement/proposal_model.hpp"
#include "places/places.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::engagement {
namespace {
using namespace accounts::testing;
using nlohmann::json;

const std::string kExample = "/proposals/example-repair-cafes-in-market-towns";
const goldthread::testing::RouteSamples kProposalRoutes({
    {"GET", "/proposals", "anyone", "/proposals?sort=supported"},
    {"GET", "/proposals/new", "signed-in", "/proposals/new"},
    {"POST", "/proposals", "signed-in", "/proposals", "title="},
    {"GET", "/proposals/{ref}", "anyone", kExample},
    {"POST", "/proposals/{ref}/support", "signed-in", kExample + "/support"},
    {"POST", "/proposals/{ref}/withdraw", "signed-in", kExample + "/withdraw"},
    {"GET", "/proposals/{ref}/answer", "partner-member|place-admin", kExample + "/answer"},
    {"POST", "/proposals/{ref}/answer", "partner-member|place-admin", kExample + "/answer", "status="},
});

class ProposalsHttp : public goldthread::testing::SharedServerTest<ProposalsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    rita_ = make_user(db, "rita@example.com", {}, "Rita Resident");
    sam_ = make_user(db, "sam@example.com", {}, "Sam Supporter");
    pat_ = make_user(db, "pat@example.com", {}, "Pat Poster");
    pia_ = make_user(db, "pia@example.com", {core::Role::place_admin}, "Pia Place");
    ASSERT_TRUE(set_support_threshold(db, core::audit::Actor{}, 2));
  }
  static Client as(std::int64_t user) { return session_client(port(), server_->app().db(), user); }
  static json get_json(Client& c, const std::string& path) {
    auto r = c.get(path, true);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  static std::int64_t rita_, sam_, pat_, pia_;
};
std::int64_t ProposalsHttp::rita_ = 0, ProposalsHttp::sam_ = 0, ProposalsHttp::pat_ = 0, ProposalsHttp::pia_ = 0;

TEST_F(ProposalsHttp, PostSupportOnceWithdrawReachTheThresholdAndGetTheOfficialAnswer) {
  auto rita = as(rita_);
  auto bad = rita.submit("/proposals", "title=&body=&ambition=no-such");
  EXPECT_EQ(bad.status, 400);
  for (const auto* field : {"#title", "#body", "#ambition"})
    EXPECT_TRUE(contains(bad.body, std::string("href=\"") + field + "\"")) << field;
  auto trap = rita.submit("/proposals", "title=A+bench+in+every+park&body=Benches.&website=http%3A%2F%2Fspam");
  EXPECT_EQ(trap.status, 400) << "the honeypot was filled in";

  auto ok = rita.submit("/proposals",
                        "title=Safer+crossings+near+schools&ambition=provide-an-equal-start-for-every-child"
                        "&area=E07000071&body=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%0AMore+*zebra*+crossings");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("location"), "/proposals/safer-crossings-near-schools?done=created");
  const std::string href = "/proposals/safer-crossings-near-schools";
  auto again = rita.submit("/proposals", "title=Safer+crossings+near+schools&body=Again");
  EXPECT_EQ(again.status, 400);
  EXPECT_TRUE(contains(again.body, "You have already posted this")) << again.body;

  auto p = get_json(rita, href);
  EXPECT_EQ(p["status"], "open");
  EXPECT_EQ(p["supports"], 0);
  EXPECT_EQ(p["support_threshold"], 2);
  EXPECT_EQ(p["area"]["name"], "Colchester");
  EXPECT_EQ(p["ambition"]["href"], "/ambitions/provide-an-equal-start-for-every-child");
  EXPECT_FALSE(contains(p["body_html"].get<std::string>(), "<script")) << p["body_html"];
  EXPECT_TRUE(contains(p["body_html"].get<std::string>(), "<em>zebra</em>"));
  EXPECT_FALSE(p.contains("supported") || p.contains("can_answer")) << "no screen state in the resource";

  // One support per person: the second is a no-op, counted and audited once.
  auto s1 = rita.submit(href + "/support", "", true);
  ASSERT_EQ(s1.status, 200) << s1.body;
  EXPECT_EQ(json::parse(s1.body)["supports"], 1);
  auto s2 = json::parse(rita.submit(href + "/support", "", true).body);
  EXPECT_EQ(s2["supports"], 1);
  EXPECT_FALSE(s2["changed"].get<bool>());
  EXPECT_TRUE(contains(rita.get(href).body, "Withdraw my support"));

  auto sam = as(sam_);
  EXPECT_EQ(sam.submit(href + "/support", "").status, 303);
  p = get_json(sam, href);
  EXPECT_EQ(p["supports"], 2);
  EXPECT_EQ(p["status"], "awaiting");
  EXPECT_TRUE(contains(sam.get(href).body, "Awaiting an official answer"));
  // Withdrawing takes the support away; the proposal stays awaiting its answer.
  EXPECT_EQ(json::parse(sam.submit(href + "/withdraw", "", true).body)["supports"], 1);
  EXPECT_FALSE(json::parse(sam.submit(href + "/withdraw", "", true).body)["changed"].get<bool>());
  p = get_json(sam, href);
  EXPECT_EQ(p["supports"], 1);
  EXPECT_EQ(p["status"], "awaiting");
  {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = "proposal";
    int supports = 0;
    for (const auto& e : core::audit::list(*conn, f).events) supports += e.action == "support";
    EXPECT_EQ(supports, 2) << "rita once, sam once";
  }

  // The official answer: residents may not; a place admin answers, linked to an initiative.
  EXPECT_EQ(rita.submit(href + "/answer", "status=accepted&reasons=x").status, 403);
  auto pia = as(pia_);
  auto wrong = pia.submit(href + "/answer", "status=maybe&reasons=&initiative=no-such-initiative");
  EXPECT_EQ(wrong.status, 400);
  for (const auto* field : {"#status", "#reasons", "#initiative"})
    EXPECT_TRUE(contains(wrong.body, std::string("href=\"") + field + "\"")) << field;
  EXPECT_TRUE(contains(wrong.body, "id=\"status\"")) << "the summary's link has a target";
  auto answered = pia.submit(href + "/answer",
                             "status=accepted&reasons=We+will+**start**+in+spring."
                             "&initiative=essex-communities");
  ASSERT_EQ(answered.status, 303) << answered.body;
  p = get_json(rita, href);
  EXPECT_EQ(p["status"], "accepted");
  EXPECT_EQ(p["answer"]["initiative"]["href"], "/initiatives/essex-communities");
  EXPECT_TRUE(contains(p["answer"]["reasons_html"].get<std::string>(), "<strong>start</strong>"));
  EXPECT_EQ(p["answer"]["answered_by"], "Pia Place");
  auto page = rita.get(href).body;
  EXPECT_TRUE(contains(page, "href=\"/initiatives/essex-communities\""));
  EXPECT_TRUE(contains(page, "id=\"comments\"")) << "the comments slot";
  {
    auto conn = server_->app().db().acquire();
    auto inbox = core::notifications::inbox(*conn, rita_, 1, 10);
    ASSERT_FALSE(inbox.items.empty());
    EXPECT_EQ(inbox.items.front().kind, "proposal-answered");
    EXPECT_EQ(inbox.items.front().href, href);
  }

  // Rate limit per person: five proposals in ten minutes, then a clear 429.
  auto pat = as(pat_);
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(pat.submit("/proposals", "title=Pat%27s+idea+number+" + std::to_string(i) + "&body=Idea").status, 303);
  auto limited = pat.submit("/proposals", "title=Pat%27s+idea+number+6&body=Idea");
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(contains(limited.body, "Wait 10 minutes")) << limited.body;
}

TEST_F(ProposalsHttp, SortsFiltersAndKeysetPagesCoverEveryProposalOnce) {
  auto& db = server_->app().db();
  std::vector<std::int64_t> ids;
  {
    auto conn = db.acquire();
    core::Transaction tx(*conn);
    const char* ambitions[] = {"develop-our-county-sustainably", "share-prosperity-with-everyone"};
    const char* areas[] = {"E07000071", "E10000012", "E07000070"};
    for (int i = 0; i < 24; ++i) {
      auto p =
          create_proposal_in(*conn, core::audit::Actor{}, pat_, "Pat Poster",
                             {"Keyset proposal number " + std::to_string(i), "Body", ambitions[i % 2], areas[i % 3]});
      ASSERT_TRUE(p) << p.error().message;
      ids.push_back(p->id);
    }
    tx.commit();
  }
  for (int i = 0; i < 6; ++i)  // supports 0..5 on the first six
    for (int k = 0; k < i; ++k) {
      core::Principal who;
      who.user_id = 500000 + k;
      who.name = "Someone";
      ASSERT_TRUE(support_proposal(db, who, "t", ids[i]));
    }
  auto c = as(0);
  auto walk = [&](std::string href) {
    std::vector<json> all;
    for (int pages = 0; pages < 20 && !href.empty(); ++pages) {
      auto j = get_json(c, href);
      for (const auto& p : j["proposals"]) all.push_back(p);
      href = j["links"]["next"].is_null() ? "" : j["links"]["next"].get<std::string>();
    }
    return all;
  };
  auto first = get_json(c, "/proposals?sort=supported");
  EXPECT_EQ(first["proposals"].size(), 20u);
  const auto total = first["total"].get<std::int64_t>();
  auto supported = walk("/proposals?sort=supported");
  ASSERT_EQ(static_cast<std::int64_t>(supported.size()), total);
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < supported.size(); ++i) {
    seen.insert(supported[i]["id"].get<std::int64_t>());
    if (i) {
      EXPECT_GE(supported[i - 1]["supports"].get<int>(), supported[i]["supports"].get<int>()) << i;
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total) << "no proposal twice, none missed";
  EXPECT_EQ(supported.front()["id"], ids[5]);

  auto newest = walk("/proposals");
  ASSERT_EQ(static_cast<std::int64_t>(newest.size()), total);
  for (std::size_t i = 1; i < newest.size(); ++i) EXPECT_GT(newest[i - 1]["id"], newest[i]["id"]);

  // Random: stable for a visitor (the cookie's seed), every proposal once across the pages.
  auto r1 = walk("/proposals?sort=random");
  auto r2 = walk("/proposals?sort=random");
  ASSERT_EQ(static_cast<std::int64_t>(r1.size()), total);
  std::vector<std::int64_t> o1, o2;
  for (const auto& p : r1) o1.push_back(p["id"]);
  for (const auto& p : r2) o2.push_back(p["id"]);
  EXPECT_EQ(o1, o2);
  EXPECT_EQ(std::set<std::int64_t>(o1.begin(), o1.end()).size(), o1.size());
  auto sorted = o1;
  std::sort(sorted.rbegin(), sorted.rend());
  EXPECT_NE(o1, sorted) << "not simply the newest order";

  // Filters: ambition, area (with what covers its wider area), status.
  for (const auto& p : walk("/proposals?sort=supported&ambition=share-prosperity-with-everyone"))
    EXPECT_EQ(p["ambition"]["slug"], "share-prosperity-with-everyone");
  auto colchester = walk("/proposals?area=E07000071");
  EXPECT_GE(colchester.size(), 16u);
  for (const auto& p : colchester) {
    auto code = p["area"].is_null() ? "" : p["area"]["code"].get<std::string>();
    EXPECT_TRUE(code == "E07000071" || code == "E10000012") << code;
  }
  auto awaiting = walk("/proposals?status=awaiting");
  for (const auto& p : awaiting) EXPECT_EQ(p["status"], "awaiting");
  EXPECT_GE(awaiting.size(), 4u) << "2 to 5 supports reach the threshold of 2";
  EXPECT_EQ(get_json(c, "/proposals?ambition=no-such-ambition")["total"], 0);
  auto html = c.get("/proposals?ambition=no-such-ambition").body;
  EXPECT_TRUE(contains(html, "No proposals match these filters"));
}

}  // namespace
}  // namespace goldthread::engagement
