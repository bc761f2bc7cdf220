// Consultations over HTTP, on SQLite and PostgreSQL (one fixture): a place admin opens one
// with a conditional question; a resident saves a draft, comes back, submits once; the
// condition's answer is ignored when it does not hold; results count; area breakdowns below
// the threshold are suppressed; free text shows after moderation; exports; unverified
// addresses are refused; a closed consultation publishes "we asked, you said, we did".
#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/accounts_test_support.hpp"
#include "engagement/consultation.hpp"
#include "places/places.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::engagement {
namespace {
using namespace accounts::testing;
using nlohmann::json;

const char* const kExample = "/consultations/example-getting-around-essex";
const std::vector<std::string> kNotManagers = {"resident", "partner-member", "organisation-admin", "project-lead",
                                               "moderator"};

const goldthread::testing::RouteSamples kConsultations({
    {"GET", "/consultations", "anyone", "/consultations"},
    {"GET", "/consultations/new", "signed-in", "/consultations/new", "", {"resident", "project-lead", "moderator"}},
    {"POST", "/consultations", "signed-in", "/consultations", "title=", {"resident", "project-lead", "moderator"}},
    {"GET", "/consultations/{slug}", "anyone", kExample},
    {"GET", "/consultations/{slug}/respond", "signed-in", std::string(kExample) + "/respond"},
    {"POST", "/consultations/{slug}/respond", "signed-in", std::string(kExample) + "/respond", "action=save"},
    {"GET", "/consultations/{slug}/results", "anyone", std::string(kExample) + "/results"},
    {"GET", "/consultations/{slug}/responses.csv", "signed-in", std::string(kExample) + "/responses.csv", "",
     kNotManagers},
    {"GET", "/consultations/{slug}/responses.json", "signed-in", std::string(kExample) + "/responses.json", "",
     kNotManagers},
    {"GET",
     "/consultations/{slug}/moderate",
     "signed-in",
     std::string(kExample) + "/moderate",
     "",
     {"resident", "partner-member", "organisation-admin", "project-lead"}},
    {"POST",
     "/consultations/{slug}/moderate",
     "signed-in",
     std::string(kExample) + "/moderate",
     "answer_id=1&decision=approved",
     {"resident", "partner-member", "organisation-admin", "project-lead"}},
    {"GET", "/consultations/{slug}/outcome", "signed-in", std::string(kExample) + "/outcome", "", kNotManagers},
    {"POST", "/consultations/{slug}/outcome", "signed-in", std::string(kExample) + "/outcome", "you_said=x",
     kNotManagers},
});

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

const char* const kSurvey =
    "single* | Do you use buses? | Yes; No\n"
    "long | What would make buses better? | | if 1 = Yes\n"
    "multiple* | How else do you travel? | Walking; Cycling; Car\n"
    "scale | How easy is it to get about? | Hard; Neither; Easy\n"
    "ranking | Rank these | Cost; Safety\n";

class ConsultationsHttp : public goldthread::testing::SharedServerTest<ConsultationsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    make_user(db, "pia@example.com", {core::Role::place_admin}, "Pia Place");
    for (int i = 1; i <= 7; ++i)
      make_user(db, "r" + std::to_string(i) + "@example.com", {}, "Resident " + std::to_string(i));
    auto conn = db.acquire();
    for (const auto& a : places::list_areas(*conn, places::try_current_place(*conn)->id))
      if (!a.parent_code.empty()) areas_.push_back(a.code);
    ASSERT_GE(areas_.size(), 2u);
    auto pia = as("pia@example.com");
    open_ = open(pia, "Buses in Essex", "01&opens_on-month=1&opens_on-year=2026", "2099");
    closed_ = open(pia, "Libraries last year", "01&opens_on-month=1&opens_on-year=2020", "2020");
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static std::string open(Client& c, const std::string& title, const std::string& opens, const std::string& year) {
    auto r = c.submit("/consultations",
                      "acting_for=0&title=" + core::url_encode(title) +
                          "&summary=Tell+us&description=**Why**+we+ask&areas=" + areas_[0] + "&opens_on-day=" + opens +
                          "&closes_on-day=31&closes_on-month=12" + "&closes_on-year=" + year + "&documents=" +
                          core::url_encode("Plan | https://example.org/plan") + "&survey=" + core::url_encode(kSurvey));
    EXPECT_EQ(r.status, 303) << r.body;
    auto at = r.header("location");
    return at.substr(0, at.find('?'));
  }
  static std::string answer(const std::string& fields, const std::string& action) {
    return fields + "&action=" + action;
  }
  static std::vector<std::string> areas_;
  static std::string open_, closed_;
};
std::vector<std::string> ConsultationsHttp::areas_;
std::string ConsultationsHttp::open_, ConsultationsHttp::closed_;

