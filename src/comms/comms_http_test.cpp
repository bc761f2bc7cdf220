// comms over HTTP, on SQLite and PostgreSQL: the newsletter's double opt-in, sending to
// everyone or a segment with progress, the archive and the RFC 8058 one-click unsubscribe
// (List-Unsubscribe headers, a POST without cookies or CSRF token); following, notifications
// with the header's unread count, at-once mail with its one-click stop link, the idempotent
// daily digest; news on the home and ambition pages; what's happening; Atom feeds read by a
// real parser (feedparser) with stable entry ids.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "accounts/accounts_test_support.hpp"
#include "comms/comms_service.hpp"
#include "core/mail.hpp"
#include "core/text.hpp"
#include "engagement/engagement.hpp"
#include "places/places.hpp"
#include "support/route_samples.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_env.hpp"

namespace goldthread::comms {
namespace {
using namespace accounts::testing;
namespace t = goldthread::testing;
using nlohmann::json;

// Route × role rows (tests/support/route_samples.hpp).
const t::RouteSamples kComms({
    {"GET", "/newsletter", "anyone", "/newsletter"},
    {"POST", "/newsletter", "anyone", "/newsletter", "email="},
    {"GET", "/newsletter/check-email", "anyone", "/newsletter/check-email"},
    {"GET", "/newsletter/confirm", "anyone", "/newsletter/confirm?token=x"},
    {"POST", "/newsletter/confirm", "anyone", "/newsletter/confirm", "token=x"},
    {"GET", "/newsletter/unsubscribe", "anyone", "/newsletter/unsubscribe?token=x"},
    {"POST", "/newsletter/unsubscribe", "anyone", "/newsletter/unsubscribe?token=x"},
    {"GET", "/newsletter/issues", "anyone", "/newsletter/issues"},
    {"GET", "/newsletter/issues/{id}", "anyone", "/newsletter/issues/1"},  // made by the matrix fixture
    {"GET", "/admin/newsletter", "place-admin", "/admin/newsletter"},
    {"POST", "/admin/newsletter", "place-admin", "/admin/newsletter", "subject="},
    {"GET", "/admin/newsletter/{id}", "place-admin", "/admin/newsletter/1"},
    {"POST", "/admin/newsletter/{id}", "place-admin", "/admin/newsletter/999999", "subject="},
    {"POST", "/admin/newsletter/{id}/test", "place-admin", "/admin/newsletter/999999/test"},
    {"POST", "/admin/newsletter/{id}/send", "place-admin", "/admin/newsletter/999999/send"},
    {"GET", "/news", "anyone", "/news"},
    {"GET", "/news/new", "partner-member|place-admin", "/news/new"},
    {"POST", "/news", "partner-member|place-admin", "/news", "title="},
    {"GET", "/news/{slug}", "anyone", "/news/matrix-news"},
    {"GET", "/follow", "signed-in", "/follow?type=ambition&id=1"},
    {"POST", "/follow", "signed-in", "/follow", "type=ambition&id=999999"},
    {"GET", "/notifications", "signed-in", "/notifications"},
    {"POST", "/notifications/read", "signed-in", "/notifications/read"},
    {"GET", "/account/notifications", "signed-in", "/account/notifications"},
    {"POST", "/account/notifications", "signed-in", "/account/notifications", "news=daily"},
    {"GET", "/notifications/stop", "anyone", "/notifications/stop?token=x&kind=news"},
    {"POST", "/notifications/stop", "anyone", "/notifications/stop?token=x&kind=news"},
    {"GET", "/happening", "anyone", "/happening"},
    {"GET", "/happening/following", "signed-in", "/happening/following"},
    {"GET", "/feeds/{name}", "anyone", "/feeds/news"},
    {"GET", "/feeds/ambitions/{slug}", "anyone", "/feeds/ambitions/enjoy-life-long-into-old-age"},
    {"GET", "/feeds/areas/{code}", "anyone", "/feeds/areas/E07000075"},
});

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

// The path and query of the first link in `text` that contains `marker` (up to white space).
std::string link_in(const std::string& text, const std::string& marker) {
  auto at = text.find(marker);
  if (at == std::string::npos) return "";
  auto end = text.find_first_of(" \r\n>\"", at);
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::string tomorrow_utc() {
  auto t = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days{1};
  std::chrono::year_month_day d{t};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

class CommsHttp : public t::SharedServerTest<CommsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    make_user(db, "pia@example.com", {core::Role::place_admin}, "Pia Place");
    rae_ = make_user(db, "rae@example.com", {}, "Rae Resident");
    dan_ = make_user(db, "dan@example.com", {}, "Dan Digest");
    auto conn = db.acquire();
    auto place = places::try_current_place(*conn);
    for (const auto& a : places::list_ambitions(*conn, place->id)) ambitions_.push_back({a.id, a.slug});
  }
  static core::Database& db() { return server_->app().db(); }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  static Client anonymous() { return Client{port(), {}}; }
  static std::vector<core::mail::Stored> outbox(const std::string& to) {
    auto conn = db().acquire();
    return core::mail::for_recipient(*conn, to);
  }
  static std::string address(const std::string& who) {
    return who + "-" + t::engine_name() + "-" + std::to_string(::getpid()) + "@example.com";
  }
  // The newest message to `to` whose subject contains `subject`.
  static core::mail::Stored mail_to(const std::string& to, const std::string& subject) {
    auto all = outbox(to);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
      if (has(it->subject, subject)) return *it;
    ADD_FAILURE() << "no mail to " << to << " about " << subject;
    return {};
  }
  // Subscribes and confirms through the pages; returns the unsubscribe token.
  static void subscribe_and_confirm(const std::string& email, const std::string& interests) {
    auto c = anonymous();
    auto r = c.submit("/newsletter", "email=" + core::url_encode(email) + interests);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("location"), "/newsletter/check-email");
    auto confirm = link_in(mail_to(email, "Confirm your subscription").text, "/newsletter/confirm?token=");
    ASSERT_FALSE(confirm.empty());
    auto page = c.get(confirm);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "Confirm my subscription"));
    auto token = confirm.substr(confirm.find("token=") + 6);
    auto done = c.submit("/newsletter/confirm", "token=" + token);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_TRUE(has(done.body, "You are subscribed"));
  }
  static std::int64_t new_issue(Client& admin, const std::string& subject, const std::string& body) {
    auto r =
        admin.submit("/admin/newsletter", "subject=" + core::url_encode(subject) + "&body=" + core::url_encode(body));
    EXPECT_EQ(r.status, 303) << r.body;
    auto loc = r.header("location");
    return core::parse_id(loc.substr(18, loc.find('?') - 18)).value_or(0);
  }
  static std::int64_t rae_, dan_;
  static std::vector<std::pair<std::int64_t, std::string>> ambitions_;
};
std::int64_t CommsHttp::rae_ = 0, CommsHttp::dan_ = 0;
std::vector<std::pair<std::int64_t, std::string>> CommsHttp::ambitions_;

