// Readiness over HTTP, on SQLite and PostgreSQL: the bundled framework and its example round;
// a place admin opens a facilitated round; a member saves a draft, comes back to it and
// submits once; a place admin rewords a statement (a new version) and the comparison of two
// rounds says which statements it used; paper answers; the threshold and complementary
// suppression in the page, CSV and JSON; actions on weak blocks as commitments on the owner's
// account page, updated through the commitment mechanism; every write audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "core/storage.hpp"
#include "readiness/readiness_store.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::readiness {
namespace {
using namespace accounts::testing;
using nlohmann::json;

const std::string kExample = "/readiness/rounds/essex-readiness-self-assessment-example";
const std::string kExampleSlug = "essex-readiness-self-assessment-example";
// The bundled example action's address, looked up in the example round (its id depends on
// what was seeded before it).
std::string example_action(core::Database& db) {
  auto conn = db.acquire();
  auto round = store::find_round(*conn, kExampleSlug);
  if (!round) return "/readiness/actions/0";
  auto links = store::actions_of(*conn, round->id);
  return "/readiness/actions/" + std::to_string(links.empty() ? 0 : links.front().commitment_id);
}
const goldthread::testing::RoutePlaceholder kActionLookup("{readiness_example_action}", example_action);
const std::string kExampleAction = "{readiness_example_action}";
const std::vector<std::string> kNotAdmins = {"resident", "partner-member", "organisation-admin", "project-lead",
                                             "moderator"};

const goldthread::testing::RouteSamples kReadiness({
    {"GET", "/readiness", "anyone", "/readiness"},
    {"GET", "/readiness/framework", "anyone", "/readiness/framework"},
    {"POST", "/readiness/framework", "place-admin", "/readiness/framework", "code="},
    {"GET", "/readiness/framework/blocks/{slug}", "place-admin", "/readiness/framework/blocks/governance"},
    {"POST", "/readiness/framework/blocks/{slug}", "place-admin", "/readiness/framework/blocks/governance",
     "description="},
    {"GET", "/readiness/rounds/new", "place-admin", "/readiness/rounds/new"},
    {"POST", "/readiness/rounds", "place-admin", "/readiness/rounds", "name="},
    {"GET", "/readiness/rounds/{slug}", "anyone", kExample},
    {"GET", "/readiness/rounds/{slug}/report", "anyone", kExample + "/report"},
    {"GET", "/readiness/rounds/{slug}/results.csv", "anyone", kExample + "/results.csv"},
    {"GET", "/readiness/rounds/{slug}/results.json", "anyone", kExample + "/results.json"},
    {"GET", "/readiness/rounds/{slug}/compare", "anyone", kExample + "/compare"},
    {"GET", "/readiness/rounds/{slug}/answer", "signed-in", kExample + "/answer"},
    {"POST", "/readiness/rounds/{slug}/answer", "signed-in", kExample + "/answer",
     "current-governance-1=9&submit=draft"},
    {"GET", "/readiness/rounds/{slug}/paper", "place-admin", kExample + "/paper"},
    {"POST", "/readiness/rounds/{slug}/paper", "place-admin", kExample + "/paper", "csv=sheet"},
    {"POST", "/readiness/rounds/{slug}/actions", "signed-in", kExample + "/actions", "text="},
    {"GET", "/readiness/actions/{id}", "anyone", kExampleAction},
    {"POST", "/readiness/actions/{id}/progress", "signed-in", kExampleAction + "/progress", "status=", kNotAdmins},
});

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

std::vector<std::string> codes();

// Every statement of the bundled framework answered `cur` now and `des` wanted.
std::string all_answers(int cur, int des) {
  static const char* blocks[] = {
      "place-based-strategies-and-plans",      "governance",
      "outcomes-and-accountability",           "funding-and-commissioning",
      "culture-change-and-people-development", "delivery",
      "data-evidence-and-evaluation",          "collaborative-platforms-digital-and-physical",
      "communications-and-engagement"};
  std::string out;
  for (const char* b : blocks)
    for (int s = 1; s <= 4; ++s) {
      std::string code = std::string(b) + "-" + std::to_string(s);
      out += "&current-" + code + "=" + std::to_string(cur) + "&desired-" + code + "=" + std::to_string(des);
    }
  return out;
}

std::vector<std::string> codes() {
  static const char* blocks[] = {
      "place-based-strategies-and-plans",      "governance",
      "outcomes-and-accountability",           "funding-and-commissioning",
      "culture-change-and-people-development", "delivery",
      "data-evidence-and-evaluation",          "collaborative-platforms-digital-and-physical",
      "communications-and-engagement"};
  std::vector<std::string> out;
  for (const char* b : blocks)
    for (int s = 1; s <= 4; ++s) out.push_back(std::string(b) + "-" + std::to_string(s));
  return out;
}

class ReadinessHttp : public goldthread::testing::SharedServerTest<ReadinessHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Readiness Community Trust");
    mia_ = make_user(db, "mia@example.com", {}, "Mia Member");
    make_member(db, mia_, org_);
    org2_ = make_organisation(db, "Readiness Second Trust");
    make_member(db, mia_, org2_);
    make_member(db, make_user(db, "max@example.com", {}, "Max Member"), org_);
    make_user(db, "ray@example.com", {}, "Ray Resident");
    make_user(db, "pat@example.com", {core::Role::place_admin}, "Pat Place");
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static std::vector<core::audit::Event> audit_of(const std::string& type) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = type;
    return core::audit::list(*conn, f).events;
  }
  static std::string open_round(Client& admin, const std::string& fields) {
    auto r = admin.submit("/readiness/rounds", fields);
    EXPECT_EQ(r.status, 303) << r.body;
    auto at = r.header("location");
    return at.substr(0, at.find('?'));
  }
  static std::int64_t org_, org2_, mia_;
};
std::int64_t ReadinessHttp::org_ = 0, ReadinessHttp::org2_ = 0, ReadinessHttp::mia_ = 0;

