// Comments (core::comments) over HTTP, on SQLite and PostgreSQL, attached to a pledge's page:
// comment, reply to depth 3 (a fourth level is refused), Markdown sanitised, the
// organisation shown, the reply hook (a comment-reply notification to the parent's author),
// edit within the window and refused after it, report → queue → hide (reason shown in
// place) → restore, a blocked author refused, length and duplicate limits, audit rows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tuple>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "core/comments.hpp"
#include "core/notifications.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::core::comments {
namespace {
using namespace accounts::testing;
using nlohmann::json;

// Route × role rows. /comments/1 is the route matrix's own comment (by its resident persona,
// on the first bundled pledge): only its author may edit it.
const std::vector<std::string> kNotTheAuthor = {"partner-member", "organisation-admin", "project-lead",
                                                "moderator",      "place-admin",        "site-admin"};
const goldthread::testing::RouteSamples kComments({
    {"GET", "/comments", "anyone", "/comments?resource_type=pledge&resource_id=1"},
    {"POST", "/comments", "signed-in", "/comments", "resource_type=pledge&resource_id=1&body="},
    {"GET", "/comments/new", "signed-in", "/comments/new?resource_type=pledge&resource_id=1"},
    {"GET", "/comments/{id}", "anyone", "/comments/1"},
    {"GET", "/comments/{id}/edit", "signed-in", "/comments/1/edit", "", kNotTheAuthor},
    {"POST", "/comments/{id}/edit", "signed-in", "/comments/1/edit", "body=", kNotTheAuthor},
    {"GET", "/comments/{id}/report", "signed-in", "/comments/1/report"},
    {"POST", "/comments/{id}/report", "signed-in", "/comments/1/report", "reason="},
    {"POST", "/comments/{id}/hide", "moderator|place-admin", "/comments/1/hide", "reason="},
    {"POST", "/comments/{id}/restore", "moderator|place-admin", "/comments/1/restore"},
    {"GET", "/moderation/comments", "moderator|place-admin", "/moderation/comments"},
    {"POST", "/moderation/comment-blocks", "moderator|place-admin", "/moderation/comment-blocks", "user_id="},
    {"POST", "/moderation/comment-blocks/{user_id}/remove", "moderator|place-admin",
     "/moderation/comment-blocks/{user}/remove"},
});

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

class CommentsHttp : public goldthread::testing::SharedServerTest<CommentsHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Comment Youth Trust");
    pam_ = make_user(db, "pam@example.com", {}, "Pam Partner");
    make_member(db, pam_, org_);
    rita_ = make_user(db, "rita@example.com", {}, "Rita Resident");
    olga_ = make_user(db, "olga@example.com", {}, "Olga Other");
    make_user(db, "mia@example.com", {core::Role::moderator}, "Mia Moderator");
  }
  static Client as(const std::string& email) { return signed_in_client(port(), email); }
  // Posts a comment (or a reply) on /pledges/<pledge>; returns the new comment's id.
  static std::int64_t post(Client& c, const std::string& fields, int pledge = 1) {
    auto r = c.submit("/comments", "resource_type=pledge&resource_id=" + std::to_string(pledge) + "&" + fields);
    EXPECT_EQ(r.status, 303) << r.body;
    auto at = r.header("location");
    EXPECT_EQ(at.rfind("/pledges/" + std::to_string(pledge) + "?comment=posted#comment-", 0), 0u) << at;
    auto hash = at.find("#comment-");
    return hash == std::string::npos ? 0 : std::stoll(at.substr(hash + 9));
  }
  static std::vector<std::string> audit_actions(std::int64_t id) {
    auto conn = server_->app().db().acquire();
    audit::Filter f;
    f.resource_type = "comment";
    f.resource_id = std::to_string(id);
    std::vector<std::string> out;
    for (const auto& e : audit::list(*conn, f).events) out.insert(out.begin(), e.action);  // oldest first
    return out;
  }
  static json thread(Client& c, int pledge) {
    return json::parse(c.get("/comments?resource_type=pledge&resource_id=" + std::to_string(pledge), true).body);
  }
  static inline std::int64_t org_ = 0, pam_ = 0, rita_ = 0, olga_ = 0;
};

