// core::mail on SQLite and PostgreSQL, delivering to a real SMTP server on loopback
// (scripts/smtp_sink.py): the outbox is transactional, a server that is down and comes back
// loses nothing and receives each message once, several senders never send one message twice,
// and a message that keeps failing goes dead until an administrator retries it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "app/bootstrap.hpp"
#include "core/mail.hpp"
#include "core/migrations.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_env.hpp"

namespace goldthread::core::mail {
namespace {
namespace t = goldthread::testing;

class MailStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = t::fresh_config();
    auto db = app::open_database(cfg);
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    ASSERT_TRUE(app::migrate_database(*db_, app::build_registry(), false));
  }
  // A unique recipient per test and engine, so the shared sink's files do not mix.
  static std::string address(const std::string& who) {
    static std::atomic<int> n{0};
    return who + "-" + t::engine_name() + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "@example.com";
  }
  std::int64_t queue(const std::string& to, const std::string& subject = "Hello", const std::string& text = "Body") {
    auto conn = db_->acquire();
    Transaction tx(*conn);
    auto id = enqueue(*conn, {to, subject, text, ""});
    tx.commit();
    return id;
  }
  Stored stored(std::int64_t id) {
    auto conn = db_->acquire();
    return find(*conn, id).value();
  }
  // Fast settings for tests: short back-off, quick polling.
  static SmtpConfig smtp(int port, int max_attempts = 10) {
    SmtpConfig s;
    s.host = "127.0.0.1";
    s.port = port;
    s.security = "none";
    s.from = "Essex <noreply@essex.example>";
    s.max_attempts = max_attempts;
    s.retry_base = std::chrono::milliseconds(150);
    s.retry_max = std::chrono::milliseconds(600);
    s.poll = std::chrono::milliseconds(20);
    s.timeout = std::chrono::seconds(10);
    return s;
  }
  static std::string temp_dir(const std::string& name) {
    auto d = std::filesystem::temp_directory_path() /
             ("goldthread-mail-" + name + "-" + t::engine_name() + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d.string();
  }
  std::unique_ptr<Database> db_;
};

TEST_F(MailStore, AMessageExistsOnlyIfTheCallersTransactionCommits) {
  auto to = address("tx");
  {
    auto conn = db_->acquire();
    Transaction tx(*conn);
    enqueue(*conn, {to, "Rolled back", "never", ""});
  }  // rolled back
  queue(to, "Committed");
  auto conn = db_->acquire();
  auto all = for_recipient(*conn, to);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].subject, "Committed");
  EXPECT_EQ(all[0].status, "queued");
  EXPECT_EQ(all[0].attempts, 0);
  EXPECT_FALSE(all[0].message_id.empty());
}

TEST_F(MailStore, RefusesAMessageWithoutTextOrWithAnAddressThatCouldInjectHeaders) {
  auto conn = db_->acquire();
  EXPECT_THROW(enqueue(*conn, {"a@example.com", "s", "", "<p>html only</p>"}), std::invalid_argument);
  EXPECT_THROW(enqueue(*conn, {"a@example.com\r\nBcc: b@example.com", "s", "t", ""}), std::invalid_argument);
  EXPECT_THROW(enqueue(*conn, {"a@example.com, b@example.com", "s", "t", ""}), std::invalid_argument);
}

