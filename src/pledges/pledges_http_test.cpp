// Pledges over HTTP, on SQLite and PostgreSQL: a member pledges for their organisation and a
// resident for themselves; the pledge appears in the register (filters, pagination, CSV and
// JSON), on the ambition page (the social contract by side), on the organisation page and on
// the pledger's account page; only the pledger, their organisation's members and place admins
// add progress; "complete" needs evidence; every change is audited; the Essex pledges of the
// fourth assembly are bundled; a pledge made in a solution room is shown in the room (live) and
// names it (issue 11.5).
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "assemblies/assemblies.hpp"
#include "core/audit.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::pledges {
namespace {
using namespace accounts::testing;
using nlohmann::json;

// Route × role rows (tests/support/route_samples.hpp). /pledges/1 is the first bundled pledge
// (Essex Council for Voluntary Youth Services): no persona of the matrix is its pledger or a
// member of its organisation, so only place and site admins may add progress.
const goldthread::testing::RouteSamples kPledges({
    {"GET", "/pledges", "anyone", "/pledges"},
    {"GET", "/pledges.csv", "anyone", "/pledges.csv"},
    {"GET", "/pledges.json", "anyone", "/pledges.json"},
    {"GET", "/pledges/new", "signed-in", "/pledges/new"},
    {"POST", "/pledges", "signed-in", "/pledges", "text="},
    {"GET", "/pledges/{id}", "anyone", "/pledges/1"},
    {"GET",
     "/pledges/{id}/progress",
     "signed-in",
     "/pledges/1/progress",
     "",
     {"resident", "partner-member", "organisation-admin", "project-lead", "moderator"}},
    {"POST",
     "/pledges/{id}/progress",
     "signed-in",
     "/pledges/1/progress",
     "status=",
     {"resident", "partner-member", "organisation-admin", "project-lead", "moderator"}},
    {"GET", "/social-contract", "anyone", "/social-contract"},
});

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

class PledgesHttp : public goldthread::testing::SharedServerTest<PledgesHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Pledge Youth Trust");
    pam_ = make_user(db, "pam@example.com", {}, "Pam Pledger");
    make_member(db, pam_, org_);
    make_member(db, make_user(db, "mo@example.com", {}, "Mo Member"), org_);
    rita_ = make_user(db, "rita@example.com", {}, "Rita Resident");
    make_user(db, "olga@example.com", {}, "Olga Other");
    make_user(db, "pia@example.com", {core::Role::place_admin}, "Pia Place");
    auto conn = db.acquire();
    for (const auto& a : places::list_ambitions(*conn, places::try_current_place(*conn)->id))
      ambitions_.push_back({a.id, a.slug});
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static std::string ambition(int n) { return std::to_string(ambitions_.at(n).first); }
  static std::string slug(int n) { return ambitions_.at(n).second; }
  static std::vector<core::audit::Event> audit_of(const std::string& id) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = "pledge";
    f.resource_id = id;
    return core::audit::list(*conn, f).events;
  }
  // Makes a pledge through the form; returns its address.
  static std::string pledge(Client& c, const std::string& fields) {
    auto r = c.submit("/pledges", fields);
    EXPECT_EQ(r.status, 303) << r.body;
    auto at = r.header("location");
    return at.substr(0, at.find('?'));
  }
  static std::int64_t org_, pam_, rita_;
  static std::vector<std::pair<std::int64_t, std::string>> ambitions_;
};
std::int64_t PledgesHttp::org_ = 0, PledgesHttp::pam_ = 0, PledgesHttp::rita_ = 0;
std::vector<std::pair<std::int64_t, std::string>> PledgesHttp::ambitions_;