TEST_F(CommsHttp, NewsletterDoubleOptInSegmentsProgressArchiveAndOneClickUnsubscribe) {
  const auto amb = "ambition:" + std::to_string(ambitions_.at(0).first);
  auto ann = address("ann"), bob = address("bob"), cat = address("cat");
  subscribe_and_confirm(ann, "&interests=" + core::url_encode(amb));
  subscribe_and_confirm(bob, "");
  // Cat never confirms: she gets nothing but the confirmation.
  ASSERT_EQ(anonymous().submit("/newsletter", "email=" + cat).status, 303);
  // An address in the wrong form is a field error, named in the summary.
  auto bad = anonymous().submit("/newsletter", "email=not-an-address");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "href=\"#email\""));

  auto pia = as("pia@example.com");
  auto id = new_issue(pia, "Assembly news", "Hello **Essex**");
  ASSERT_GT(id, 0);
  auto admin_href = "/admin/newsletter/" + std::to_string(id);
  EXPECT_TRUE(has(pia.get(admin_href).body, "<strong>Essex</strong>")) << "the preview renders the Markdown";
  // A test goes to the admin only.
  ASSERT_EQ(pia.submit(admin_href + "/test", "").status, 303);
  EXPECT_EQ(mail_to("pia@example.com", "[Test] Assembly news").subject, "[Test] Assembly news");
  EXPECT_TRUE(outbox(ann).size() == 1) << "nothing but the confirmation before the issue is sent";
  // Sent to the ambition's segment: only Ann.
  auto sent = pia.submit(admin_href + "/send", "segment=" + core::url_encode(amb));
  ASSERT_EQ(sent.status, 303) << sent.body;
  auto j = json::parse(pia.get(admin_href, true).body);
  EXPECT_EQ(j["status"], "sent");
  EXPECT_EQ(j["recipients"], 1);
  EXPECT_EQ(j["progress"]["total"], 1);
  EXPECT_FALSE(j.contains("csrf_token")) << "the JSON twin is the resource";
  EXPECT_EQ(pia.submit(admin_href + "/send", "segment=").status, 409) << "an issue is sent once";
  auto m = mail_to(ann, "Assembly news");
  EXPECT_TRUE(has(m.headers, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
  auto unsub = link_in(m.headers, "/newsletter/unsubscribe?token=");
  ASSERT_FALSE(unsub.empty()) << m.headers;
  EXPECT_TRUE(has(m.text, unsub)) << "the link is in the issue too";
  EXPECT_EQ(outbox(bob).size(), 1u) << "Bob chose no interests, so the segment's issue is not his";
  EXPECT_EQ(outbox(cat).size(), 1u);

  // The archive and the issue's JSON twin (Markdown and HTML as separate fields).
  EXPECT_TRUE(has(anonymous().get("/newsletter/issues").body, "Assembly news"));
  auto issue = json::parse(anonymous().get("/newsletter/issues/" + std::to_string(id), true).body);
  EXPECT_EQ(issue["body_markdown"], "Hello **Essex**");
  EXPECT_TRUE(has(issue["body_html"].get<std::string>(), "<strong>Essex</strong>"));

  // RFC 8058: the mail client posts List-Unsubscribe=One-Click with no cookie and no token.
  auto one_click = t::http_request(port(), "POST", unsub, {{"Content-Type", "application/x-www-form-urlencoded"}},
                                   "List-Unsubscribe=One-Click");
  EXPECT_EQ(one_click.status, 200) << one_click.body;
  EXPECT_EQ(t::http_request(port(), "POST", "/newsletter/unsubscribe?token=nonsense", {}, "").status, 404);

  // The next issue to everyone reaches Bob, not Ann (unsubscribed) nor Cat (never confirmed).
  auto next = new_issue(pia, "Second issue", "More news");
  ASSERT_EQ(pia.submit("/admin/newsletter/" + std::to_string(next) + "/send", "segment=").status, 303);
  EXPECT_EQ(json::parse(pia.get("/admin/newsletter/" + std::to_string(next), true).body)["recipients"], 1);
  EXPECT_EQ(outbox(bob).size(), 2u);
  EXPECT_EQ(outbox(ann).size(), 2u);

  // Issue 16.6: an issue is queued in batches, each its own transaction, resumable. Dee and Eve
  // join Bob, then an address the outbox refuses (a crash part-way: it throws while its
  // batch is being queued). In batches of two, the first batch commits; the batch holding the
  // bad address rolls back whole; with it gone, a second click resumes where the first
  // stopped and the admin's page finishes it: each subscriber gets the issue exactly once.
  auto dee = address("dee"), eve = address("eve");
  subscribe_and_confirm(dee, "");
  subscribe_and_confirm(eve, "");
  auto third = new_issue(pia, "Third issue", "Batches");
  const auto third_href = "/admin/newsletter/" + std::to_string(third);
  std::int64_t everyone = 0, bad_id = 0;
  {
    auto conn = db().acquire();
    everyone = store::count_subscribers(*conn, "confirmed", "");
    bad_id =
        store::insert_subscriber(*conn, {0, "bad address@example.com", "bad-" + address("x"), "confirmed", {}, "", ""});
  }
  core::audit::Actor admin;
  admin.name = "Pia Place";
  const Origin from{"test", "http://localhost"};
  SendLimits two;
  two.batch_size = 2;
  two.max_batches = 1;
  auto part = send_issue(db(), admin, from, third, "", two);
  ASSERT_TRUE(part) << part.error().message;
  EXPECT_EQ(part->status, "sending");
  EXPECT_EQ(part->queued, 2);
  EXPECT_EQ(part->recipients, everyone + 1);
  two.max_batches = 0;
  EXPECT_THROW((void)continue_sending(db(), from, third, two), std::invalid_argument);
  {
    auto conn = db().acquire();
    auto held = store::find_issue(*conn, third);
    // The bad address is the last subscriber: every batch before its own stands.
    EXPECT_EQ(held->queued, 2 * (everyone / 2));
    EXPECT_EQ(core::mail::batch_progress(*conn, issue_batch(third)).total(), held->queued)
        << "the failed batch left nothing behind";
    store::set_subscriber_status(*conn, bad_id, "unsubscribed");
  }
  two.max_batches = 1;
  auto again = send_issue(db(), admin, from, third, "ambition:1", two);  // a second click: resumes
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->segment, "") << "the segment chosen first stands";
  auto page = pia.get(third_href);
  EXPECT_TRUE(has(page.body, core::count_of(everyone, "message") + " sent")) << "the page carries it on to the end";
  auto done = json::parse(pia.get(third_href, true).body);
  EXPECT_EQ(done["status"], "sent");
  EXPECT_EQ(done["queued"], everyone);
  EXPECT_EQ(done["recipients"], everyone);
  EXPECT_EQ(done["progress"]["total"], everyone) << "nobody queued twice";
  for (const auto& who : {bob, dee, eve}) {
    int got = 0;
    for (const auto& msg : outbox(who)) got += msg.subject == "Third issue";
    EXPECT_EQ(got, 1) << who;
  }

  // Issue 14.5 guards: a filled-in honeypot is refused, and one address gets a small budget of
  // confirmation mails an hour (5 valid requests so far; the 11th in the hour is a 429).
  auto trapped = anonymous().submit("/newsletter", "email=" + address("bot") + "&website=http%3A%2F%2Fspam.example");
  EXPECT_EQ(trapped.status, 400);
  EXPECT_TRUE(outbox(address("bot")).empty()) << "a bot's request sends no mail";
  int first_refused = 0;
  for (int n = 6; n <= 11 && first_refused == 0; ++n) {
    auto r = anonymous().submit("/newsletter", "email=" + address("flood" + std::to_string(n)));
    if (r.status == 429) {
      first_refused = n;
      EXPECT_TRUE(has(r.body, "subscribe to the newsletter")) << r.body;
    }
  }
  EXPECT_EQ(first_refused, 11) << "ten requests an hour from one address, then a 429";
  EXPECT_TRUE(outbox(address("flood11")).empty());

  // Delivered by the real SMTP server, with the headers a mail client needs.
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  core::mail::SmtpConfig s;
  s.host = "127.0.0.1";
  s.port = t::shared_smtp_port();
  s.security = "none";
  s.from = "news@essex.example";
  core::mail::Sender sender(db(), s);
  sender.run_once();
  auto got = t::wait_for_mail(t::shared_smtp_dir(), bob, 3);
  ASSERT_EQ(got.size(), 3u);  // the confirmation, then the second and third issues
  EXPECT_EQ(t::header_of(got[1], "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_TRUE(has(t::header_of(got[1], "List-Unsubscribe"), "/newsletter/unsubscribe?token="));
}

// The follow button on event and pledge pages (as on initiative pages): it posts to /follow,
// comes back to the page with a confirmation, and then offers to stop; signed out, a link to
// sign in; the JSON twin carries no button.
TEST_F(CommsHttp, EventAndPledgePagesCarryAFollowButton) {
  auto events = json::parse(anonymous().get("/events", true).body)["events"];
  auto pledges = json::parse(anonymous().get("/pledges.json").body)["pledges"];
  ASSERT_FALSE(events.empty());
  ASSERT_FALSE(pledges.empty());
  const std::string event = "/events/" + events[0]["slug"].get<std::string>();
  const std::string pledge = pledges[0]["href"].get<std::string>();
  const auto pledge_id = std::to_string(pledges[0]["id"].get<std::int64_t>());
  auto rae = as("rae@example.com");
  EXPECT_TRUE(has(anonymous().get(event).body, "to follow this event"));
  EXPECT_FALSE(json::parse(rae.get(event, true).body).contains("follow"));
  struct Case {
    std::string page, type, id, noun;
  };
  auto event_id = std::string();
  {
    auto body = rae.get(event).body;
    auto at = body.find("name=\"type\" value=\"event\"");
    ASSERT_NE(at, std::string::npos) << "the event page has a follow form";
    const std::string id_field = "name=\"id\" value=\"";
    auto id_at = body.find(id_field, at) + id_field.size();
    event_id = body.substr(id_at, body.find('"', id_at) - id_at);
  }
  // A consultation (the bundled example) and a conversation (imported) are followed the same way.
  const std::string consultation = "/consultations/example-getting-around-essex";
  std::string consultation_id, conversation_id;
  {
    auto body = rae.get(consultation).body;
    auto at = body.find("name=\"type\" value=\"consultation\"");
    ASSERT_NE(at, std::string::npos) << "the consultation page has a follow form";
    const std::string id_field = "name=\"id\" value=\"";
    auto id_at = body.find(id_field, at) + id_field.size();
    consultation_id = body.substr(id_at, body.find('"', id_at) - id_at);
    auto imported = engagement::import_polis_dir(
        server_->app().db(), {}, goldthread::testing::source_dir() + "/tests/fixtures/polis/15-per-hour-seattle",
        "followed-conversation");
    ASSERT_TRUE(imported) << imported.error().message;
    auto conn = server_->app().db().acquire();
    conversation_id = std::to_string(engagement::try_find_conversation(*conn, "followed-conversation")->id);
  }
  for (const auto& c :
       {Case{event, "event", event_id, "event"}, Case{pledge, "pledge", pledge_id, "pledge"},
        Case{consultation, "consultation", consultation_id, "consultation"},
        Case{"/conversations/followed-conversation", "conversation", conversation_id, "conversation"}}) {
    auto page = rae.get(c.page).body;
    EXPECT_TRUE(has(page, "Follow this " + c.noun)) << c.page;
    auto r = rae.submit("/follow", "type=" + c.type + "&id=" + c.id + "&action=follow&return_to=" + c.page);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("location"), c.page + "?followed=1");
    auto back = rae.get(r.header("location")).body;
    EXPECT_TRUE(has(back, "You are following this " + c.noun)) << c.page;
    EXPECT_TRUE(has(back, "Stop following")) << c.page;
    ASSERT_EQ(rae.submit("/follow", "type=" + c.type + "&id=" + c.id + "&action=unfollow&return_to=" + c.page).status,
              303);
    EXPECT_TRUE(has(rae.get(c.page).body, "Follow this " + c.noun)) << c.page;
  }
}

TEST_F(CommsHttp, FollowersAreNotifiedInTheSiteAtOnceOrInOneDailyDigest) {
  const auto& [amb_id, amb_slug] = ambitions_.at(1);
  auto rae = as("rae@example.com"), dan = as("dan@example.com"), pia = as("pia@example.com");
  for (auto* c : {&rae, &dan}) {
    auto f = c->submit("/follow", "type=ambition&id=" + std::to_string(amb_id) + "&return_to=/ambitions/" + amb_slug);
    ASSERT_EQ(f.status, 303) << f.body;
  }
  EXPECT_EQ(rae.submit("/follow", "type=ambition&id=999999").status, 404);
  // Rae wants news at once; Dan keeps the daily digest.
  ASSERT_EQ(rae.submit("/account/notifications", "news=now").status, 303);
  auto news = pia.submit("/news", "acting_for=0&title=Warm+homes+grants&body=Apply+**now**&interests=" +
                                      core::url_encode("ambition:" + std::to_string(amb_id)));
  ASSERT_EQ(news.status, 303) << news.body;
  auto href = news.header("location").substr(0, news.header("location").find('?'));

  auto inbox = json::parse(rae.get("/notifications", true).body);
  EXPECT_EQ(inbox["unread"], 1);
  EXPECT_EQ(inbox["notifications"][0]["title"], "News: Warm homes grants");
  EXPECT_EQ(inbox["notifications"][0]["href"], href);
  EXPECT_TRUE(has(rae.get("/happening").body, "class=\"gt-count\">1<")) << "the unread count in the header";
  EXPECT_TRUE(json::parse(pia.get("/notifications", true).body)["notifications"].empty()) << "not told of own act";

  // At once, with a one-click stop link for that kind.
  auto m = mail_to("rae@example.com", "News: Warm homes grants");
  auto stop = link_in(m.headers, "/notifications/stop?token=");
  ASSERT_TRUE(has(stop, "kind=news")) << m.headers;
  EXPECT_TRUE(outbox("dan@example.com").empty()) << "Dan chose the digest";
  EXPECT_EQ(t::http_request(port(), "POST", stop, {}, "List-Unsubscribe=One-Click").status, 200);
  EXPECT_EQ(json::parse(rae.get("/account/notifications", true).body)["preferences"]["news"], "never");

  // The daily digest: one message for Dan, and a second run sends nothing.
  auto base = server_->app().config().base_url;
  auto r = run_digest(db(), base, "daily", tomorrow_utc());
  ASSERT_TRUE(r);
  auto digests = outbox("dan@example.com");
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_EQ(digests[0].subject, "Your daily digest: 1 update");
  EXPECT_TRUE(has(digests[0].text, base + href));
  EXPECT_TRUE(has(digests[0].headers, "kind=daily"));
  auto again = run_digest(db(), base, "daily", tomorrow_utc());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->messages, 0);
  EXPECT_EQ(outbox("dan@example.com").size(), 1u);
  EXPECT_TRUE(outbox("rae@example.com").size() == 1u) << "Rae chose at once, not the digest";
  // The digest also stops each kind in it on its own, in one click: news only, not the rest.
  const auto& text = digests[0].text;
  auto kind_at = text.find("&kind=news");
  ASSERT_NE(kind_at, std::string::npos) << text;
  auto from = text.rfind("/notifications/stop?token=", kind_at);
  auto news_stop = text.substr(from, kind_at + 10 - from);
  EXPECT_EQ(t::http_request(port(), "POST", news_stop, {}, "List-Unsubscribe=One-Click").status, 200);
  auto dan_prefs = json::parse(dan.get("/account/notifications", true).body)["preferences"];
  EXPECT_EQ(dan_prefs["news"], "never");
  EXPECT_EQ(dan_prefs["initiative-created"], "daily");

  // Read.
  ASSERT_EQ(rae.submit("/notifications/read", "").status, 303);
  EXPECT_EQ(json::parse(rae.get("/notifications", true).body)["unread"], 0);
  EXPECT_TRUE(has(json::parse(rae.get("/happening/following", true).body).dump(), "Warm homes grants"));
}