TEST_F(ConsultationsHttp, AResidentSavesADraftComesBackAndSubmitsOnce) {
  ASSERT_EQ(open_, "/consultations/buses-in-essex");
  auto anon = Client{port(), {}};
  auto page = json::parse(anon.get(open_, true).body);
  EXPECT_EQ(page["state"], "open");
  EXPECT_EQ(page["questions"].size(), 5u);
  EXPECT_EQ(page["questions"][1]["condition"]["question"], 1);
  EXPECT_EQ(page["questions"][1]["condition"]["answer"], "Yes");
  EXPECT_TRUE(has(page["description_html"].get<std::string>(), "<strong>Why</strong>"));
  EXPECT_EQ(page["documents"][0]["url"], "https://example.org/plan");
  EXPECT_FALSE(page.contains("can_manage")) << "no screen state in the resource";
  auto list = json::parse(anon.get("/consultations?area=" + areas_[0], true).body);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["consultations"][0]["href"], open_);
  EXPECT_EQ(json::parse(anon.get("/consultations?state=closed", true).body)["consultations"][0]["href"], closed_);
  EXPECT_TRUE(has(anon.get("/consultations").body, "Buses in Essex"));
  EXPECT_EQ(anon.get(open_ + "/respond").status, 303) << "signed out: to sign in";

  auto r1 = as("r1@example.com");
  auto saved = r1.submit(open_ + "/respond", answer("q1=Yes&q2=More+evening+buses&q3=Car", "save"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), open_ + "/respond?saved=draft");
  // Coming back: the draft is there.
  auto back = r1.get(open_ + "/respond?saved=draft");
  EXPECT_TRUE(has(back.body, "Your answers are saved"));
  EXPECT_TRUE(has(back.body, "More evening buses"));
  EXPECT_TRUE(has(r1.get(open_).body, "Continue your answers"));
  // Submitting without a required answer: the error names the question.
  auto bad = r1.submit(open_ + "/respond", answer("q1=No&q2=ignored", "submit"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "Select at least one option for Question 3"));
  EXPECT_TRUE(has(bad.body, "href=\"#q3\""));
  // Ranks must differ.
  EXPECT_TRUE(
      has(r1.submit(open_ + "/respond", answer("q1=No&q3=Car&q5-1=1&q5-2=1", "submit")).body, "a different rank"));
  // q1 = No: the answer to q2 (shown only if Yes) is ignored.
  auto sent =
      r1.submit(open_ + "/respond", answer("q1=No&q2=ignored&q3=Car&q3=Walking&q4=Easy&q5-1=2&q5-2=1", "submit"));
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.header("location"), open_ + "?saved=submitted");
  EXPECT_EQ(r1.submit(open_ + "/respond", answer("q1=Yes&q3=Car", "submit")).status, 409) << "once only";
  EXPECT_EQ(r1.get(open_ + "/respond").status, 409);

  auto res = json::parse(anon.get(open_ + "/results", true).body);
  EXPECT_EQ(res["respondents"], 1);
  EXPECT_EQ(res["questions"][0]["counts"][1]["option"], "No");
  EXPECT_EQ(res["questions"][0]["counts"][1]["count"], 1);
  EXPECT_EQ(res["questions"][1]["answered"], 0) << "the hidden question's answer was dropped";
  EXPECT_EQ(res["questions"][2]["answered"], 1);
  EXPECT_EQ(res["questions"][4]["counts"][1]["mean_position"], 1.0);  // Safety ranked first
  EXPECT_TRUE(has(anon.get(open_ + "/results").body, "<svg"));

  // A closed consultation takes no answers; its managers publish what was done.
  EXPECT_EQ(r1.submit(closed_ + "/respond", answer("q1=No&q3=Car", "submit")).status, 403);
  auto pia = as("pia@example.com");
  EXPECT_EQ(pia.submit(closed_ + "/outcome", "you_said=&we_did=x").status, 400);
  EXPECT_EQ(r1.submit(closed_ + "/outcome", "you_said=a&we_did=b").status, 403);
  auto out = pia.submit(closed_ + "/outcome", "you_said=Open+longer&we_did=We+opened+on+Sundays");
  ASSERT_EQ(out.status, 303) << out.body;
  auto closed_page = anon.get(closed_).body;
  EXPECT_TRUE(has(closed_page, "We asked, you said, we did"));
  EXPECT_TRUE(has(closed_page, "We opened on Sundays"));
}