TEST_F(ReadinessHttp, TheExampleRoundShowsSmallGroupsAsFewerThanTheThreshold) {
  Client anon{port(), {}};
  auto page = anon.get(kExample);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Example"));
  EXPECT_TRUE(has(page.body, "<svg class=\"readiness-chart\""));
  EXPECT_TRUE(has(page.body, "readiness-radar"));
  EXPECT_TRUE(has(page.body, "Fewer than 5 answers"));
  EXPECT_TRUE(has(page.body, "Data, Evidence &amp; Evaluation"));
  EXPECT_TRUE(has(page.body, "Building data capability")) << "a recommendation resting on a weak block";
  auto j = json::parse(anon.get(kExample, true).body);
  EXPECT_EQ(j["submitted_answers"], 30);
  EXPECT_EQ(j["is_example"], true);
  EXPECT_FALSE(j.contains("can_admin")) << "no screen state in the resource";
  const auto& groups = j["results"]["groups"];
  int police = -1;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i]["key"] == "police") police = static_cast<int>(i);
  ASSERT_GE(police, 0);
  for (const auto& row : j["results"]["rows"]) {
    EXPECT_EQ(row["groups"][police]["state"], "fewer-than-threshold");
    EXPECT_FALSE(row["groups"][police].contains("current"));
    EXPECT_EQ(row["all"]["state"], "shown");
  }
  auto csv = anon.get(kExample + "/results.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "governance,sector,Police,fewer-than-threshold,,,,,"));
  auto byorg = json::parse(anon.get(kExample + "?by=organisation", true).body);
  EXPECT_EQ(byorg["results"]["by"], "organisation");
  auto report = anon.get(kExample + "/report");
  EXPECT_EQ(report.status, 200);
  EXPECT_TRUE(has(report.body, "readiness-report"));
  // The example action sits under its weak block and is a commitment like any other.
  const auto action = example_action(server_->app().db());
  EXPECT_TRUE(has(page.body, "href=\"" + action + "\"")) << action;
  EXPECT_EQ(json::parse(anon.get(action, true).body)["kind"], "readiness-action");
}