TEST_F(CommsHttp, NewsShowsOnHomeAndAmbitionPagesWhatsHappeningFiltersAndFeedsParse) {
  const auto& [amb_id, amb_slug] = ambitions_.at(2);
  auto pia = as("pia@example.com");
  auto r = pia.submit("/news", "acting_for=0&title=Youth+panel+opens&body=Join+us&interests=" +
                                   core::url_encode("ambition:" + std::to_string(amb_id)));
  ASSERT_EQ(r.status, 303) << r.body;
  auto bad = pia.submit("/news", "acting_for=0&title=&body=");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "href=\"#title\""));
  auto anon = anonymous();
  EXPECT_TRUE(has(anon.get("/").body, "Youth panel opens")) << "the home page shows the latest news";
  auto amb_page = anon.get("/ambitions/" + amb_slug).body;
  EXPECT_TRUE(has(amb_page, "Youth panel opens"));
  EXPECT_TRUE(
      has(amb_page,
          "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"This ambition\" href=\"/feeds/ambitions/" +
              amb_slug + "\">"));
  auto news_json = json::parse(anon.get("/news?ambition=" + amb_slug, true).body);
  ASSERT_EQ(news_json["total"], 1);
  EXPECT_EQ(news_json["news"][0]["body_markdown"], "Join us");
  EXPECT_EQ(news_json["news"][0]["ambition_ids"][0], amb_id);

  auto happening = json::parse(anon.get("/happening?ambition=" + amb_slug, true).body);
  ASSERT_GE(happening["total"].get<int>(), 1);
  EXPECT_EQ(happening["activity"][0]["title"], "News: Youth panel opens");
  EXPECT_EQ(anon.get("/happening?ambition=no-such-thing").status, 404);

  // Atom, read by feedparser: a clean parse, and the same entry id on every fetch.
  auto feed_of = [&](const std::string& path) {
    auto reply = anon.get(path);
    EXPECT_EQ(reply.status, 200) << path;
    EXPECT_TRUE(has(reply.header("content-type"), "application/atom+xml"));
    auto file = std::filesystem::temp_directory_path() / ("comms-feed-" + std::to_string(::getpid()) + ".xml");
    std::ofstream(file) << reply.body;
    std::string cmd = "/usr/bin/python3 " + t::source_dir() + "/scripts/check_atom.py " + file.string();
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
      char buf[4096];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
      ::pclose(p);
    }
    std::filesystem::remove(file);
    return out.empty() ? json::object() : json::parse(out);
  };
  auto first = feed_of("/feeds/ambitions/" + amb_slug);
  if (first.empty()) GTEST_SKIP() << "python3-feedparser is not installed (scripts/setup.sh --test installs it)";
  EXPECT_FALSE(first["bozo"].get<bool>()) << first["bozo_exception"];
  EXPECT_EQ(first["version"], "atom10");
  ASSERT_GE(first["entries"].size(), 1u);
  EXPECT_EQ(first["entries"][0]["title"], "News: Youth panel opens");
  EXPECT_TRUE(has(first["entries"][0]["id"].get<std::string>(), ",2026:notification/"));
  auto news_feed = feed_of("/feeds/news");
  EXPECT_FALSE(news_feed["bozo"].get<bool>());
  bool same = false;
  for (const auto& e : news_feed["entries"])
    if (e["id"] == first["entries"][0]["id"]) same = true;
  EXPECT_TRUE(same) << "an entry keeps its id across feeds and fetches";
  EXPECT_EQ(feed_of("/feeds/ambitions/" + amb_slug)["entries"][0]["id"], first["entries"][0]["id"]);
  // Consultations have their feed too (the bundled example's opening is in it), advertised.
  auto consultations = feed_of("/feeds/consultations");
  EXPECT_FALSE(consultations["bozo"].get<bool>());
  EXPECT_EQ(consultations["version"], "atom10");
  EXPECT_GE(consultations["entries"].size(), 1u);
  EXPECT_TRUE(has(anon.get("/consultations").body, "href=\"/feeds/consultations\"")) << "rel=alternate on the list";
}

}  // namespace
}  // namespace goldthread::comms
