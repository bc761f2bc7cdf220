// Live conversations over HTTP on both engines: opening one, taking part anonymously (form
// posts and JSON), changing a vote, adding and moderating statements, the background map,
// group-committed votes and the Pol.is export read back by `import polis`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "core/app.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/live.hpp"
#include "engagement/live_runtime.hpp"
#include "engagement/live_store.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::engagement {
namespace {
using accounts::testing::Client;
using nlohmann::json;

// Route × role rows: the route-matrix fixture has the imported brexit-consensus conversation,
// which is closed for voting (so its vote and statement posts answer 409).
const goldthread::testing::RouteSamples kLiveRoutes({
    {"GET", "/conversations/new", "place-admin|partner-member", "/conversations/new"},
    {"POST", "/conversations", "place-admin|partner-member", "/conversations", "question="},
    {"GET", "/conversations/{slug}/vote", "anyone", "/conversations/brexit-consensus/vote"},
    {"POST", "/conversations/{slug}/vote", "anyone", "/conversations/brexit-consensus/vote", "tid=1&vote=agree"},
    {"POST", "/conversations/{slug}/statements", "anyone", "/conversations/brexit-consensus/statements",
     "statement=Hello"},
    {"GET", "/conversations/{slug}/moderate", "place-admin|moderator", "/conversations/brexit-consensus/moderate"},
    {"POST", "/conversations/{slug}/moderate", "place-admin|moderator", "/conversations/brexit-consensus/moderate",
     "tid=1&decision=accept"},
    {"GET", "/conversations/{slug}/export/{file}", "anyone", "/conversations/brexit-consensus/export/votes.csv"},
});

std::string enc(const std::string& s) {
  return core::url_encode(s);
}

class LiveHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ::setenv("GOLDTHREAD_LIVE_MAP_DEBOUNCE_MS", "50", 1);
    server_ = std::make_unique<goldthread::testing::TestServer>(goldthread::testing::fresh_config());
    admin_ = accounts::testing::make_user(server_->app().db(), "live-admin@example.com", {core::Role::place_admin});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static Client admin() { return accounts::testing::session_client(server_->port(), server_->app().db(), admin_); }
  static Client anon() {
    Client c;
    c.port = server_->port();
    return c;
  }
  // Opens a conversation as the place admin; returns its slug.
  static std::string open(const std::string& question, const std::string& moderation, const std::string& seeds) {
    auto a = admin();
    auto r = a.submit("/conversations", "question=" + enc(question) + "&moderation=" + moderation +
                                            "&participants_add=1&anonymous=1&seeds=" + enc(seeds));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    auto loc = r.header("location");
    auto slug = loc.substr(std::string("/conversations/").size());
    return slug.substr(0, slug.find('/'));
  }
  static json vote_json(Client& c, const std::string& slug, std::int64_t tid, const std::string& how) {
    auto r = c.submit("/conversations/" + slug + "/vote", "tid=" + std::to_string(tid) + "&vote=" + how, true);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  static std::int64_t conversation_id(const std::string& slug) {
    auto conn = server_->app().db().acquire();
    return try_find_conversation(*conn, slug)->id;
  }
  static inline std::unique_ptr<goldthread::testing::TestServer> server_;
  static inline std::int64_t admin_ = 0;
};

TEST_F(LiveHttp, AnAnonymousParticipantVotesOneStatementAtATimeChangesAVoteAndAddsAStatement) {
  auto slug = open("How should we use the old library?", "after",
                   "Keep it as a library\nMake it a community hub\nSell it for housing");
  auto c = anon();
  auto page = c.get("/conversations/" + slug + "/vote");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(page.header("set-cookie").find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(page.body.find("0 of 3"), std::string::npos);
  auto j = json::parse(c.get("/conversations/" + slug + "/vote", true).body);
  ASSERT_TRUE(j["statement"].is_object());
  auto first = j["statement"]["tid"].get<std::int64_t>();
  // Without JavaScript: a form post, then the next statement (PRG).
  auto posted = c.submit("/conversations/" + slug + "/vote", "tid=" + std::to_string(first) + "&vote=agree");
  ASSERT_EQ(posted.status, 303);
  auto after = c.get(posted.header("location"));
  EXPECT_NE(after.body.find("Your vote has been saved"), std::string::npos);
  EXPECT_NE(after.body.find("1 of 3"), std::string::npos);
  // With JavaScript: JSON answers carry the next statement and the progress.
  j = json::parse(c.get("/conversations/" + slug + "/vote", true).body);
  auto second = j["statement"]["tid"].get<std::int64_t>();
  EXPECT_NE(second, first);
  auto skipped = c.submit("/conversations/" + slug + "/vote", "tid=" + std::to_string(second) + "&vote=skip", true);
  auto sj = json::parse(skipped.body);
  EXPECT_EQ(sj["progress"]["voted"], 1);
  EXPECT_NE(sj["statement"]["tid"], second);
  auto v = vote_json(c, slug, sj["statement"]["tid"].get<std::int64_t>(), "disagree");
  EXPECT_EQ(v["progress"]["voted"], 2);
  // Change the first vote.
  EXPECT_EQ(json::parse(c.get("/conversations/" + slug + "/vote?tid=" + std::to_string(first), true).body)["your_vote"],
            "agree");
  vote_json(c, slug, first, "pass");
  EXPECT_EQ(json::parse(c.get("/conversations/" + slug + "/vote?tid=" + std::to_string(first), true).body)["your_vote"],
            "pass");
  // A new statement; a near duplicate is refused naming the field; too long is refused.
  EXPECT_EQ(c.submit("/conversations/" + slug + "/statements", "statement=" + enc("Open it on Sundays")).status, 303);
  auto dup = c.submit("/conversations/" + slug + "/statements", "statement=" + enc("open it, on SUNDAYS!"));
  EXPECT_EQ(dup.status, 400);
  EXPECT_NE(dup.body.find("href=\"#statement\""), std::string::npos);
  EXPECT_EQ(c.submit("/conversations/" + slug + "/statements", "statement=" + std::string(300, 'x')).status, 400);
  EXPECT_NE(c.get("/conversations/" + slug + "/vote").body.find("of 4"), std::string::npos);
  // Signing in joins this browser's votes to the account.
  auto user = accounts::testing::make_user(server_->app().db(), "live-voter@example.com");
  auto cid = conversation_id(slug);
  auto before = participant_for(server_->app().db(), cid, c.cookies["gt_participant"], 0, false);
  ASSERT_TRUE(before);
  EXPECT_EQ(participant_for(server_->app().db(), cid, c.cookies["gt_participant"], user, false), before);
  EXPECT_EQ(participant_for(server_->app().db(), cid, "", user, false), before);
  // Closed or unknown conversations.
  EXPECT_EQ(c.submit("/conversations/nope/vote", "tid=0&vote=agree").status, 404);
}

TEST_F(LiveHttp, GroupCommittedVotesAreAllStoredAndTheMapIsRecomputedInTheBackgroundEvenAfterAFailure) {
  auto slug = open("Where should the new cycle lanes go?", "after",
                   "Along the high street\nBy the schools\nOn the ring road\nNear the station\nBy the river\n"
                   "Through the park\nTo the hospital\nTo the university");
  auto id = conversation_id(slug);
  auto& rt = live_runtime(server_->app());
  rt.map(id);
  // 40 participants in two camps, 8 votes each, sent from 8 threads at once.
  std::vector<std::thread> threads;
  std::atomic<int> acked{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int p = t * 5; p < t * 5 + 5; ++p)
        for (int s = 0; s < 8; ++s) {
          int value = s == p % 8 ? 0 : ((s < 4) == (p % 2 == 0)) ? 1 : -1;
          if (rt.record({{id, 1000 + p, s, value, 1'000 + s}})) ++acked;
        }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(acked.load(), 320);
  {
    auto conn = server_->app().db().acquire();
    EXPECT_EQ(count_votes(*conn, id), 320);
  }
  EXPECT_LT(rt.batches.load(), 320 + 100);  // votes share commits (each batch is one transaction)
  // A failing recompute is retried; no vote is lost.
  rt.fail_next_recomputes = 1;
  rt.invalidate(id);
  std::shared_ptr<const MapSnapshot> snap;
  for (int i = 0; i < 200; ++i) {
    snap = rt.map(id);
    if (snap && snap->votes == 320 && rt.fail_next_recomputes == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->votes, 320);
  EXPECT_EQ(rt.fail_next_recomputes.load(), 0);
  EXPECT_GE(snap->map["groups"].size(), 2u);
  {
    // Issue 15.4: a restarted server shows the map saved after the last recompute at once,
    // before (here, with every rebuild failing: without) the engine is rebuilt.
    LiveRuntime restarted;
    restarted.fail_next_recomputes = 1000;
    restarted.start(server_->app().db());
    auto loaded = restarted.map(id, std::chrono::seconds(5));
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->votes, 320);
    EXPECT_EQ(loaded->map, snap->map);
    EXPECT_EQ(loaded->pid_group, snap->pid_group);
    EXPECT_EQ(loaded->priority.size(), snap->priority.size());
  }
  // The results page: when and from how many votes; where this participant sits.
  auto c = anon();
  c.get("/conversations/" + slug + "/vote");
  for (int s = 0; s < 8; ++s) vote_json(c, slug, s, s < 4 ? "agree" : "disagree");
  std::string page;
  for (int i = 0; i < 100; ++i) {
    page = c.get("/conversations/" + slug).body;
    if (page.find("Your votes are closest to") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  EXPECT_NE(page.find("Your votes are closest to <strong>Group"), std::string::npos);
  EXPECT_NE(page.find("The map was computed at"), std::string::npos);
  auto j = json::parse(c.get("/api/v1/conversations/" + slug).body);
  EXPECT_GE(j["live"]["computed_from_votes"].get<int>(), 320);
  EXPECT_TRUE(j["live"]["computed_at"].is_string());
}

TEST_F(LiveHttp, ModerationQueueAndTheExportReadsBackThroughImportPolis) {
  auto slug = open("What would make the town centre safer?", "before", "Better lighting\nMore police patrols");
  auto c = anon();
  c.get("/conversations/" + slug + "/vote");
  auto added = c.submit("/conversations/" + slug + "/statements", "statement=" + enc("Wardens in the evening"));
  ASSERT_EQ(added.status, 303);
  EXPECT_NE(c.get(added.header("location")).body.find("sent to the moderators"), std::string::npos);
  EXPECT_NE(c.get("/conversations/" + slug + "/vote").body.find("0 of 2"), std::string::npos);
  auto a = admin();
  auto queue = json::parse(a.get("/conversations/" + slug + "/moderate", true).body);
  ASSERT_EQ(queue["statements"].size(), 3u);
  EXPECT_EQ(queue["statements"][2]["status"], "waiting");
  auto no_reason = a.submit("/conversations/" + slug + "/moderate", "tid=2&decision=reject");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("href=\"#reason\""), std::string::npos);
  EXPECT_EQ(a.submit("/conversations/" + slug + "/moderate", "tid=2&decision=accept").status, 303);
  EXPECT_NE(c.get("/conversations/" + slug + "/vote").body.find("0 of 3"), std::string::npos);
  EXPECT_EQ(c.submit("/conversations/" + slug + "/statements", "statement=" + enc("Close the subway")).status, 303);
  EXPECT_EQ(a.submit("/conversations/" + slug + "/moderate", "tid=3&decision=reject&reason=" + enc("Off topic")).status,
            303);
  for (int t = 0; t < 3; ++t) vote_json(c, slug, t, t == 1 ? "disagree" : "agree");
  // Export, then import the four files as a new conversation: the same statements,
  // moderation and votes.
  auto dir = std::filesystem::temp_directory_path() / ("goldthread-live-export-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const auto* f : {"votes.csv", "comments.csv", "participants-votes.csv", "summary.csv"}) {
    auto r = c.get("/conversations/" + slug + "/export/" + f);
    ASSERT_EQ(r.status, 200) << f;
    EXPECT_NE(r.header("content-type").find("text/csv"), std::string::npos);
    std::ofstream(dir / f, std::ios::binary) << r.body;
  }
  EXPECT_EQ(c.get("/conversations/" + slug + "/export/other.csv").status, 404);
  auto rep = import_polis_dir(server_->app().db(), {}, dir.string(), slug + "-copy");
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  auto conn = server_->app().db().acquire();
  auto orig = load_conversation_data(*conn, conversation_id(slug));
  auto copy = load_conversation_data(*conn, conversation_id(slug + "-copy"));
  EXPECT_EQ(copy.statements, orig.statements);
  ASSERT_EQ(copy.moderation.size(), orig.moderation.size());
  for (std::size_t i = 0; i < orig.moderation.size(); ++i) EXPECT_EQ(copy.moderation[i].mod, orig.moderation[i].mod);
  ASSERT_EQ(copy.votes.size(), orig.votes.size());
  for (std::size_t i = 0; i < orig.votes.size(); ++i) {
    EXPECT_EQ(copy.votes[i].pid, orig.votes[i].pid);
    EXPECT_EQ(copy.votes[i].tid, orig.votes[i].tid);
    EXPECT_EQ(copy.votes[i].value, orig.votes[i].value);
    EXPECT_EQ(copy.votes[i].timestamp, orig.votes[i].timestamp);
  }
  EXPECT_EQ(try_find_conversation(*conn, slug + "-copy")->title, "What would make the town centre safer?");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace goldthread::engagement