TEST_F(ReadinessHttp, AMemberSavesADraftReturnsAndSubmitsOnceForTheirOrganisation) {
  auto pat = as("pat@example.com");
  // The GOV.UK date input: day, month and year boxes; an impossible date is an error naming
  // the field, and the boxes keep what was typed.
  auto new_round = pat.get("/readiness/rounds/new").body;
  EXPECT_TRUE(has(new_round, "name=\"opens_on-day\"") && has(new_round, "name=\"closes_on-year\""));
  auto bad = pat.submit("/readiness/rounds",
                        "name=Bad+dates&mode=individual&invite_scope=everyone&opens_on-day=31&opens_on-month=4"
                        "&opens_on-year=2026&closes_on-day=1&closes_on-month=5&closes_on-year=2026&threshold=5");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "href=\"#opens_on\"")) << bad.body;
  EXPECT_TRUE(has(bad.body, "name=\"opens_on-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
  auto round = open_round(pat, "name=Trust+round+2026&mode=facilitated&invite_scope=organisations&invited=" +
                                   std::to_string(org_) + "%0A" + std::to_string(org2_) +
                                   "&opens_on-day=1&opens_on-month=1&opens_on-year=2026&closes_on-day=31"
                                   "&closes_on-month=12&closes_on-year=2099&threshold=3");
  ASSERT_EQ(round, "/readiness/rounds/trust-round-2026");
  auto ray = as("ray@example.com");
  EXPECT_EQ(ray.get(round + "/answer").status, 403) << "not a member of an invited organisation";

  auto mia = as("mia@example.com");
  auto form = mia.get(round + "/answer");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "Readiness Community Trust"));
  auto draft = mia.submit(round + "/answer", "organisation_id=" + std::to_string(org_) +
                                                 "&submit=draft&current-governance-1=2&desired-governance-1=4"
                                                 "&evidence-governance-1=Board+minutes");
  ASSERT_EQ(draft.status, 303) << draft.body;
  EXPECT_TRUE(has(mia.get(draft.header("location")).body, "Your draft has been saved"));
  // Another member of the same organisation continues the same draft.
  auto max = as("max@example.com");
  auto again = max.get(round + "/answer?part=2");
  EXPECT_TRUE(has(again.body, "You are continuing a saved draft"));
  EXPECT_TRUE(has(again.body,
                  "id=\"current-governance-1-2\" name=\"current-governance-1\" type=\"radio\" value=\"2\" checked"));
  EXPECT_TRUE(has(again.body, "Board minutes"));
  // Submitting with statements unanswered names each one.
  auto incomplete = max.submit(round + "/answer", "submit=submit&current-governance-1=2&desired-governance-1=4");
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_TRUE(has(incomplete.body, "href=\"#current-place-based-strategies-and-plans-1\""));
  auto done = max.submit(round + "/answer", "submit=submit" + all_answers(2, 4));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(
      mia.submit(round + "/answer", "organisation_id=" + std::to_string(org_) + "&submit=submit" + all_answers(3, 4))
          .status,
      409);
  // Mia belongs to both invited organisations: the round page offers each, with its status.
  auto choices = mia.get(round).body;
  EXPECT_TRUE(has(choices, "Readiness Community Trust</li>") || has(choices, "Readiness Community Trust: Submitted"));
  EXPECT_TRUE(
      has(choices, "answer?organisation=" + std::to_string(org2_) + "\">Readiness Second Trust</a>: Not started"));
  auto j = json::parse(mia.get(round, true).body);
  EXPECT_EQ(j["submitted_answers"], 1);
  // One organisation's agreed answer, under the threshold of 3: the place's cells are hidden.
  EXPECT_EQ(j["results"]["rows"][0]["all"]["state"], "fewer-than-threshold");
  auto events = audit_of("readiness-response");
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.front().action, "submit");
  EXPECT_EQ(events.front().organisation_id, org_);
}