TEST_F(PledgesHttp, AMemberPledgesForTheirOrganisationAndItAppearsEverywhere) {
  auto pam = as("pam@example.com");
  EXPECT_EQ(pam.get("/pledges/new").status, 200);
  auto href = pledge(pam, "pledged_as=organisation&organisation_id=" + std::to_string(org_) +
                              "&text=Run+youth+panels+in+every+district&owner_role=Director&ambitions=" + ambition(4) +
                              "&due_on-day=5&due_on-month=3&due_on-year=2099");
  ASSERT_EQ(href.rfind("/pledges/", 0), 0u);
  auto page = pam.get(href + "?saved=created");
  EXPECT_TRUE(has(page.body, "Pledge made"));
  EXPECT_TRUE(has(page.body, "Run youth panels in every district"));
  EXPECT_TRUE(has(page.body, "Pledge Youth Trust"));
  EXPECT_TRUE(has(page.body, "5 March 2099"));
  auto j = json::parse(pam.get(href, true).body);
  EXPECT_EQ(j["pledge"]["sector"], "voluntary-community");
  EXPECT_EQ(j["pledge"]["side"], "voluntary-community");
  EXPECT_EQ(j["pledge"]["status"], "not-started");
  EXPECT_EQ(j["pledge"]["staleness"], "fresh");
  EXPECT_FALSE(j["pledge"].contains("status_class")) << "no screen state in the JSON twin";
  EXPECT_FALSE(j.contains("can_update")) << "no screen state in the JSON twin";
  EXPECT_EQ(j["update_href"], href + "/progress") << "the pledger may add progress";

  auto reg = json::parse(pam.get("/pledges?organisation=pledge-youth-trust", true).body);
  ASSERT_EQ(reg["total"], 1);
  EXPECT_EQ(reg["pledges"][0]["href"], href);
  EXPECT_EQ(json::parse(pam.get("/pledges?ambition=" + slug(4) + "&sector=voluntary-community", true).body)["total"],
            1);
  EXPECT_TRUE(has(pam.get("/pledges.csv?organisation=pledge-youth-trust").body, "Run youth panels in every district"));
  EXPECT_EQ(json::parse(pam.get("/pledges.json?organisation=pledge-youth-trust").body)["pledges"][0]["owner_name"],
            "Pam Pledger");
  EXPECT_TRUE(has(pam.get("/ambitions/" + slug(4)).body, "Run youth panels in every district"));
  EXPECT_TRUE(has(pam.get("/organisations/pledge-youth-trust").body, "Run youth panels in every district"));
  auto account = pam.get("/account").body;
  EXPECT_TRUE(has(account, "Your pledges and commitments"));
  EXPECT_TRUE(has(account, "Due 5 March 2099"));

  auto events = audit_of(href.substr(9));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].organisation_id, org_);
  EXPECT_EQ(events[0].actor_user_id, pam_);
}

TEST_F(PledgesHttp, TheFormNamesEachProblemAndRefusesAnotherOrganisation) {
  auto rita = as("rita@example.com");
  auto r = rita.submit("/pledges", "pledged_as=&text=&due_on-day=1&due_on-month=1&due_on-year=2020");
  ASSERT_EQ(r.status, 400);
  for (const char* f : {"pledged_as", "text", "ambitions", "due_on"})
    EXPECT_TRUE(has(r.body, std::string("href=\"#") + f + "\"")) << f;
  EXPECT_TRUE(has(r.body, "Due date must be today or in the future"));
  auto j = json::parse(rita.submit("/pledges",
                                   "pledged_as=organisation&organisation_id=" + std::to_string(org_) +
                                       "&text=Mine&ambitions=" + ambition(0) + "&due_on=2099-01-01",
                                   true)
                           .body);
  EXPECT_EQ(j["error"]["fields"][0]["field"], "organisation_id");
  auto bad =
      json::parse(rita.submit("/pledges", "pledged_as=self&text=x&ambitions=999999&due_on=2099-02-30", true).body);
  EXPECT_EQ(bad["error"]["fields"].size(), 1u) << "the binder stops an impossible date first";
  EXPECT_EQ(bad["error"]["fields"][0]["field"], "due_on");
}