TEST_F(CommentsHttp, ACommentAndRepliesToDepthThreeWithTheReplyHookAndAudit) {
  auto rita = as("rita@example.com"), pam = as("pam@example.com"), olga = as("olga@example.com");
  auto top = post(rita, "body=Will+this+reach+**rural**+schools%3F+%3Cscript%3Ealert(1)%3C%2Fscript%3E", 2);
  ASSERT_GT(top, 0);
  auto page = rita.get("/pledges/2?comment=posted").body;
  EXPECT_TRUE(has(page, "Your comment has been posted"));
  EXPECT_TRUE(has(page, "<strong>rural</strong>"));
  EXPECT_FALSE(has(page, "<script>alert(1)"));
  EXPECT_TRUE(has(page, "Rita Resident"));

  // Pam replies for her organisation (shown beside her name); Rita replies to that: depth 3.
  auto second = post(
      pam, "parent_id=" + std::to_string(top) + "&organisation_id=" + std::to_string(org_) + "&body=Yes%2C+all+of+them",
      2);
  auto third = post(rita, "parent_id=" + std::to_string(second) + "&body=Thank+you", 2);
  ASSERT_GT(third, 0);
  auto fourth = olga.submit(
      "/comments", "resource_type=pledge&resource_id=2&parent_id=" + std::to_string(third) + "&body=A+fourth+level");
  EXPECT_EQ(fourth.status, 400) << "a reply to a third-level comment is refused, not flattened";
  EXPECT_TRUE(has(fourth.body, "levels deep"));
  EXPECT_TRUE(has(fourth.body, "href=\"#body\""));
  EXPECT_TRUE(has(fourth.body, "A fourth level")) << "the form keeps what was typed";
  // Someone else's organisation is refused.
  auto other_org = olga.submit(
      "/comments", "resource_type=pledge&resource_id=2&organisation_id=" + std::to_string(org_) + "&body=Pretending");
  EXPECT_EQ(other_org.status, 400);
  EXPECT_TRUE(has(other_org.body, "href=\"#organisation_id\""));
  // A resource nobody attached, or one that does not exist: 404.
  EXPECT_EQ(olga.submit("/comments", "resource_type=nothing&resource_id=1&body=Hello").status, 404);
  EXPECT_EQ(olga.submit("/comments", "resource_type=pledge&resource_id=999999&body=Hello").status, 404);

  page = olga.get("/pledges/2").body;
  EXPECT_TRUE(has(page, "for Comment Youth Trust"));
  EXPECT_TRUE(has(page, "Thank you"));
  EXPECT_TRUE(has(page, "/comments/new?parent_id=" + std::to_string(second)));
  EXPECT_FALSE(has(page, "/comments/new?parent_id=" + std::to_string(third))) << "no reply link at depth 3";

  // The JSON twin: the resource, nested replies, Markdown and HTML apart, no screen state.
  auto j = thread(olga, 2);
  EXPECT_EQ(j["resource"]["href"], "/pledges/2");
  ASSERT_EQ(j["comments"].size(), 1u);
  const auto& c1 = j["comments"][0];
  EXPECT_EQ(c1["id"], top);
  EXPECT_EQ(c1["reply_count"], 1);
  EXPECT_TRUE(has(c1["body_markdown"].get<std::string>(), "**rural**"));
  EXPECT_TRUE(has(c1["body_html"].get<std::string>(), "<strong>rural</strong>"));
  EXPECT_FALSE(c1.contains("can_edit"));
  EXPECT_EQ(c1["replies"][0]["author"]["organisation"], "Comment Youth Trust");
  EXPECT_EQ(c1["replies"][0]["replies"][0]["id"], third);
  EXPECT_EQ(c1["replies"][0]["replies"][0]["depth"], 3);
  auto one = json::parse(olga.get("/comments/" + std::to_string(second), true).body);
  EXPECT_EQ(one["comment"]["id"], second);
  EXPECT_EQ(one["comments"][0]["id"], third);

  // The reply hook: Rita is told of Pam's reply, Pam of Rita's; nobody of their own.
  auto conn = server_->app().db().acquire();
  auto inbox = notifications::inbox(*conn, rita_, 1, 20).items;
  ASSERT_FALSE(inbox.empty());
  EXPECT_EQ(inbox[0].kind, "comment-reply");
  EXPECT_EQ(inbox[0].href, "/pledges/2#comment-" + std::to_string(second));
  EXPECT_TRUE(has(inbox[0].title, "Pam Partner replied to your comment"));
  EXPECT_FALSE(inbox[0].is_public);
  EXPECT_EQ(notifications::inbox(*conn, pam_, 1, 20).items.at(0).href, "/pledges/2#comment-" + std::to_string(third));

  EXPECT_EQ(audit_actions(top), std::vector<std::string>{"create"});
  {
    audit::Filter f;
    f.resource_type = "comment";
    f.resource_id = std::to_string(second);
    EXPECT_EQ(audit::list(*conn, f).events.at(0).organisation_id, org_);
  }
  EXPECT_EQ(count_for(*conn, "pledge", 2), 3);
}