TEST_F(MailStore, TheSenderDeliversOverSmtpWithAPlainTextPart) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  auto to = address("deliver");
  auto id = queue(to, "Réunion du conseil", "Hello,\nthe meeting is at 10.\n");
  Sender sender(*db_, smtp(t::shared_smtp_port()));
  EXPECT_EQ(sender.run_once(), 1);
  auto got = t::wait_for_mail(t::shared_smtp_dir(), to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(t::header_of(got[0], "To"), to);
  EXPECT_EQ(t::header_of(got[0], "From"), "Essex <noreply@essex.example>");
  EXPECT_EQ(t::header_of(got[0], "Subject").rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(t::header_of(got[0], "Message-ID"), stored(id).message_id);
  EXPECT_FALSE(t::header_of(got[0], "Date").empty());
  EXPECT_EQ(t::header_of(got[0], "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_NE(t::body_of(got[0]).find("the meeting is at 10."), std::string::npos);
  auto m = stored(id);
  EXPECT_EQ(m.status, "sent");
  EXPECT_EQ(m.attempts, 1);
  EXPECT_FALSE(m.sent_at.empty());
  EXPECT_EQ(sender.run_once(), 0);  // nothing left
}

TEST_F(MailStore, AServerThatIsDownAndComesBackLosesNothingAndReceivesEachMessageOnce) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  int port = t::free_port();
  std::vector<std::int64_t> ids;
  std::vector<std::string> to;
  for (int i = 0; i < 5; ++i) {
    to.push_back(address("down"));
    ids.push_back(queue(to.back(), "Message " + std::to_string(i)));
  }
  Sender sender(*db_, smtp(port));
  EXPECT_EQ(sender.run_once(), 5);  // each tried once, each refused
  for (auto id : ids) {
    auto m = stored(id);
    EXPECT_EQ(m.status, "queued");
    EXPECT_EQ(m.attempts, 1);
    EXPECT_FALSE(m.last_error.empty());
  }
  EXPECT_EQ(sender.run_once(), 0);  // backing off: not due yet
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(sender.run_once(), 5);  // second attempt, still down
  EXPECT_EQ(stored(ids[0]).attempts, 2);

  auto dir = temp_dir("down");
  t::SmtpSinkProcess server(port, dir);  // the server comes back
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto all_sent = [&] {
    auto conn = db_->acquire();
    for (auto id : ids)
      if (find(*conn, id)->status != "sent") return false;
    return true;
  };
  while (!all_sent() && std::chrono::steady_clock::now() < until) {
    sender.run_once();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(all_sent());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sender.run_once(), 0);
  for (std::size_t i = 0; i < to.size(); ++i) {
    auto got = t::received_for(dir, to[i]);
    ASSERT_EQ(got.size(), 1u) << to[i];
    EXPECT_EQ(t::header_of(got[0], "Subject"), "Message " + std::to_string(i));
    EXPECT_EQ(stored(ids[i]).attempts, 3);
  }
  std::filesystem::remove_all(dir);
}

TEST_F(MailStore, TwoSendersOnOneDatabaseNeverSendAMessageTwice) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  std::vector<std::string> to;
  for (int i = 0; i < 20; ++i) {
    to.push_back(address("pair"));
    queue(to.back());
  }
  {
    Sender a(*db_, smtp(t::shared_smtp_port())), b(*db_, smtp(t::shared_smtp_port()));
    a.start();
    b.start();
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto conn = db_->acquire();
      if (count_with_status(*conn, Status::sent) == 20 || std::chrono::steady_clock::now() > until) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
  }  // both stopped
  auto conn = db_->acquire();
  EXPECT_EQ(count_with_status(*conn, Status::sent), 20);
  for (const auto& addr : to) {
    EXPECT_EQ(t::received_for(t::shared_smtp_dir(), addr).size(), 1u) << addr;
    EXPECT_EQ(for_recipient(*conn, addr).at(0).attempts, 1) << addr;
  }
}

TEST_F(MailStore, AfterMaxAttemptsAMessageIsDeadUntilRetriedAndTheRetryIsAudited) {
  auto to = address("dead");
  auto id = queue(to);
  auto s = smtp(t::free_port(), 3);
  s.retry_base = s.retry_max = std::chrono::milliseconds(1);
  Sender sender(*db_, s);
  for (int i = 0; i < 10 && stored(id).status != "dead"; ++i) {
    sender.run_once();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto m = stored(id);
  EXPECT_EQ(m.status, "dead");
  EXPECT_EQ(m.attempts, 3);
  EXPECT_FALSE(m.last_error.empty());
  EXPECT_EQ(sender.run_once(), 0);  // a dead message is never tried again by itself

  audit::Actor admin;
  admin.user_id = 0;
  admin.name = "admin";
  ASSERT_TRUE(retry(*db_, admin, id));
  m = stored(id);
  EXPECT_EQ(m.status, "queued");
  EXPECT_EQ(m.attempts, 0);
  auto again = retry(*db_, admin, id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(retry(*db_, admin, 999999).error().kind, ErrorKind::not_found);
  auto conn = db_->acquire();
  audit::Filter f;
  f.resource_type = "mail";
  f.resource_id = std::to_string(id);
  auto events = audit::list(*conn, f);
  ASSERT_EQ(events.total, 1);
  EXPECT_EQ(events.events[0].action, "retry");
}

TEST_F(MailStore, APermanentRefusalIsDeadAtOnce) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  auto id = queue(address("refuse"));  // scripts/smtp_sink.py answers 550 for "refuse-…"
  Sender sender(*db_, smtp(t::shared_smtp_port()));
  EXPECT_EQ(sender.run_once(), 1);
  auto m = stored(id);
  EXPECT_EQ(m.status, "dead");
  EXPECT_EQ(m.attempts, 1);
  EXPECT_NE(m.last_error.find("SMTP 550"), std::string::npos) << m.last_error;
}

// STARTTLS (the default) and implicit TLS against a server with a certificate from a private
// CA: delivered when the CA is configured, refused when the certificate cannot be verified.
TEST_F(MailStore, StartTlsAndTlsAreUsedAndTheServerCertificateIsVerified) {
  if (t::shared_smtp_port() == 0) GTEST_SKIP() << t::kNoSmtpSkip;
  auto dir = temp_dir("tls");
  auto cert = dir + "/cert.pem", key = dir + "/key.pem";
  auto cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
      "subjectAltName=IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
  int starttls_port = t::free_port(), tls_port = t::free_port();
  t::SmtpSinkProcess starttls(starttls_port, dir + "/in", {"--security", "starttls", "--cert", cert, "--key", key});
  t::SmtpSinkProcess tls(tls_port, dir + "/in", {"--security", "tls", "--cert", cert, "--key", key});
  for (std::string security : {"starttls", "tls"}) {
    auto s = smtp(security == "tls" ? tls_port : starttls_port);
    s.security = security;
    auto to = address("tls-" + security);
    auto id = queue(to);
    Sender(*db_, s).run_once();  // the system's CAs do not know this certificate
    EXPECT_EQ(stored(id).status, "queued") << security;
    EXPECT_NE(stored(id).last_error.find("certificate"), std::string::npos) << stored(id).last_error;
    s.ca_file = cert;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // past the back-off
    EXPECT_EQ(Sender(*db_, s).run_once(), 1) << security;
    EXPECT_EQ(stored(id).status, "sent") << security << ": " << stored(id).last_error;
    EXPECT_EQ(t::received_for(dir + "/in", to).size(), 1u) << security;
  }
  // The STARTTLS server refuses mail in plain text, so "starttls" above really upgraded.
  auto plain = smtp(starttls_port);
  auto id = queue(address("plain"));
  Sender(*db_, plain).run_once();
  EXPECT_EQ(stored(id).status, "dead");
  EXPECT_NE(stored(id).last_error.find("SMTP 530"), std::string::npos) << stored(id).last_error;
  std::filesystem::remove_all(dir);
}

// An existing database from before core owned mail keeps its messages (as dead: never sent).
TEST(MailMigration, MessagesInTheOldAccountsOutboxMoveToTheCoreOutbox) {
  auto cfg = t::fresh_config();
  auto db = app::open_database(cfg);
  ASSERT_TRUE(db);
  auto reg = app::build_registry();
  std::vector<Migration> old;
  for (const auto& m : reg.migrations())
    if (!((m.module == "core" && m.version >= 2) || (m.module == "accounts" && m.version >= 2) ||
          (m.module == "work" && m.version >= 4)))  // work/0004 needs core's later migrations
      old.push_back(m);
  migrate(**db, old);
  {
    auto conn = (*db)->acquire();
    conn->query("INSERT INTO outbox (to_address, subject, body, created_at) VALUES (?, ?, ?, ?)",
                {std::string("old@example.com"), std::string("Reset your password"), std::string("link"),
                 std::string("2026-11-01T10:00:00Z")});
  }
  migrate(**db, reg.migrations());
  auto conn = (*db)->acquire();
  auto all = for_recipient(*conn, "old@example.com");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].subject, "Reset your password");
  EXPECT_EQ(all[0].text, "link");
  EXPECT_EQ(all[0].status, "dead");
  EXPECT_EQ(all[0].created_at, "2026-11-01T10:00:00Z");
  EXPECT_FALSE(all[0].last_error.empty());
}

}  // namespace
}  // namespace goldthread::core::mail
