// The commitment mechanism on SQLite and PostgreSQL: the organisation's sector is recorded,
// progress is append-only and "complete" needs evidence, only the owner, their organisation's
// members and place admins update, and the reminder sweep never sends a reminder twice — not
// when run again, not when several sweeps run at once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/accounts.hpp"
#include "app/bootstrap.hpp"
#include "core/mail.hpp"
#include "partners/partners.hpp"
#include "pledges/pledge_rules.hpp"
#include "pledges/pledges.hpp"
#include "support/test_env.hpp"

namespace goldthread::pledges {
namespace {

struct Commitments : ::testing::Test {
  void SetUp() override {
    accounts::use_fast_password_hashing_for_test();
    auto cfg = testing::fresh_config();
    db = std::move(app::open_database(cfg).value());
    ASSERT_TRUE(app::migrate_database(*db, app::build_registry(), false).ok());
    owner = accounts::create_user(*db, {}, {"Olive Owner", "olive@example.com", "tidal-lantern-mossy", {}}).value();
    org = partners::create_organisation(*db, {}, {"Essex Police", "police", "", "", "", {}}).value().id;
  }
  Commitment make(const std::string& due_on, const std::string& created_at, std::int64_t organisation = 0) {
    CommitmentInput in;
    in.href_prefix = "/pledges/";
    in.text = "Connect CSPs to Safe and Well visits";
    in.owner_user_id = owner;
    in.owner_name = "Olive Owner";
    in.organisation_id = organisation;
    in.due_on = due_on;
    in.created_at = created_at;
    auto conn = db->acquire();
    core::Transaction tx(*conn);
    auto m = create_commitment_in(*conn, actor, in);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    tx.commit();
    return *m;
  }
  std::size_t mails() {
    auto conn = db->acquire();
    return core::mail::for_recipient(*conn, "olive@example.com").size();
  }
  core::Principal principal(std::int64_t user_id, std::vector<core::Membership> memberships = {}) {
    core::Principal p;
    p.user_id = user_id;
    p.name = "Someone";
    p.roles = {core::Role::resident};
    p.memberships = std::move(memberships);
    return p;
  }
  std::unique_ptr<core::Database> db;
  core::audit::Actor actor;
  std::int64_t owner = 0, org = 0;
};

TEST_F(Commitments, RecordsTheOrganisationsSectorAndSide) {
  auto m = make("2027-03-05", "", org);
  EXPECT_EQ(m.sector, "police");
  EXPECT_EQ(m.side, "public-sector");
  EXPECT_EQ(m.organisation_name, "Essex Police");
  EXPECT_EQ(m.status, "not-started");
  EXPECT_EQ(m.href, "/pledges/" + std::to_string(m.id));
  auto alone = make("2027-03-05", "");
  EXPECT_EQ(alone.side, "residents");
  auto conn = db->acquire();
  EXPECT_EQ(open_commitments_of_organisation(*conn, org).size(), 1u);
  EXPECT_EQ(commitments_of_user(*conn, owner).size(), 2u);
  core::audit::Filter f;
  f.resource_type = "pledge";
  EXPECT_EQ(core::audit::list(*conn, f).total, 2);
}

TEST_F(Commitments, ProgressIsAppendOnlyAndCompleteNeedsEvidence) {
  auto m = make("2027-03-05", "", org);
  auto who = principal(owner);
  ASSERT_TRUE(record_progress(*db, who, actor, m.id, {"limited", "First meeting held", "", ""}).ok());
  auto refused = record_progress(*db, who, actor, m.id, {"complete", "All done", "", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "evidence_text");
  ASSERT_TRUE(record_progress(*db, who, actor, m.id,
                              {"complete", "All done", "Visits now include CSP referrals", "https://example.org/r"})
                  .ok());
  auto conn = db->acquire();
  auto history = progress_of(*conn, m.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].status, "limited");
  EXPECT_EQ(history[1].evidence_text, "Visits now include CSP referrals");
  EXPECT_EQ(try_find_commitment(*conn, m.id)->status, "complete");
  EXPECT_TRUE(open_commitments_of_organisation(*conn, org).empty());
}

TEST_F(Commitments, OnlyTheOwnerItsOrganisationsMembersAndPlaceAdminsUpdate) {
  auto m = make("2027-03-05", "", org);
  const ProgressInput in{"limited", "Started", "", ""};
  auto other = record_progress(*db, principal(owner + 1000), actor, m.id, in);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, core::ErrorKind::forbidden);
  EXPECT_TRUE(record_progress(*db, principal(owner + 1000, {{org, "Essex Police", false}}), actor, m.id, in).ok());
  auto admin = principal(owner + 2000);
  admin.roles.push_back(core::Role::place_admin);
  EXPECT_TRUE(record_progress(*db, admin, actor, m.id, in).ok());
  EXPECT_EQ(record_progress(*db, admin, actor, m.id + 999, in).error().kind, core::ErrorKind::not_found);
  auto conn = db->acquire();
  EXPECT_EQ(progress_of(*conn, m.id).size(), 2u);
}

TEST_F(Commitments, TheSweepSendsEachReminderOnce) {
  auto m = make("2026-06-20", "2026-06-01T00:00:00Z");
  auto r = send_reminders(*db, "2026-06-05", "http://test");
  EXPECT_EQ(r.due_soon, 0) << "16 days before the due date";
  r = send_reminders(*db, "2026-06-06", "http://test");
  EXPECT_EQ(r.due_soon, 1);
  EXPECT_EQ(mails(), 1u);
  r = send_reminders(*db, "2026-06-10", "http://test");
  EXPECT_EQ(r.due_soon, 0);
  EXPECT_EQ(r.already_sent, 1);
  EXPECT_EQ(mails(), 1u);
  r = send_reminders(*db, "2026-09-01", "http://test");
  EXPECT_EQ(r.no_recent_update, 1);
  EXPECT_EQ(send_reminders(*db, "2026-09-02", "http://test").no_recent_update, 0);
  r = send_reminders(*db, "2026-12-01", "http://test");
  EXPECT_EQ(r.overdue_update, 1);
  EXPECT_EQ(send_reminders(*db, "2027-05-01", "http://test").overdue_update, 0);
  EXPECT_EQ(mails(), 3u);
  auto conn = db->acquire();
  auto sent = core::mail::for_recipient(*conn, "olive@example.com");
  EXPECT_EQ(sent[0].subject, "Your pledge is due on 20 June 2026");
  EXPECT_NE(sent[0].text.find("http://test/pledges/" + std::to_string(m.id)), std::string::npos);
  EXPECT_EQ(sent[2].subject, "Your pledge is overdue for an update");
  core::audit::Filter f;
  f.resource_type = "pledge";
  f.resource_id = std::to_string(m.id);
  EXPECT_EQ(core::audit::list(*conn, f).total, 4) << "created and three reminders";
}

TEST_F(Commitments, AnUpdateRestartsTheClockAndCompleteStopsReminders) {
  auto m = make("", "2026-01-01T00:00:00Z");
  EXPECT_EQ(send_reminders(*db, "2026-04-01", "http://test").no_recent_update, 1);
  ASSERT_TRUE(record_progress(*db, principal(owner), actor, m.id, {"substantial", "Halfway", "", ""}).ok());
  const auto today = today_utc();
  EXPECT_EQ(send_reminders(*db, today, "http://test").no_recent_update, 0);
  EXPECT_EQ(send_reminders(*db, add_months(today, 3), "http://test").no_recent_update, 1)
      << "a new period, a new reminder";
  ASSERT_TRUE(record_progress(*db, principal(owner), actor, m.id, {"complete", "Done", "Report", ""}).ok());
  auto r = send_reminders(*db, add_months(today, 12), "http://test");
  EXPECT_EQ(r.no_recent_update + r.overdue_update + r.due_soon, 0);
  EXPECT_EQ(mails(), 2u);
}

TEST_F(Commitments, ConcurrentSweepsSendOneReminder) {
  make("2026-06-20", "2026-06-01T00:00:00Z");
  std::atomic<int> sent{0};
  std::vector<std::thread> sweeps;
  for (int i = 0; i < 4; ++i)
    sweeps.emplace_back([&] { sent += send_reminders(*db, "2026-06-10", "http://test").due_soon; });
  for (auto& t : sweeps) t.join();
  EXPECT_EQ(sent.load(), 1);
  EXPECT_EQ(mails(), 1u);
}

}  // namespace
}  // namespace goldthread::pledges
