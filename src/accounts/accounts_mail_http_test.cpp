// Mail end to end on SQLite and PostgreSQL, with the real server and a real SMTP server on
// loopback (scripts/smtp_sink.py): a reset link arrives by SMTP and works; a message that
// cannot be delivered goes dead and shows on /admin/outbox, where a site admin retries it.
#include <gtest/gtest.h>
#include <unistd.h>

#include "accounts/accounts_test_support.hpp"
#include "core/mail.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
namespace t = goldthread::testing;

class AccountsMail : public t::SharedServerTest<AccountsMail> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
  }
  core::Database& db() { return server_->app().db(); }
  Client client() { return Client{server_->port(), {}}; }
  static std::string new_email(const std::string& who) {
    static int n = 0;
    return who + "-" + t::engine_name() + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "@example.com";
  }
  static core::mail::SmtpConfig smtp(int port) {
    core::mail::SmtpConfig s;
    s.host = "127.0.0.1";
    s.port = port;
    s.security = "none";
    s.from = "noreply@essex.example";
    s.retry_base = s.retry_max = std::chrono::milliseconds(1);
    s.poll = std::chrono::milliseconds(20);
    return s;
  }
  std::vector<core::mail::Stored> outbox(const std::string& to) {
    auto conn = db().acquire();
    return core::mail::for_recipient(*conn, to);
  }
};

TEST_F(AccountsMail, AResetMailArrivesOverSmtpAsPlainTextAndItsLinkWorks) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  auto email = new_email("reset");
  make_user(db(), email);
  core::mail::Sender sender(db(), smtp(t::shared_smtp_port()));
  sender.start();  // the background sender, as `goldthread serve` runs it
  auto c = client();
  ASSERT_EQ(c.submit("/reset-password", "email=" + email).status, 200);
  auto got = t::wait_for_mail(t::shared_smtp_dir(), email);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(t::header_of(got[0], "Subject"), "Reset your password");
  EXPECT_EQ(t::header_of(got[0], "Content-Type"), "text/plain; charset=utf-8");
  auto body = t::body_of(got[0]);
  auto at = body.find("/reset-password/");
  ASSERT_NE(at, std::string::npos) << body;
  auto link = body.substr(at, 16 + 43);
  ASSERT_EQ(c.get(link).status, 200);
  EXPECT_EQ(c.submit(link, "new_password=a-brand-new-secret").status, 200);
  EXPECT_TRUE(c.sign_in(email, "a-brand-new-secret"));
  EXPECT_FALSE(client().sign_in(email));  // the old password no longer works
  // The "password changed" confirmation is delivered too, each message exactly once.
  got = t::wait_for_mail(t::shared_smtp_dir(), email, 2);
  sender.stop();
  EXPECT_EQ(got.size(), 2u);
  for (const auto& m : outbox(email)) EXPECT_EQ(m.status, "sent") << m.subject;
}

TEST_F(AccountsMail, ADeadMessageShowsOnTheOutboxPageWithoutItsBodyAndASiteAdminRetriesIt) {
  auto email = new_email("dead");
  make_user(db(), email);
  auto admin_email = new_email("admin");
  auto admin_id = make_user(db(), admin_email, {core::Role::site_admin});
  auto c = client();
  ASSERT_EQ(c.submit("/reset-password", "email=" + email).status, 200);
  auto s = smtp(t::free_port());  // nothing listens there
  s.max_attempts = 2;
  core::mail::Sender sender(db(), s);
  for (int i = 0; i < 10 && outbox(email).at(0).status != "dead"; ++i) {
    sender.run_once();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto m = outbox(email).at(0);
  ASSERT_EQ(m.status, "dead");
  EXPECT_EQ(m.attempts, 2);

  auto admin = signed_in_client(server_->port(), admin_email);
  auto page = admin.get("/admin/outbox?status=dead");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(email), std::string::npos);
  EXPECT_NE(page.body.find("Reset your password"), std::string::npos);
  EXPECT_NE(page.body.find(">dead<"), std::string::npos);
  EXPECT_NE(page.body.find("/admin/outbox/" + std::to_string(m.id) + "/retry"), std::string::npos);
  EXPECT_EQ(page.body.find("/reset-password/"), std::string::npos);  // no body, so no live link
  auto json = nlohmann::json::parse(admin.get("/admin/outbox?status=dead", true).body);
  bool listed = false;
  for (const auto& row : json["messages"])
    if (row["id"] == m.id) {
      listed = true;
      EXPECT_EQ(row["attempts"], 2);
      EXPECT_FALSE(row["last_error"].get<std::string>().empty());
      EXPECT_FALSE(row.contains("text"));
    }
  EXPECT_TRUE(listed);

  // A place admin is not a site admin: the outbox is not theirs to see.
  auto place_admin_email = new_email("place");
  make_user(db(), place_admin_email, {core::Role::place_admin});
  EXPECT_EQ(signed_in_client(server_->port(), place_admin_email).get("/admin/outbox").status, 403);

  // Retry without the CSRF token is refused; with it, the message is queued again and audited.
  EXPECT_EQ(admin.post("/admin/outbox/" + std::to_string(m.id) + "/retry", "").status, 403);
  EXPECT_EQ(outbox(email).at(0).status, "dead");
  auto r = admin.submit("/admin/outbox/" + std::to_string(m.id) + "/retry", "");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(outbox(email).at(0).status, "queued");
  EXPECT_EQ(outbox(email).at(0).attempts, 0);
  EXPECT_EQ(admin.submit("/admin/outbox/" + std::to_string(m.id) + "/retry", "").status, 409);
  auto conn = db().acquire();
  core::audit::Filter f;
  f.resource_type = "mail";
  f.resource_id = std::to_string(m.id);
  auto events = core::audit::list(*conn, f);
  ASSERT_EQ(events.total, 1);
  EXPECT_EQ(events.events[0].action, "retry");
  EXPECT_EQ(events.events[0].actor_user_id, admin_id);
}

TEST_F(AccountsMail, TheOutboxPagesThroughManyMessages) {
  auto email = new_email("many");
  {
    auto conn = db().acquire();
    core::Transaction tx(*conn);
    for (int i = 0; i < 60; ++i) core::mail::enqueue(*conn, {email, "Note " + std::to_string(i), "text", ""});
    tx.commit();
  }
  auto admin_email = new_email("admin");
  make_user(db(), admin_email, {core::Role::site_admin});
  auto admin = signed_in_client(server_->port(), admin_email);
  auto first = nlohmann::json::parse(admin.get("/admin/outbox?status=queued", true).body);
  EXPECT_EQ(first["messages"].size(), 50u);
  EXPECT_GE(first["pagination"]["pages"].get<int>(), 2);  // the resource's pagination: pages and links
  EXPECT_GE(first["pagination"]["total"].get<int>(), 60);
  EXPECT_EQ(first["pagination"]["links"]["next"], "/admin/outbox?status=queued&page=2");
  auto second = nlohmann::json::parse(admin.get("/admin/outbox?status=queued&page=2", true).body);
  EXPECT_GE(second["messages"].size(), 10u);
  EXPECT_NE(first["messages"][0]["id"], second["messages"][0]["id"]);
  EXPECT_EQ(admin.get("/admin/outbox?status=queued&page=2").status, 200);
}

}  // namespace
}  // namespace goldthread::accounts
