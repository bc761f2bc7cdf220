// Solution rooms over HTTP, on SQLite and PostgreSQL: the fourth Essex Assembly's eight rooms,
// sign-up within a room's places, advice and its moderation, next steps recorded by the host
// as commitments with an append-only history, and carrying them forward to the next event.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "assemblies/assemblies.hpp"
#include "core/audit.hpp"
#include "core/events_hub.hpp"
#include "core/mail.hpp"
#include "places/places.hpp"
#include "support/http_client.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::assemblies {
namespace {
using namespace accounts::testing;
using nlohmann::json;

// The example room belongs to the example assembly (organised by Essex County Council, which
// the matrix's partner personas do not belong to); advice 1 and next step 1 may not exist
// there: hosts get 404, everyone else 403 before anything is looked up.
const std::vector<std::string> kNotTheirs = {"partner-member", "organisation-admin"};
const std::string kRoom = "/events/example-assembly/rooms/example-room";
const goldthread::testing::RouteSamples kRoomRoutes({
    {"GET", "/events/{slug}/rooms/new", "partner-member|place-admin", "/events/example-assembly/rooms/new", "",
     kNotTheirs},
    {"POST", "/events/{slug}/rooms", "partner-member|place-admin", "/events/example-assembly/rooms",
     "title=", kNotTheirs},
    {"GET", "/events/{slug}/rooms/{room}", "anyone", kRoom},
    {"POST", "/events/{slug}/rooms/{room}/sign-up", "signed-in", kRoom + "/sign-up"},
    {"POST", "/events/{slug}/rooms/{room}/leave", "signed-in", kRoom + "/leave"},
    {"POST", "/events/{slug}/rooms/{room}/advice", "signed-in", kRoom + "/advice", "body="},
    {"POST", "/events/{slug}/rooms/{room}/advice/{id}/hide", "partner-member|place-admin", kRoom + "/advice/1/hide", "",
     kNotTheirs},
    {"POST", "/events/{slug}/rooms/{room}/advice/{id}/restore", "partner-member|place-admin",
     kRoom + "/advice/1/restore", "", kNotTheirs},
    {"POST", "/events/{slug}/rooms/{room}/next-steps", "partner-member|place-admin", kRoom + "/next-steps",
     "text=", kNotTheirs},
    {"POST",
     "/events/{slug}/rooms/{room}/next-steps/{id}/progress",
     "signed-in",
     kRoom + "/next-steps/999999/progress",
     "status=in-progress&note=x",
     {"resident", "partner-member", "organisation-admin", "project-lead", "moderator"}},
    {"GET", "/events/{slug}/rooms/{room}/live", "anyone", kRoom + "/live"},
    {"GET", "/events/{slug}/live", "anyone", "/events/example-assembly/live"},
    {"POST", "/events/{slug}/carried-forward/{id}/reviewed", "partner-member|place-admin",
     "/events/example-assembly/carried-forward/999999/reviewed", "", kNotTheirs},
});

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

constexpr std::size_t kStreamCap = 3;  // small, so that the test can reach it

class RoomsHttp : public goldthread::testing::SharedServerTest<RoomsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    auto cfg = goldthread::testing::fresh_config();
    cfg.max_live_streams = kStreamCap;
    server_ = std::make_unique<goldthread::testing::TestServer>(cfg);
    auto& db = server_->app().db();
    delta_ = make_organisation(db, "Delta Youth Trust");
    dora_ = make_user(db, "dora@example.com", {}, "Dora Delta");
    make_member(db, dora_, delta_);
    make_user(db, "pia@example.com", {core::Role::place_admin}, "Pia Place");
    rita_ = make_user(db, "rita@example.com", {}, "Rita Resident");
    make_user(db, "eve@example.com", {}, "Eve Elsewhere");
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static Client anonymous() { return Client{port(), {}}; }
  static json get_json(Client& c, const std::string& path) {
    auto r = c.get(path, true);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  static std::vector<core::audit::Event> audit_of(const std::string& type) {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = type;
    return core::audit::list(*conn, f).events;
  }
  static std::int64_t delta_, dora_, rita_;
};
std::int64_t RoomsHttp::delta_ = 0, RoomsHttp::dora_ = 0, RoomsHttp::rita_ = 0;

TEST_F(RoomsHttp, TheFourthAssemblyHasARoomForEachOfTheEightVisionProjects) {
  auto c = anonymous();
  auto event = get_json(c, "/events/essex-assembly-2018-09-04");
  std::vector<std::string> slugs;
  for (const auto& r : event["event"]["rooms"]) slugs.push_back(r["slug"]);
  EXPECT_EQ(slugs, (std::vector<std::string>{"essex-supports", "essex-prevents", "essex-inspires", "essex-leads",
                                             "essex-unites", "essex-innovates", "essex-communities", "essex-spirit"}));
  auto room = get_json(c, "/events/essex-assembly-2018-09-04/rooms/essex-leads");
  EXPECT_EQ(room["title"],
            "Essex Leads: Promoting physical activity to support physical and mental health in deprived communities");
  EXPECT_EQ(room["ambition"]["href"], "/ambitions/enjoy-life-long-into-old-age");
  EXPECT_TRUE(contains(room["brief_html"].get<std::string>(), "<strong>Essex Leads</strong>"));
  EXPECT_TRUE(contains(room["brief_markdown"].get<std::string>(), "**Essex Leads**"));
  EXPECT_FALSE(room.contains("may_host")) << "the resource carries no screen state";
  auto page = c.get("/events/essex-assembly-2018-09-04");
  EXPECT_TRUE(contains(page.body, "href=\"/events/essex-assembly-2018-09-04/rooms/essex-spirit\""));
  auto rita = as("rita@example.com");
  EXPECT_EQ(rita.submit("/events/essex-assembly-2018-09-04/rooms/essex-leads/advice", "body=Too+late").status, 409)
      << "advice closes when the event has ended";
  EXPECT_EQ(c.get("/events/essex-assembly-2018-09-04/rooms/no-such-room").status, 404);
}

TEST_F(RoomsHttp, OrganisersAddARoomWithASanitisedBriefAndEachProblemIsNamed) {
  auto pia = as("pia@example.com");
  auto bad = pia.submit("/events/example-assembly/rooms", "title=&brief=&capacity=5000");
  EXPECT_EQ(bad.status, 400);
  for (const auto* field : {"#title", "#brief", "#capacity"})
    EXPECT_TRUE(contains(bad.body, std::string("href=\"") + field + "\"")) << field << bad.body;
  auto ok = pia.submit(
      "/events/example-assembly/rooms",
      "title=Warm+homes+room&facilitator=Fay+Facilitator&capacity=1&host_organisation_id=" + std::to_string(delta_) +
          "&brief=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%0A*Cold+homes*+%5Bplan%5D(javascript%3Ax)");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("location"), "/events/example-assembly/rooms/warm-homes-room?done=created");
  auto room = get_json(pia, "/events/example-assembly/rooms/warm-homes-room");
  auto html = room["brief_html"].get<std::string>();
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_FALSE(contains(html, "javascript:")) << html;
  EXPECT_TRUE(contains(html, "<em>Cold homes</em>")) << html;
  EXPECT_EQ(room["host"]["text"], "Delta Youth Trust");
  EXPECT_EQ(as("eve@example.com").get("/events/example-assembly/rooms/new").status, 403);
  ASSERT_FALSE(audit_of("solution_room").empty());
  EXPECT_EQ(audit_of("solution_room")[0].action, "create");

