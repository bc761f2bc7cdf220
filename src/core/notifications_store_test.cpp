// core::notifications and the mail outbox's extra headers and batches, on SQLite and
// PostgreSQL: a notification reaches every follower of its subjects once (never the actor),
// commits or rolls back with the caller's transaction, private notices reach only their
// recipients, the public stream filters by tag, and digests read the inbox in order.
#include <gtest/gtest.h>

#include <stdexcept>

#include "app/bootstrap.hpp"
#include "core/follows.hpp"
#include "core/mail.hpp"
#include "core/notifications.hpp"
#include "support/test_env.hpp"

namespace goldthread::core::notifications {
namespace {
namespace t = goldthread::testing;

class NotificationsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = t::fresh_config();
    auto db = app::open_database(cfg);
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    ASSERT_TRUE(app::migrate_database(*db_, app::build_registry(), false));
  }
  std::vector<std::int64_t> inbox_users(Connection& c, std::int64_t id) {
    std::vector<std::int64_t> out;
    for (auto u : {1, 2, 3, 4, 5})
      for (const auto& n : inbox(c, u, 1, 50).items)
        if (n.id == id) out.push_back(u);
    return out;
  }
  std::unique_ptr<Database> db_;
};

TEST_F(NotificationsStore, AFollowerOfAnySubjectIsToldOnceNeverTheActorAndOnlyIfTheCallerCommits) {
  auto c = db_->acquire();
  {
    Transaction tx(*c);
    follows::follow(*c, "initiative", 5, 1);
    follows::follow(*c, "ambition", 3, 2);
    follows::follow(*c, "initiative", 5, 3);
    follows::follow(*c, "ambition", 3, 3);
    follows::follow(*c, "initiative", 5, 4);
    tx.commit();
  }
  {
    Transaction tx(*c);  // rolled back: no notification, nobody told
    publish(*c, {"initiative", 5, "initiative-created", "New initiative: Gone", "/initiatives/gone"});
  }
  EXPECT_EQ(public_stream(*c, {}).total, 0);
  std::int64_t id = 0;
  {
    Transaction tx(*c);
    Notice n{"initiative", 5, "initiative-created", "New initiative: Warm Homes", "/initiatives/warm-homes"};
    n.tags = {"ambition:3", "area:E10000012"};
    n.also = {{"ambition", 3}};
    n.actor_user_id = 4;
    id = publish(*c, n);
    tx.commit();
  }
  EXPECT_EQ(inbox_users(*c, id), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(unread_count(*c, 3), 1);
  EXPECT_EQ(mark_all_read(*c, 3), 1);
  EXPECT_EQ(unread_count(*c, 3), 0);
  EXPECT_FALSE(inbox(*c, 3, 1, 10).items.at(0).read_at.empty());

  // A private notice: its recipient only, never on the public stream.
  std::int64_t offer = 0;
  {
    Transaction tx(*c);
    offer = publish(
        *c, {"event", 9, "place-offered", "A place is free for you", "/events/x", false, "", {}, {}, 0, {5}, false});
    tx.commit();
  }
  EXPECT_EQ(inbox_users(*c, offer), (std::vector<std::int64_t>{5}));
  auto all = public_stream(*c, {});
  ASSERT_EQ(all.total, 1);
  EXPECT_EQ(all.items[0].title, "New initiative: Warm Homes");
  EXPECT_EQ(all.items[0].tags, (std::vector<std::string>{"ambition:3", "area:E10000012"}));
  Filter by_area;
  by_area.tag = "area:E10000012";
  EXPECT_EQ(public_stream(*c, by_area).total, 1);
  by_area.tag = "ambition:33";
  EXPECT_EQ(public_stream(*c, by_area).total, 0) << "a tag matches whole, not as a prefix";
  EXPECT_THROW(publish(*c, {"x", 1, "", "t", "/"}), std::invalid_argument);
  EXPECT_THROW(publish(*c, {"x", 1, "k", "t", "/", true, "", {"two words"}}), std::invalid_argument);

  // Digests read the window person by person.
  std::vector<std::pair<std::int64_t, std::int64_t>> seen;
  for_each_in_window(*c, "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z", [&](std::int64_t user, const Stored& s) {
    seen.push_back({user, s.id});
  });
  EXPECT_EQ(seen, (std::vector<std::pair<std::int64_t, std::int64_t>>{{1, id}, {2, id}, {3, id}, {5, offer}}));
  seen.clear();
  for_each_in_window(*c, "2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z", [&](std::int64_t user, const Stored& s) {
    seen.push_back({user, s.id});
  });
  EXPECT_TRUE(seen.empty());
}

TEST_F(NotificationsStore, MailCarriesCheckedExtraHeadersAndABatchWhoseProgressIsCounted) {
  auto c = db_->acquire();
  Transaction tx(*c);
  mail::Message m{"ann@example.com", "Issue 1", "Hello", ""};
  m.headers = {{"List-Unsubscribe", "<https://x.example/u?t=1>"},
               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  m.batch = "newsletter-1";
  auto id = mail::enqueue(*c, m);
  mail::enqueue(*c, {"bob@example.com", "Issue 1", "Hello", "", {}, "newsletter-1"});
  for (const auto& bad : std::vector<std::pair<std::string, std::string>>{
           {"Subject", "x"}, {"Bcc", "eve@example.com"}, {"Bad Name", "x"}, {"X-Ok", "a\r\nBcc: eve@example.com"}}) {
    mail::Message b{"ann@example.com", "x", "x", ""};
    b.headers = {bad};
    EXPECT_THROW(mail::enqueue(*c, b), std::invalid_argument) << bad.first;
  }
  tx.commit();
  auto stored = mail::find(*c, id);
  ASSERT_TRUE(stored);
  auto mime = mail::build_mime(*stored, "news@example.com", "Tue, 01 Dec 2026 09:00:00 +0000");
  auto head = mime.substr(0, mime.find("\r\n\r\n") + 2);
  EXPECT_NE(head.find("\r\nList-Unsubscribe: <https://x.example/u?t=1>\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
  auto p = mail::batch_progress(*c, "newsletter-1");
  EXPECT_EQ(p.queued, 2);
  EXPECT_EQ(p.total(), 2);
  EXPECT_EQ(mail::batch_progress(*c, "newsletter-2").total(), 0);
}

}  // namespace
}  // namespace goldthread::core::notifications