TEST_F(PledgesHttp, ProgressByThePledgerOthersRefusedCompleteNeedsEvidence) {
  auto rita = as("rita@example.com");
  auto href = pledge(rita, "pledged_as=resident&text=Litter+pick+on+Canvey+every+month&ambitions=" + ambition(4) +
                               "&due_on=2099-06-01");
  auto olga = as("olga@example.com");
  EXPECT_EQ(olga.get(href + "/progress").status, 403);
  EXPECT_EQ(olga.submit(href + "/progress", "status=limited&note=Not+mine").status, 403);
  EXPECT_TRUE(json::parse(olga.get(href, true).body)["update_href"].is_null()) << "others may not";

  auto r = rita.submit(href + "/progress", "status=complete&note=Done");
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "href=\"#evidence_text\""));
  EXPECT_EQ(json::parse(rita.get(href, true).body)["history"].size(), 0u) << "nothing written";

  ASSERT_EQ(rita.submit(href + "/progress", "status=limited&note=Two+picks+so+far").status, 303);
  ASSERT_EQ(rita.submit(href + "/progress",
                        "status=complete&note=A+year+of+picks&evidence_text=12+picks%2C+80+bags"
                        "&evidence_url=https%3A%2F%2Fexample.org%2Fpicks")
                .status,
            303);
  auto page = rita.get(href + "?saved=progress");
  EXPECT_TRUE(has(page.body, "Progress update added"));
  EXPECT_TRUE(has(page.body, "Evidence that it is complete"));
  EXPECT_TRUE(has(page.body, "12 picks, 80 bags"));
  auto j = json::parse(rita.get(href, true).body);
  EXPECT_EQ(j["pledge"]["status"], "complete");
  EXPECT_EQ(j["pledge"]["side"], "residents");
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][0]["status"], "complete") << "newest first";
  EXPECT_EQ(j["history"][1]["note"], "Two picks so far");
  auto events = audit_of(href.substr(9));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].action, "progress");
  EXPECT_EQ(events[0].actor_user_id, rita_);
  // A place admin may update any pledge.
  EXPECT_EQ(as("pia@example.com").get(href + "/progress").status, 200);
}

TEST_F(PledgesHttp, MembersOfTheOrganisationUpdateItsPledges) {
  auto pam = as("pam@example.com");
  auto href = pledge(pam, "pledged_as=organisation&organisation_id=" + std::to_string(org_) +
                              "&text=Mentor+ten+young+leaders&ambitions=" + ambition(2) + "&due_on=2099-09-01");
  auto mo = as("mo@example.com");
  ASSERT_EQ(mo.submit(href + "/progress", "status=substantial&note=Seven+matched").status, 303);
  EXPECT_EQ(json::parse(mo.get(href, true).body)["pledge"]["status"], "substantial");
  EXPECT_EQ(as("rita@example.com").submit(href + "/progress", "status=limited&note=x").status, 403);
}

TEST_F(PledgesHttp, TheSocialContractGroupsPledgesBySideWithCounts) {
  auto pam = as("pam@example.com");
  pledge(pam, "pledged_as=organisation&organisation_id=" + std::to_string(org_) +
                  "&text=Open+our+halls&ambitions=" + ambition(5) + "&due_on=2099-01-01");
  auto rita = as("rita@example.com");
  pledge(rita, "pledged_as=resident&text=Share+my+car&ambitions=" + ambition(5) + "&due_on=2099-01-01");
  pledge(rita, "pledged_as=self&text=Cycle+to+work&ambitions=" + ambition(5) + "&due_on=2099-01-01");
  auto contract = json::parse(pam.get("/social-contract", true).body);
  const json* mine = nullptr;
  for (const auto& a : contract["ambitions"])
    if (a["ambition"]["id"] == ambitions_[5].first) mine = &a;
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ((*mine)["total"], 3);
  std::map<std::string, std::int64_t> by_side;
  for (const auto& s : (*mine)["sides"]) by_side[s["code"]] = s["total"];
  EXPECT_EQ(by_side["voluntary-community"], 1);
  EXPECT_EQ(by_side["residents"], 2);
  EXPECT_EQ(by_side["public-sector"], 0);
  EXPECT_EQ(by_side["business"], 0);
  auto ambition_page = json::parse(pam.get("/ambitions/" + slug(5), true).body);
  bool found = false;
  for (const auto& s : ambition_page["sections"])
    if (s["key"] == "social-contract") found = s["model"]["total"] == 3;
  EXPECT_TRUE(found);
  EXPECT_TRUE(has(pam.get("/social-contract").body, "Share my car"));
}