  // One place: the second person is refused, leaving frees it.
  auto rita = as("rita@example.com"), eve = as("eve@example.com");
  EXPECT_EQ(rita.submit("/events/example-assembly/rooms/warm-homes-room/sign-up", "").status, 303);
  EXPECT_EQ(eve.submit("/events/example-assembly/rooms/warm-homes-room/sign-up", "").status, 409);
  EXPECT_EQ(rita.submit("/events/example-assembly/rooms/warm-homes-room/leave", "").status, 303);
  EXPECT_EQ(eve.submit("/events/example-assembly/rooms/warm-homes-room/sign-up", "").status, 303);
  // Dora, a member of the host organisation, hosts it: she may record next steps.
  auto dora = as("dora@example.com");
  EXPECT_EQ(dora.submit("/events/example-assembly/rooms/warm-homes-room/next-steps", "text=").status, 400);
  EXPECT_EQ(rita.submit("/events/example-assembly/rooms/warm-homes-room/next-steps", "text=x&owner_name=R").status,
            403);
}

TEST_F(RoomsHttp, AdviceIsAttributedAndTheHostHidesAndRestoresIt) {
  auto rita = as("rita@example.com"), pia = as("pia@example.com"), eve = as("eve@example.com");
  EXPECT_EQ(rita.submit(kRoom + "/advice", "body=").status, 400);
  auto posted = rita.submit(kRoom + "/advice", "body=Ask+the+colleges+who+already+track+leavers", true);
  ASSERT_EQ(posted.status, 200) << posted.body;
  auto id = json::parse(posted.body)["id"].get<std::int64_t>();
  auto room = get_json(rita, kRoom);
  ASSERT_FALSE(room["advice"].empty());
  EXPECT_EQ(room["advice"].back()["author_name"], "Rita Resident");
  const auto hide = kRoom + "/advice/" + std::to_string(id) + "/hide";
  EXPECT_EQ(eve.submit(hide, "").status, 403);
  ASSERT_EQ(pia.submit(hide, "").status, 303);
  EXPECT_FALSE(contains(anonymous().get(kRoom).body, "track leavers"));
  EXPECT_TRUE(contains(pia.get(kRoom).body, "track leavers")) << "the host still sees it, marked hidden";
  ASSERT_EQ(pia.submit(kRoom + "/advice/" + std::to_string(id) + "/restore", "").status, 303);
  EXPECT_TRUE(contains(anonymous().get(kRoom).body, "track leavers"));
  auto trail = audit_of("room_advice");
  ASSERT_GE(trail.size(), 3u);
  EXPECT_EQ(trail[0].action, "restore");
  EXPECT_EQ(trail[1].action, "hide");
}