// Issue 16.3: followers hear once that a consultation is closing (`goldthread consultations
// closing`, run daily, calls announce_closing).
TEST_F(ConsultationsHttp, FollowersHearOnceThatAConsultationIsClosing) {
  auto& db = server_->app().db();
  std::int64_t id = 0;
  {
    auto conn = db.acquire();
    id = store::try_find(*conn, "buses-in-essex")->id;
  }
  auto r7 = as("r7@example.com");
  ASSERT_EQ(
      r7.submit("/follow", "type=consultation&id=" + std::to_string(id) + "&action=follow&return_to=" + open_).status,
      303);
  auto titles = [&] {
    std::vector<std::string> out;
    const auto inbox = json::parse(r7.get("/notifications", true).body);
    for (const auto& n : inbox["notifications"]) out.push_back(n["title"].get<std::string>());
    return out;
  };
  const std::string closing = "Closing soon: Buses in Essex (closes 31 December 2099)";
  announce_closing(db, "2099-12-01", 7);  // 30 days before it closes: not yet
  auto seen = titles();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), closing), 0);
  EXPECT_GE(announce_closing(db, "2099-12-27", 7), 1);
  seen = titles();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), closing), 1) << "the follower is told";
  EXPECT_EQ(announce_closing(db, "2099-12-28", 7), 0) << "once per consultation";
  seen = titles();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), closing), 1);
}