TEST_F(PledgesHttp, TheFourPledgesOfTheFourthAssemblyAreBundled) {
  auto anon = Client{port(), {}};
  auto reg = json::parse(anon.get("/pledges?status=not-started&sector=police", true).body);
  ASSERT_GE(reg["total"].get<int>(), 1);
  bool andy = false;
  for (const auto& p : reg["pledges"])
    if (p["owner_name"] == "Andy Prophet") {
      andy = true;
      EXPECT_EQ(p["organisation"]["name"], "Essex Police");
      EXPECT_EQ(p["side"], "public-sector");
      EXPECT_EQ(p["made_on"], "2018-09-04");
      EXPECT_EQ(p["staleness"], "overdue-update");
    }
  EXPECT_TRUE(andy);
  auto csv = anon.get("/pledges.csv").body;
  for (const char* who : {"Rachel Brett", "Andy Prophet", "Caroline Melidor", "Adam Morris"})
    EXPECT_TRUE(has(csv, who)) << who;
  for (const char* org :
       {"essex-council-for-voluntary-youth-services", "essex-police", "dementia-adventure", "royal-opera-house-bridge"})
    EXPECT_EQ(anon.get(std::string("/organisations/") + org).status, 200) << org;
  EXPECT_TRUE(has(anon.get("/pledges").body, "Overdue for an update"));
  auto again = seed_from_place_file(server_->app().db(), goldthread::testing::source_dir() + "/data/places/essex.json");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 4);
  EXPECT_NE(again->summary.find("0 organisations added"), std::string::npos) << again->summary;
}

TEST_F(PledgesHttp, TheRegisterPaginatesAndRefusesUnknownFilters) {
  auto& db = server_->app().db();
  auto who = principal_of(db, rita_);
  for (int n = 0; n < 21; ++n) {
    PledgeInput in;
    in.pledged_as = "resident";
    in.text = "Pledge number " + std::to_string(n);
    in.ambition_ids = {ambitions_[6].first};
    in.due_on = "2099-01-01";
    ASSERT_TRUE(make_pledge(db, who, core::audit::Actor::from(who), in, "2026-12-01").ok());
  }
  auto anon = Client{port(), {}};
  auto first = json::parse(anon.get("/pledges?ambition=" + slug(6), true).body);
  EXPECT_EQ(first["total"], 21);
  EXPECT_EQ(first["pledges"].size(), 20u);
  auto second = json::parse(anon.get("/pledges?ambition=" + slug(6) + "&page=2", true).body);
  EXPECT_EQ(second["pledges"].size(), 1u);
  EXPECT_EQ(second["pledges"][0]["text"], "Pledge number 0") << "newest first";
  EXPECT_EQ(json::parse(anon.get("/pledges.json?ambition=" + slug(6)).body)["total"], 21);
  EXPECT_EQ(anon.get("/pledges?status=finished").status, 400);
  EXPECT_EQ(anon.get("/pledges?ambition=nowhere").status, 400);
  EXPECT_EQ(anon.get("/pledges/999999").status, 404);
  EXPECT_EQ(anon.get("/pledges/abc").status, 404);
}