TEST_F(ReadinessHttp, PaperAnswersAreAggregatedAndASmallGroupsSiblingIsHiddenToo) {
  auto pat = as("pat@example.com");
  auto round = open_round(pat,
                          "name=Paper+round&mode=individual&invite_scope=everyone&opens_on=2026-01-01"
                          "&closes_on=2099-12-31&threshold=3");
  // Four NHS answers (levels 1, 2, 3, 4) and two police answers: the police cell is small, so
  // the NHS cell is hidden too, or the police figures would follow from the total.
  std::string csv = "sheet,sector,statement,current,desired\n";
  for (int sheet = 1; sheet <= 6; ++sheet)
    for (const auto& code : codes()) {
      int level = sheet <= 4 ? sheet : 5;
      csv += std::to_string(sheet) + "," + (sheet <= 4 ? "nhs" : "police") + "," + code + "," + std::to_string(level) +
             ",5\n";
    }
  auto bad =
      pat.submit(round + "/paper", "csv=" + core::url_encode("sheet,statement,current,desired\n1,governance-1,7,5\n"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "Enter a level from 1 to 5"));
  EXPECT_TRUE(has(bad.body, "every statement needs a row"));
  ASSERT_EQ(pat.submit(round + "/paper", "csv=" + core::url_encode(csv)).status, 303);
  auto j = json::parse(pat.get(round + "/results.json").body);
  EXPECT_EQ(j["submitted_answers"], 6);
  const auto& row = j["results"]["rows"][0];
  EXPECT_EQ(row["all"]["state"], "shown");
  EXPECT_EQ(row["all"]["answers"], 6);
  EXPECT_DOUBLE_EQ(row["all"]["current"]["median"].get<double>(), 3.5);  // 1 2 3 4 5 5
  EXPECT_DOUBLE_EQ(row["all"]["current"]["q1"].get<double>(), 2.25);
  EXPECT_DOUBLE_EQ(row["all"]["current"]["q3"].get<double>(), 4.75);
  std::map<std::string, std::string> state;
  for (std::size_t i = 0; i < j["results"]["groups"].size(); ++i)
    state[j["results"]["groups"][i]["key"]] = row["groups"][i]["state"];
  EXPECT_EQ(state["police"], "fewer-than-threshold");
  EXPECT_EQ(state["nhs"], "complementary");
  auto page = pat.get(round);
  EXPECT_TRUE(has(page.body, "Hidden so that a smaller group cannot be worked out"));
  EXPECT_EQ(audit_of("readiness-round").size() >= 2, true);
}