TEST_F(CommentsHttp, TheAuthorEditsWithinTheWindowAndNotAfter) {
  auto rita = as("rita@example.com"), olga = as("olga@example.com");
  auto id = post(rita, "body=First+thoughts", 3);
  const auto edit = "/comments/" + std::to_string(id) + "/edit";
  EXPECT_EQ(rita.get(edit).status, 200);
  EXPECT_EQ(olga.get(edit).status, 403);
  EXPECT_EQ(olga.submit(edit, "body=Not+mine").status, 403);
  auto r = rita.submit(edit, "body=Second+thoughts");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(has(r.header("location"), "comment=edited"));
  auto page = rita.get("/pledges/3").body;
  EXPECT_TRUE(has(page, "Second thoughts"));
  EXPECT_TRUE(has(page, "Edited"));
  EXPECT_FALSE(thread(rita, 3)["comments"][0]["edited_at"].is_null());
  // An hour later (the window is 15 minutes): refused, and the link is gone.
  server_->app().db().acquire()->query("UPDATE comments SET created_at = '2020-01-01T00:00:00Z' WHERE id = ?", {id});
  EXPECT_EQ(rita.get(edit).status, 403);
  r = rita.submit(edit, "body=Third+thoughts");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(has(r.body, "15 minutes"));
  EXPECT_FALSE(has(rita.get("/pledges/3").body, edit));
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"create", "update"}));
}

TEST_F(CommentsHttp, AReportReachesTheQueueAModeratorHidesWithAReasonAndRestores) {
  auto rita = as("rita@example.com"), olga = as("olga@example.com"), mia = as("mia@example.com");
  auto id = post(olga, "body=Call+me+on+07700+900123", 4);
  const auto sid = std::to_string(id);
  EXPECT_EQ(rita.submit("/comments/" + sid + "/report", "reason=").status, 400);
  auto r = rita.submit("/comments/" + sid + "/report", "reason=Shares+a+phone+number");
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(has(r.header("location"), "comment=reported"));
  EXPECT_EQ(rita.get("/moderation/comments").status, 403);
  auto queue = mia.get("/moderation/comments").body;
  EXPECT_TRUE(has(queue, "Shares a phone number"));
  EXPECT_TRUE(has(queue, "Call me on 07700 900123"));
  // Hiding needs a reason (the error summary names the field), then shows it in place.
  r = mia.submit("/comments/" + sid + "/hide", "reason-" + sid + "=");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "href=\"#reason-" + sid + "\""));
  r = mia.submit("/comments/" + sid + "/hide", "reason-" + sid + "=Personal+details");
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = rita.get("/pledges/4").body;
  EXPECT_TRUE(has(page, "This comment was hidden by a moderator: Personal details"));
  EXPECT_FALSE(has(page, "07700 900123"));
  auto j = thread(rita, 4)["comments"][0];
  EXPECT_TRUE(j["hidden"].get<bool>());
  EXPECT_TRUE(j["body_markdown"].is_null());
  EXPECT_EQ(j["hidden_reason"], "Personal details");
  queue = mia.get("/moderation/comments").body;
  EXPECT_TRUE(has(queue, "No comments are waiting"));
  EXPECT_EQ(mia.submit("/comments/" + sid + "/restore", "").status, 303);
  EXPECT_TRUE(has(rita.get("/pledges/4").body, "07700 900123"));
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"create", "report", "hide", "restore"}));
}

TEST_F(CommentsHttp, ABlockedAuthorIsRefusedAndLimitsAreNamed) {
  auto olga = as("olga@example.com"), mia = as("mia@example.com"), rita = as("rita@example.com");
  post(olga, "body=Before+the+block", 1);
  EXPECT_EQ(mia.submit("/moderation/comment-blocks", "user_id=" + std::to_string(olga_) + "&block_reason=").status,
            400);
  auto r = mia.submit("/moderation/comment-blocks", "user_id=" + std::to_string(olga_) + "&block_reason=Spam");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(has(mia.get("/moderation/comments").body, "Olga Other"));
  EXPECT_EQ(olga.submit("/comments", "resource_type=pledge&resource_id=1&body=After+the+block").status, 403);
  EXPECT_TRUE(has(olga.get("/pledges/1").body, "A moderator has blocked you from commenting"));
  EXPECT_EQ(mia.submit("/moderation/comment-blocks/" + std::to_string(olga_) + "/remove", "").status, 303);
  post(olga, "body=After+the+block", 1);
  {
    auto conn = server_->app().db().acquire();
    audit::Filter f;
    f.resource_type = "comment-author";
    f.resource_id = std::to_string(olga_);
    EXPECT_EQ(audit::list(*conn, f).events.size(), 2u);  // block, unblock
  }
  // Length: the error summary names the field, the text is kept.
  r = rita.submit("/comments", "resource_type=pledge&resource_id=1&body=" + std::string(kMaxBody + 1, 'a'));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "href=\"#body\""));
  EXPECT_EQ(rita.submit("/comments", "resource_type=pledge&resource_id=1&body=").status, 400);
  // The same text twice is refused (core::abuse).
  post(rita, "body=Count+me+in", 1);
  r = rita.submit("/comments", "resource_type=pledge&resource_id=1&body=count+me++in");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "href=\"#body\""));
}