// The live board: a page's open event stream hears of each change after it has committed.
TEST_F(RoomsHttp, AnOpenRoomStreamHearsOfAdviceAsItIsPostedAndStreamsPastTheCapAreRefused) {
  using goldthread::testing::OpenStream;
  auto& hub = core::events::hub(server_->app());
  OpenStream live(port(), kRoom + "/live");
  ASSERT_EQ(live.status(), 200) << live.head();
  EXPECT_TRUE(contains(lower(live.head()), "text/event-stream")) << live.head();
  EXPECT_TRUE(contains(lower(live.head()), "no-store")) << live.head();
  EXPECT_TRUE(contains(lower(live.head()), "content-security-policy")) << live.head();
  EXPECT_FALSE(contains(lower(live.head()), "content-length")) << live.head();
  auto quiet = anonymous().get(kRoom + "/live");
  EXPECT_EQ(quiet.status, 303) << "a visitor who follows the address gets the page";
  EXPECT_EQ(quiet.header("location"), kRoom);

  auto rita = as("rita@example.com");
  ASSERT_EQ(rita.submit(kRoom + "/advice", "body=Start+with+the+libraries").status, 303);
  EXPECT_TRUE(live.wait_for("event: advice\n", 2000)) << live.received();
  EXPECT_TRUE(contains(live.received(), "data: changed")) << live.received();
  // The event's page hears that one of its rooms changed.
  OpenStream event_live(port(), "/events/example-assembly/live");
  ASSERT_EQ(event_live.status(), 200) << event_live.head();
  ASSERT_EQ(rita.submit(kRoom + "/advice", "body=And+the+parish+councils").status, 303);
  EXPECT_TRUE(event_live.wait_for("event: rooms\n", 2000)) << event_live.received();

  // Three are open (the cap): a fourth gets a 503 with Retry-After, not a stream.
  OpenStream third(port(), kRoom + "/live");
  ASSERT_EQ(third.status(), 200);
  OpenStream refused(port(), kRoom + "/live");
  EXPECT_EQ(refused.status(), 503) << refused.head();
  EXPECT_TRUE(contains(lower(refused.head()), "retry-after")) << refused.head();
  // A client that goes is unsubscribed, and its place is free again.
  live.close();
  for (int i = 0; i < 100 && hub.subscribers(kRoom) > 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(hub.subscribers(kRoom), 1u);
  // The server lets the stream's place go just after it leaves the hub: allow it a moment.
  std::optional<OpenStream> again;
  for (int i = 0; i < 100; ++i) {
    again.emplace(port(), kRoom + "/live");
    if (again->status() == 200) break;
    again.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(again.has_value()) << "a place freed by a client that went is given to the next";
  EXPECT_EQ(anonymous().get("/events/example-assembly/rooms/no-such-room/live").status, 404);
}

TEST_F(RoomsHttp, TheHostRecordsANextStepItsOwnerUpdatesItAndTheHistoryIsKept) {
  auto rita = as("rita@example.com"), pia = as("pia@example.com"), eve = as("eve@example.com");
  ASSERT_EQ(rita.submit(kRoom + "/sign-up", "").status, 303);
  auto bad = pia.submit(kRoom + "/next-steps", "text=&owner_user_id=&owner_name=");
  EXPECT_EQ(bad.status, 400);
  for (const auto* field : {"#text", "#owner_name"})
    EXPECT_TRUE(contains(bad.body, std::string("href=\"") + field + "\"")) << field;
  auto made =
      pia.submit(kRoom + "/next-steps",
                 "text=Map+every+NEET+support+offer+in+Harlow&owner_user_id=" + std::to_string(rita_) +
                     "&organisation_id=" + std::to_string(delta_) + "&due_on-day=1&due_on-month=3&due_on-year=2030",
                 true);
  ASSERT_EQ(made.status, 201) << made.body;
  auto step = json::parse(made.body);
  auto id = step["id"].get<std::int64_t>();
  EXPECT_EQ(step["status"], "not-started");
  EXPECT_EQ(step["owner_name"], "Rita Resident");
  EXPECT_EQ(step["organisation"]["text"], "Delta Youth Trust");
  EXPECT_EQ(step["href"], kRoom + "#next-step-" + std::to_string(id));
  {
    auto conn = server_->app().db().acquire();
    auto mails = core::mail::for_recipient(*conn, "rita@example.com");
    ASSERT_FALSE(mails.empty());
    auto m = pledges::try_find_commitment(*conn, id);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->kind, "next-step") << "one commitment mechanism";
  }
  const auto progress = kRoom + "/next-steps/" + std::to_string(id) + "/progress";
  EXPECT_EQ(eve.submit(progress, "status=done&note=Not+mine").status, 403);
  EXPECT_EQ(rita.submit(progress, "status=complete&note=Wrong+scale").status, 400) << "next steps have their own scale";
  ASSERT_EQ(rita.submit(progress, "status=in-progress&note=Met+the+three+colleges").status, 303);
  ASSERT_EQ(pia.submit(progress, "status=done&note=Map+published").status, 303) << "the host may update too";
  auto anon = anonymous();
  auto room = get_json(anon, kRoom);
  json found;
  for (const auto& s : room["next_steps"])
    if (s["id"] == id) found = s;
  ASSERT_TRUE(found.is_object()) << room.dump();
  EXPECT_EQ(found["status"], "done");
  EXPECT_EQ(found["due_on"], "2030-03-01");
  ASSERT_EQ(found["history"].size(), 2u);
  EXPECT_EQ(found["history"][0]["status"], "in-progress");
  EXPECT_EQ(found["history"][0]["author_name"], "Rita Resident");
  EXPECT_EQ(found["history"][1]["note"], "Map published");
  // The owner's account page lists it, through the commitment mechanism.
  EXPECT_TRUE(contains(rita.get("/account").body, "Map every NEET support offer in Harlow"));
}

TEST_F(RoomsHttp, TheNextEventInASeriesCarriesForwardOpenNextStepsAndPledgesAndMarksThemReviewed) {
  auto& db = server_->app().db();
  auto admin = principal_of(db, make_user(db, "org@example.com", {core::Role::place_admin}, "Olga Organiser"));
  EventInput first;
  first.kind = "assembly";
  first.title = "Carry assembly one";
  first.series = "Carry series";
  first.date = "2030-04-01";
  first.start_time = "13:00";
  first.end_time = "17:00";
  first.venue_name = "County Hall";
  first.capacity = 10;
  auto one = create_event(db, admin, {}, first);
  ASSERT_TRUE(one) << one.error().message;
  auto second = first;
  second.title = "Carry assembly two";
  second.date = "2030-10-01";
  auto two = create_event(db, admin, {}, second);
  ASSERT_TRUE(two);
  RoomInput room;
  room.title = "Carry room";
  room.brief = "A problem";
  auto r = create_room(db, admin, {}, one->id, room);
  ASSERT_TRUE(r) << r.error().message;
  NextStepInput open, done;
  open.text = "Still to do";
  open.owner_name = "Owen Owner";
  open.due_on = "2020-01-01";  // long past: overdue
  done.text = "Already done";
  done.owner_name = "Dan Done";
  auto a = add_next_step(db, admin, {}, r->id, open);
  auto b = add_next_step(db, admin, {}, r->id, done);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(update_next_step(db, admin, {}, r->id, a->id, {"in-progress", "Started", "", ""}));
  ASSERT_TRUE(update_next_step(db, admin, {}, r->id, b->id, {"done", "Finished", "", ""}));

  // A pledge made from the first event's page is linked to it (issue 11.7).
  auto rita = as("rita@example.com");
  const auto one_page = "/events/" + one->slug;
  EXPECT_TRUE(contains(rita.get(one_page).body, "/pledges/new?event=" + one->slug));
  EXPECT_TRUE(contains(rita.get("/pledges/new?event=" + one->slug).body,
                       "I am making this pledge at Carry assembly one, 1 April 2030"));
  std::string ambition;
  {
    auto conn = db.acquire();
    ambition = std::to_string(places::list_ambitions(*conn, places::try_current_place(*conn)->id).at(0).id);
  }
  // An open page of that event hears of the pledge (the live board, issue 11.8). The suite's
  // stream cap is 3: wait for the earlier test's streams to be let go.
  std::optional<goldthread::testing::OpenStream> event_live;
  for (int i = 0; i < 100; ++i) {
    event_live.emplace(port(), one_page + "/live");
    if (event_live->status() == 200) break;
    event_live.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(event_live.has_value()) << "the event's stream opens";
  auto made =
      rita.submit("/pledges", "pledged_as=self&text=Mentor+two+young+carers&ambitions=" + ambition +
                                  "&offered_event=" + std::to_string(one->id) + "&event_id=" + std::to_string(one->id) +
                                  "&due_on-day=1&due_on-month=6&due_on-year=2099");
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_TRUE(event_live->wait_for("event: pledges\n", 2000)) << event_live->received();
  event_live.reset();
  auto pledge_href = made.header("location").substr(0, made.header("location").find('?'));
  auto pledge = get_json(rita, pledge_href);
  EXPECT_EQ(pledge["pledge"]["event_id"], one->id);
  EXPECT_EQ(pledge["event"]["href"], one_page);
  EXPECT_TRUE(contains(rita.get(pledge_href).body, "at <a class=\"govuk-link\" href=\"" + one_page + "\">"));
  auto at_one = get_json(rita, one_page)["event"]["pledges"];
  ASSERT_EQ(at_one.size(), 1u) << at_one.dump();
  EXPECT_EQ(at_one[0]["href"], pledge_href);
  auto filtered = get_json(rita, "/pledges?event=" + one->slug);
  ASSERT_EQ(filtered["total"], 1);
  EXPECT_EQ(filtered["pledges"][0]["href"], pledge_href);
  EXPECT_EQ(get_json(rita, "/pledges?event=" + two->slug)["total"], 0);
  EXPECT_EQ(rita.get("/pledges?event=no-such-event", true).status, 400);
  auto unticked = rita.submit("/pledges", "pledged_as=self&text=Not+at+an+event&ambitions=" + ambition +
                                              "&offered_event=" + std::to_string(one->id) +
                                              "&due_on-day=1&due_on-month=6&due_on-year=2099");
  ASSERT_EQ(unticked.status, 303);
  EXPECT_EQ(get_json(rita, "/pledges?event=" + one->slug)["total"], 1) << "an unticked offer links nothing";
  EXPECT_EQ(rita.submit("/pledges", "pledged_as=self&text=Bad+event&ambitions=" + ambition +
                                        "&event_id=99999999&due_on-day=1&due_on-month=6&due_on-year=2099")
                .status,
            400);

  auto pia = as("pia@example.com");
  auto page = get_json(pia, "/events/" + two->slug);
  auto carried = page["event"]["carried_forward"];
  ASSERT_EQ(carried.size(), 2u) << "open next steps, then open pledges made at the previous event: " << carried.dump();
  EXPECT_EQ(carried[1]["kind"], "pledge");
  EXPECT_EQ(carried[1]["href"], pledge_href);
  EXPECT_TRUE(carried[1]["room"].is_null());
  EXPECT_TRUE(carried[1]["latest_update"].is_null());
  EXPECT_EQ(carried[0]["kind"], "next-step");
  EXPECT_EQ(carried[0]["text"], "Still to do");
  EXPECT_TRUE(carried[0]["past_due"].get<bool>());
  EXPECT_EQ(carried[0]["latest_update"]["note"], "Started");
  EXPECT_TRUE(carried[0]["reviewed_at"].is_null());
  EXPECT_TRUE(contains(pia.get("/events/" + two->slug).body, "Overdue"));
  const auto review = "/events/" + two->slug + "/carried-forward/" + std::to_string(a->id) + "/reviewed";
  EXPECT_EQ(as("dora@example.com").submit(review, "").status, 403);
  ASSERT_EQ(pia.submit(review, "").status, 303);
  EXPECT_EQ(pia.submit(review, "").status, 303) << "marking again is harmless";
  EXPECT_FALSE(get_json(pia, "/events/" + two->slug)["event"]["carried_forward"][0]["reviewed_at"].is_null());
  EXPECT_EQ(audit_of("next-step")[0].action, "review");
  const auto pledge_id = pledge_href.substr(std::string("/pledges/").size());
  ASSERT_EQ(pia.submit("/events/" + two->slug + "/carried-forward/" + pledge_id + "/reviewed", "").status, 303);
  EXPECT_FALSE(get_json(pia, "/events/" + two->slug)["event"]["carried_forward"][1]["reviewed_at"].is_null());
  EXPECT_EQ(audit_of("pledge")[0].action, "review");
  // Once complete, a pledge is no longer carried forward.
  ASSERT_EQ(rita.submit(pledge_href + "/progress", "status=complete&note=Done&evidence_text=Both+mentored").status,
            303);
  EXPECT_EQ(get_json(pia, "/events/" + two->slug)["event"]["carried_forward"].size(), 1u);
  EXPECT_EQ(pia.submit("/events/" + one->slug + "/carried-forward/" + std::to_string(a->id) + "/reviewed", "").status,
            404)
      << "the first event of the series carries nothing forward";
}

TEST_F(RoomsHttp, AnOrganisationsPageListsTheEventsItsPeopleAttended) {
  auto& db = server_->app().db();
  auto admin = principal_of(db, make_user(db, "olive@example.com", {core::Role::place_admin}, "Olive Organiser"));
  EventInput in;
  in.kind = "workshop";
  in.title = "Attended workshop";
  in.date = "2030-05-01";
  in.start_time = "10:00";
  in.end_time = "12:00";
  in.venue_name = "County Hall";
  in.capacity = 5;
  auto e = create_event(db, admin, {}, in);
  ASSERT_TRUE(e);
  RegistrationInput reg;
  reg.organisation_id = delta_;
  auto r = register_for_event(db, principal_of(db, dora_), {}, e->id, reg);
  ASSERT_TRUE(r) << r.error().message;
  auto c = anonymous();
  auto before = get_json(c, "/organisations/delta-youth-trust");
  for (const auto& s : before["sections"]) EXPECT_NE(s["key"], "events-attended") << "registered is not attended";
  ASSERT_TRUE(mark_attended(db, admin, {}, e->id, r->id));
  auto page = get_json(c, "/organisations/delta-youth-trust");
  json section;
  for (const auto& s : page["sections"])
    if (s["key"] == "events-attended") section = s["model"];
  ASSERT_TRUE(section.is_object()) << page.dump();
  EXPECT_EQ(section["events"][0]["title"], "Attended workshop");
  EXPECT_EQ(section["events"][0]["attended"], 1);
}

}  // namespace
}  // namespace goldthread::assemblies