TEST_F(ReadinessHttp, ANewFrameworkVersionKeepsOldAnswersAndComparisonsSaySo) {
  auto pat = as("pat@example.com");
  auto before = json::parse(pat.get("/readiness/framework", true).body);
  int v = before["version"];
  auto empty = pat.submit("/readiness/framework", "code=governance-3&text=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(has(empty.body, "href=\"#text\""));
  ASSERT_EQ(
      pat.submit("/readiness/framework", "code=governance-3&text=Board+members+can+commit+their+organisations").status,
      303);
  auto after = json::parse(pat.get("/readiness/framework", true).body);
  EXPECT_EQ(after["version"], v + 1);
  // Beyond rewording (13.1): add a statement, remove one, change a block's levels. Each is a
  // version of its own; errors name the field.
  auto no_text = pat.submit("/readiness/framework", "change=add&add_block=outcomes-and-accountability&add_text=");
  EXPECT_EQ(no_text.status, 400);
  EXPECT_TRUE(has(no_text.body, "href=\"#add_text\""));
  auto added = pat.submit("/readiness/framework", "change=add&add_block=outcomes-and-accountability&add_text=" +
                                                      core::url_encode("Partners publish progress on shared outcomes"));
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(has(pat.get(added.header("location")).body, "Statement added"));
  EXPECT_TRUE(has(pat.submit("/readiness/framework", "change=remove&remove_code=").body, "href=\"#remove_code\""));
  ASSERT_EQ(pat.submit("/readiness/framework", "change=remove&remove_code=funding-and-commissioning-2").status, 303);
  auto block_page = pat.get("/readiness/framework/blocks/delivery");
  ASSERT_EQ(block_page.status, 200);
  EXPECT_TRUE(has(block_page.body, "name=\"level_3\""));
  auto latest = json::parse(pat.get("/readiness/framework", true).body);
  json delivery;
  for (const auto& b : latest["blocks"])
    if (b["slug"] == "delivery") delivery = b;
  ASSERT_TRUE(delivery.is_object());
  const std::string level1 = delivery["levels"]["1"], level5 = delivery["levels"]["5"];
  auto no_level =
      pat.submit("/readiness/framework/blocks/delivery",
                 "description=" + core::url_encode(delivery["description"].get<std::string>()) +
                     "&level_1=" + core::url_encode(level1) + "&level_3=&level_5=" + core::url_encode(level5));
  EXPECT_EQ(no_level.status, 400);
  EXPECT_TRUE(has(no_level.body, "href=\"#level_3\""));
  ASSERT_EQ(pat.submit("/readiness/framework/blocks/delivery",
                       "description=" + core::url_encode(delivery["description"].get<std::string>()) + "&level_1=" +
                           core::url_encode(level1) + "&level_3=" + core::url_encode("Partners deliver together") +
                           "&level_5=" + core::url_encode(level5))
                .status,
            303);
  latest = json::parse(pat.get("/readiness/framework", true).body);
  EXPECT_EQ(latest["version"], v + 4);
  std::string new_code;
  for (const auto& b : latest["blocks"])
    if (b["slug"] == "outcomes-and-accountability") new_code = b["statements"].back()["code"];
  ASSERT_FALSE(new_code.empty());
  auto round = open_round(pat,
                          "name=Next+round&mode=individual&invite_scope=everyone&opens_on=2099-01-01"
                          "&closes_on=2099-12-31&threshold=5");
  auto j = json::parse(pat.get(round, true).body);
  EXPECT_EQ(j["framework_version"], v + 4);
  EXPECT_EQ(json::parse(pat.get(kExample, true).body)["framework_version"], 1) << "a round keeps its version";
  auto cmp = pat.get(round + "/compare?with=essex-readiness-self-assessment-example");
  ASSERT_EQ(cmp.status, 200);
  EXPECT_TRUE(has(cmp.body, "different versions of the framework"));
  auto cj = json::parse(pat.get(round + "/compare?with=essex-readiness-self-assessment-example", true).body);
  auto codes = cj["comparable_statements"].get<std::vector<std::string>>();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "governance-3"), 0);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "governance-1"), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "funding-and-commissioning-2"), 0) << "removed";
  EXPECT_EQ(std::count(codes.begin(), codes.end(), new_code), 0) << "added after the example round";
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "delivery-1"), 0) << "its levels changed meaning";
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "funding-and-commissioning-1"), 1);
  EXPECT_EQ(codes.size(), 36u - 1 - 1 - 4) << "of the example round's 36: reworded, removed, four re-levelled";
  EXPECT_EQ(pat.get(round + "/compare").status, 303);
  EXPECT_GE(audit_of("readiness-framework").size(), 4u);
}

TEST_F(ReadinessHttp, AnActionOnAWeakBlockIsACommitmentOnItsOwnersAccountPage) {
  auto mia = as("mia@example.com");
  auto bad = mia.submit(kExample + "/actions", "block=governance&text=");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "href=\"#text\""));
  auto r = mia.submit(kExample + "/actions",
                      "block=data-evidence-and-evaluation&text=Publish+a+shared+data+catalogue"
                      "&due_on=2099-03-05&organisation_id=" +
                          std::to_string(org_));
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = mia.get(kExample);
  EXPECT_TRUE(has(page.body, "Publish a shared data catalogue"));
  auto account = mia.get("/account").body;
  EXPECT_TRUE(has(account, "Publish a shared data catalogue"));
  auto j = json::parse(mia.get(kExample, true).body);
  std::string href;
  for (const auto& a : j["actions"])
    if (a["text"] == "Publish a shared data catalogue") href = a["href"];
  ASSERT_FALSE(href.empty());
  auto ray = as("ray@example.com");
  EXPECT_EQ(ray.submit(href + "/progress", "status=limited&note=x").status, 403);
  ASSERT_EQ(mia.submit(href + "/progress", "status=limited&note=Catalogue+drafted").status, 303);
  auto aj = json::parse(mia.get(href, true).body);
  EXPECT_EQ(aj["status"], "limited");
  EXPECT_EQ(aj["building_block"], "data-evidence-and-evaluation");
}

}  // namespace
}  // namespace goldthread::readiness