// The JSON twins of a thread and of a comment's replies are kept per data version
// (core::cached_body): served again unchanged, then a new comment, a reply and a moderator's
// hide (each an audited write) show at once — for anonymous and signed-in readers alike.
TEST_F(CommentsHttp, TheThreadJsonIsCachedPerDataVersionAndFollowsWrites) {
  auto rita = as("rita@example.com"), mia = as("mia@example.com"), olga = as("olga@example.com");
  auto anon = Client{port(), {}};
  const std::string url = "/comments?resource_type=pledge&resource_id=4";
  auto find = [](const json& list, std::int64_t id) {
    for (const auto& c : list)
      if (c["id"] == id) return c;
    return json();
  };
  auto id = post(rita, "body=Json+twin+first", 4);
  auto first = anon.get(url, true);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(find(json::parse(first.body)["comments"], id)["reply_count"], 0);
  EXPECT_EQ(anon.get(url, true).body, first.body) << "served again";
  EXPECT_EQ(anon.get("/api/v1" + url).body, first.body) << "the /api/v1 alias answers the same";
  const auto own = "/comments/" + std::to_string(id);
  EXPECT_TRUE(json::parse(anon.get(own, true).body)["comments"].empty());

  auto reply = post(olga, "parent_id=" + std::to_string(id) + "&body=Json+twin+reply", 4);
  auto after = json::parse(anon.get(url, true).body);
  EXPECT_EQ(find(after["comments"], id)["reply_count"], 1) << "a new reply moves the data version";
  auto replies = json::parse(rita.get(own, true).body);
  ASSERT_EQ(replies["comments"].size(), 1u);
  EXPECT_EQ(replies["comments"][0]["id"], reply);
  EXPECT_EQ(replies["comments"][0]["body_markdown"], "Json twin reply");

  const auto rid = std::to_string(reply);
  ASSERT_EQ(mia.submit("/comments/" + rid + "/hide", "reason-" + rid + "=Off+topic").status, 303);
  auto hidden = json::parse(anon.get(own, true).body)["comments"][0];
  EXPECT_TRUE(hidden["hidden"].get<bool>());
  EXPECT_TRUE(hidden["body_markdown"].is_null());
  EXPECT_EQ(hidden["hidden_reason"], "Off topic");
}

// The engagement resolvers (proposal, consultation): a comment on each goes back to its page.
// The thread's HTML is cached per data version: an anonymous visitor sees the same page again,
// then the moderator's hide (an audited write) at once.
TEST_F(CommentsHttp, ProposalsAndConsultationsTakeCommentsAndTheCachedThreadFollowsWrites) {
  auto rita = as("rita@example.com"), mia = as("mia@example.com");
  auto anon = Client{port(), {}};
  for (const auto& [type, table, href] :
       {std::tuple<std::string, std::string, std::string>{"proposal", "proposals",
                                                          "/proposals/example-community-fridges-in-every-library"},
        {"consultation", "consultations", "/consultations/example-getting-around-essex"}}) {
    std::int64_t id = 0;
    {
      auto conn = server_->app().db().acquire();
      auto slug = href.substr(href.rfind('/') + 1);
      id = conn->query("SELECT id FROM " + table + " WHERE slug = ?", {slug}).rows.at(0).integer(0);
    }
    auto r = rita.submit("/comments", "resource_type=" + type + "&resource_id=" + std::to_string(id) +
                                          "&body=A+thought+about+this+" + type);
    ASSERT_EQ(r.status, 303) << r.body;
    auto at = r.header("location");
    EXPECT_EQ(at.rfind(href + "?comment=posted#comment-", 0), 0u) << at;
    const auto cid = at.substr(at.find("#comment-") + 9);
    auto first = anon.get(href).body;
    EXPECT_TRUE(has(first, "A thought about this " + type));
    EXPECT_TRUE(has(first, "Sign in to comment"));
    EXPECT_TRUE(has(anon.get(href).body, "A thought about this " + type)) << "served again (from the cache)";
    ASSERT_EQ(mia.submit("/comments/" + cid + "/hide", "reason-" + cid + "=Off+topic").status, 303);
    auto after = anon.get(href).body;
    EXPECT_FALSE(has(after, "A thought about this " + type)) << "a write moves the data version";
    EXPECT_TRUE(has(after, "hidden by a moderator: Off topic"));
  }
}

}  // namespace
}  // namespace goldthread::core::comments