TEST_F(ConsultationsHttp, SmallAreasAreSuppressedFreeTextWaitsForModerationAndExportsStream) {
  auto& db = server_->app().db();
  // r2..r6 from the first area (5 people: shown), r7 from the second (1 person: hidden).
  for (int i = 2; i <= 7; ++i) {
    auto c = as("r" + std::to_string(i) + "@example.com");
    auto area = i == 7 ? areas_[1] : areas_[0];
    auto r = c.submit(open_ + "/respond", answer("q1=Yes&q2=" + std::string(i == 2 ? "Buses+after+ten" : "") +
                                                     "&q3=Walking&area=" + area + (i == 3 ? "&anonymous=1" : ""),
                                                 "submit"));
    ASSERT_EQ(r.status, 303) << r.body;
  }
  auto anon = Client{port(), {}};
  auto res = json::parse(anon.get(open_ + "/results", true).body);
  ASSERT_GE(res["respondents"].get<int>(), 6);
  json first, second;
  for (const auto& a : res["areas"]) {
    if (a["area_code"] == areas_[0]) first = a;
    if (a["area_code"] == areas_[1]) second = a;
  }
  EXPECT_EQ(first["respondents"], 5);
  EXPECT_FALSE(first["suppressed"].get<bool>());
  EXPECT_EQ(first["questions"][0]["counts"][0]["count"], 5);
  EXPECT_TRUE(second["suppressed"].get<bool>());
  EXPECT_TRUE(second["respondents"].is_null()) << "no figure for a suppressed area";
  EXPECT_TRUE(second["questions"].empty());
  EXPECT_TRUE(res["questions"][1]["approved_answers"].empty()) << "free text waits for a moderator";

  auto pia = as("pia@example.com");
  auto mod = json::parse(pia.get(open_ + "/moderate", true).body);
  ASSERT_EQ(mod["answers"].size(), 1u);
  EXPECT_EQ(mod["answers"][0]["value"], "Buses after ten");
  EXPECT_EQ(as("r1@example.com").submit(open_ + "/moderate", "answer_id=1&decision=approved").status, 403);
  auto ok = pia.submit(open_ + "/moderate", "answer_id=" + std::to_string(mod["answers"][0]["id"].get<std::int64_t>()) +
                                                "&decision=approved");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_TRUE(has(anon.get(open_ + "/results").body, "Buses after ten"));

  EXPECT_EQ(as("r2@example.com").get(open_ + "/responses.csv").status, 403);
  auto csv = pia.get(open_ + "/responses.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.header("content-type"), "text/csv"));
  EXPECT_TRUE(has(csv.body, "Q1 Do you use buses?"));
  EXPECT_TRUE(has(csv.body, "Resident 2"));
  EXPECT_TRUE(has(csv.body, "Not named"));
  EXPECT_FALSE(has(csv.body, "Resident 3")) << "the person who chose not to be named";
  auto exported = json::parse(pia.get(open_ + "/responses.json").body);
  EXPECT_EQ(exported["responses"].size(), res["respondents"].get<std::size_t>());
  EXPECT_EQ(exported["responses"][0]["answers"]["3"][0], "Car");

  // Taking part needs a confirmed address.
  auto id = make_user(db, "unconfirmed@example.com", {}, "Una Confirmed");
  {
    auto conn = db.acquire();
    conn->query("UPDATE users SET email_verified_at = NULL WHERE id = ?", {id});
  }
  auto una = as("unconfirmed@example.com");
  auto refused = una.get(open_ + "/respond");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(has(refused.body, "Confirm your e-mail address"));
  // The bundled example is there for a new user to see.
  EXPECT_TRUE(has(anon.get("/consultations").body, "Example: Getting around Essex"));
}

// Issue 14.6: an optional area on the account starts a new answer's area, and deleting the
// account asks what happens to what the person wrote; "remove" removes their answers,
// proposals and comments' text (a reply under a removed comment stays).
TEST_F(ConsultationsHttp, AnAccountsAreaStartsAnAnswerAndDeletingCanRemoveWhatWasWritten) {
  auto& db = server_->app().db();
  auto dee_id = make_user(db, "dee@example.com", {}, "Dee Parting");
  auto dee = as("dee@example.com"), r1 = as("r1@example.com");
  auto bad = dee.submit("/account/area", "area=E99999999");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "href=\"#area\"")) << "chosen from the place's areas; an unknown code is refused";
  ASSERT_EQ(dee.submit("/account/area", "area=" + areas_[1]).status, 200);
  EXPECT_EQ(json::parse(dee.get("/account", true).body)["user"]["area"]["code"], areas_[1]);
  EXPECT_TRUE(has(dee.get(open_ + "/respond").body, "value=\"" + areas_[1] + "\" selected"));
  ASSERT_EQ(dee.submit(open_ + "/respond", answer("q1=No&q3=Car&area=" + areas_[1], "submit")).status, 303);

  std::int64_t consultation_id = 0;
  {
    auto conn = db.acquire();
    consultation_id = conn->query("SELECT id FROM consultations WHERE slug = 'buses-in-essex'").rows.at(0).integer(0);
  }
  auto posted = dee.submit("/comments", "resource_type=consultation&resource_id=" + std::to_string(consultation_id) +
                                            "&body=Dee+says+more+buses");
  ASSERT_EQ(posted.status, 303) << posted.body;
  auto at = posted.header("location");
  EXPECT_EQ(at.rfind(open_ + "?comment=posted#comment-", 0), 0u) << at;
  auto comment_id = at.substr(at.find("#comment-") + 9);
  ASSERT_EQ(r1.submit("/comments", "resource_type=consultation&resource_id=" + std::to_string(consultation_id) +
                                       "&parent_id=" + comment_id + "&body=Agreed+with+Dee")
                .status,
            303);
  auto anon = Client{port(), {}};
  EXPECT_TRUE(has(anon.get(open_).body, "Dee says more buses"));
  ASSERT_EQ(dee.submit("/proposals", "title=Dee+wants+night+buses&body=Night+buses+please").status, 303);

  auto ask = dee.submit("/account/delete", std::string("password=") + kPassword);
  EXPECT_EQ(ask.status, 400);
  EXPECT_TRUE(has(ask.body, "href=\"#contributions\"")) << "deleting asks what happens to contributions";
  auto gone = dee.submit("/account/delete", std::string("contributions=remove&password=") + kPassword);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_TRUE(has(gone.body, "What you wrote has been removed"));
  auto page = anon.get(open_).body;
  EXPECT_FALSE(has(page, "Dee says more buses")) << "the cached thread went with the audited delete";
  EXPECT_TRUE(has(page, "Removed by its author"));
  EXPECT_TRUE(has(page, "Agreed with Dee")) << "the reply stays";
  EXPECT_EQ(anon.get("/proposals/dee-wants-night-buses").status, 404);
  auto conn = db.acquire();
  EXPECT_EQ(conn->query("SELECT id FROM consultation_responses WHERE user_id = ?", {dee_id}).rows.size(), 0u);
  EXPECT_EQ(conn->query("SELECT id FROM proposals WHERE author_user_id = ?", {dee_id}).rows.size(), 0u);
  auto audit = conn->query(
      "SELECT before_json FROM audit_events WHERE action = 'delete' AND resource_type = 'user' AND resource_id = ?",
      {std::to_string(dee_id)});
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_TRUE(has(audit.rows[0].text(0), "\"contributions\":\"removed\""));
  EXPECT_FALSE(has(audit.rows[0].text(0), "dee@example.com")) << "the audit trail's redaction (9.4) stays";
}

}  // namespace
}  // namespace goldthread::engagement