TEST_F(PledgesHttp, APledgeMadeFromASolutionRoomIsListedThereLiveAndNamesTheRoom) {
  std::int64_t event_id = 0, room_id = 0, other_room_id = 0;
  {
    auto conn = server_->app().db().acquire();
    auto e = assemblies::try_find_event_by_slug(*conn, "example-assembly");
    auto past = assemblies::try_find_event_by_slug(*conn, "essex-assembly-2018-09-04");
    ASSERT_TRUE(e && past);
    event_id = e->id;
    room_id = assemblies::try_find_room(*conn, e->id, "example-room").value().id;
    other_room_id = assemblies::try_find_room(*conn, past->id, "essex-leads").value().id;
  }
  const std::string room = "/events/example-assembly/rooms/example-room";
  auto rita = as("rita@example.com");
  EXPECT_TRUE(has(rita.get(room).body, "/pledges/new?event=example-assembly&amp;room=example-room"));
  auto form = rita.get("/pledges/new?event=example-assembly&room=example-room").body;
  EXPECT_TRUE(has(form, "<option value=\"" + std::to_string(room_id) + "\" selected>")) << "the room, chosen";
  const std::string fields = "pledged_as=self&ambitions=" + ambition(2) + "&offered_event=" + std::to_string(event_id) +
                             "&event_id=" + std::to_string(event_id) +
                             "&due_on-day=1&due_on-month=6&due_on-year=2099&room_id=";

  // A room of another event is the room field's error, and the form keeps a valid room.
  auto wrong = rita.submit("/pledges", fields + std::to_string(other_room_id) + "&text=Wrong+room");
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_TRUE(has(wrong.body, "href=\"#room_id\"")) << "the error summary names the room field";
  EXPECT_TRUE(has(wrong.body, "id=\"room_id\""));
  EXPECT_EQ(rita.submit("/pledges", fields + "99999999&text=No+room").status, 400);
  auto kept = rita.submit("/pledges", fields + std::to_string(room_id) + "&text=");
  ASSERT_EQ(kept.status, 400);
  EXPECT_TRUE(has(kept.body, "<option value=\"" + std::to_string(room_id) + "\" selected>")) << "kept after an error";

  goldthread::testing::OpenStream live(port(), room + "/live");
  ASSERT_EQ(live.status(), 200) << live.head();
  auto href = pledge(rita, fields + std::to_string(room_id) + "&text=Host+a+carers+cafe+monthly");
  EXPECT_TRUE(live.wait_for("event: pledges\n", 2000)) << "an open room page hears of it: " << live.received();

  auto page = rita.get(room).body;  // the live region (what app.js fetches again) lists it
  auto region = page.find("id=\"live-board\""), item = page.find("href=\"" + href + "\"");
  ASSERT_NE(item, std::string::npos) << page;
  EXPECT_LT(region, item);
  EXPECT_LT(item, page.find("Make a pledge from this room"));
  auto r = json::parse(rita.get(room, true).body);
  ASSERT_EQ(r["pledges"].size(), 1u) << r.dump();
  EXPECT_EQ(r["pledges"][0]["href"], href);
  EXPECT_EQ(r["id"], room_id);

  auto j = json::parse(rita.get(href, true).body);
  EXPECT_EQ(j["pledge"]["room_id"], room_id);
  EXPECT_EQ(j["pledge"]["room"]["href"], room);
  EXPECT_FALSE(j["pledge"]["room"]["title"].get<std::string>().empty());
  EXPECT_EQ(j["pledge"]["event_id"], event_id);
  EXPECT_TRUE(has(rita.get(href).body,
                  "Solution room</dt><dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" href=\"" + room));

  auto event_page = json::parse(rita.get("/events/example-assembly", true).body);
  bool on_event_page = false;  // the event page names the room beside the pledge
  for (const auto& p : event_page["event"]["pledges"])
    on_event_page = on_event_page || (p["href"] == href && p["room"].is_object() && p["room"]["href"] == room);
  EXPECT_TRUE(on_event_page) << event_page["event"]["pledges"].dump();
  auto reg = json::parse(rita.get("/pledges?event=example-assembly&room=example-room", true).body);
  ASSERT_EQ(reg["total"], 1);
  EXPECT_EQ(reg["pledges"][0]["room"]["href"], room);
  EXPECT_EQ(
      json::parse(rita.get("/pledges.json?event=example-assembly&room=example-room").body)["pledges"][0]["room"]["id"],
      room_id);
  EXPECT_TRUE(has(rita.get("/pledges.csv?event=example-assembly").body, "," + room + "\r\n"));
  EXPECT_EQ(rita.get("/pledges?room=example-room", true).status, 400) << "a room is named within its event";

  auto events = audit_of(href.substr(9));
  ASSERT_EQ(events.size(), 1u);
  auto after = json::parse(events[0].after_json);
  EXPECT_EQ(after["room"]["id"], room_id);
  EXPECT_EQ(after["room"]["href"], room);

  // A room without an event: the pledge is made at the room's event.
  auto bare = json::parse(rita.submit("/pledges",
                                      "pledged_as=self&text=Bring+a+friend&ambitions=" + ambition(2) +
                                          "&due_on=2099-06-01&room_id=" + std::to_string(room_id),
                                      true)
                              .body);
  EXPECT_EQ(json::parse(rita.get(bare["href"].get<std::string>(), true).body)["pledge"]["event_id"], event_id);
}

}  // namespace
}  // namespace goldthread::pledges
