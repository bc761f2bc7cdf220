// Registration under concurrency and the waiting list's offers, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "assemblies/assemblies_test_support.hpp"
#include "core/audit.hpp"
#include "core/mail.hpp"

namespace goldthread::assemblies {
namespace {
using namespace assemblies::testing;

constexpr int kRegistrants = 500;
constexpr int kPlaces = 150;

struct Outcome {
  std::string status;
  std::int64_t position = 0;
};

// kRegistrants people register at once from a pool of threads; each outcome is kept.
std::vector<Outcome> register_all_at_once(core::Database& db, const Event& e, std::int64_t first_user, int threads) {
  std::vector<Outcome> out(kRegistrants);
  std::atomic<int> next{0}, failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < kRegistrants; i = next++) {
        auto r = register_for_event(db, person(first_user + i), {}, e.id, {});
        if (!r) {
          ++failures;
          continue;
        }
        out[i] = {r->status, r->position};
      }
    });
  for (auto& t : pool) t.join();
  EXPECT_EQ(failures.load(), 0);
  return out;
}

TEST(Registration, FiveHundredAtOnceForOneHundredAndFiftyPlacesNeverOverbook) {
  auto db = place_database(8);
  // Three rounds in make test (each a new event); bench/assemblies/overbooking.sh sets
  // GOLDTHREAD_OVERBOOKING_ROUNDS=20.
  const char* env = std::getenv("GOLDTHREAD_OVERBOOKING_ROUNDS");
  const int rounds = env ? std::max(1, std::atoi(env)) : 3;
  for (int round = 0; round < rounds; ++round) {
    auto e = make_event(*db, "Crowded assembly " + std::to_string(round), kPlaces);
    auto outcomes = register_all_at_once(*db, e, 100000 * (round + 1), 8);
    int confirmed = 0, waiting = 0;
    std::set<std::int64_t> positions;
    for (const auto& o : outcomes) {
      confirmed += o.status == "confirmed";
      waiting += o.status == "waiting";
      positions.insert(o.position);
    }
    EXPECT_EQ(confirmed, kPlaces) << "round " << round;
    EXPECT_EQ(waiting, kRegistrants - kPlaces) << "round " << round;
    ASSERT_EQ(positions.size(), std::size_t(kRegistrants)) << "every arrival has its own number";
    EXPECT_EQ(*positions.begin(), 1);
    EXPECT_EQ(*positions.rbegin(), kRegistrants);
    // Arrival order: the first 150 to take the lock have the places, the rest wait in order.
    for (const auto& o : outcomes)
      EXPECT_EQ(o.status, o.position <= kPlaces ? "confirmed" : "waiting") << "position " << o.position;
    auto conn = db->acquire();
    auto c = counts(*conn, e.id, core::now_utc());
    EXPECT_EQ(c.confirmed, kPlaces);
    EXPECT_EQ(c.waiting, kRegistrants - kPlaces);
    std::int64_t last = 0;
    for (const auto& r : attendees(*conn, e.id)) {
      EXPECT_GT(r.position, last) << "the list is in arrival order";
      last = r.position;
    }
  }
}

class Offers : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = place_database(4);
    accounts::use_fast_password_hashing_for_test();
    for (const auto* name : {"ada", "ben", "cat", "dev", "eve", "fay"})
      people_[name] = accounts::testing::principal_of(
          *db_, accounts::testing::make_user(*db_, std::string(name) + "@example.com", {}, name));
    event_ = make_event(*db_, "Small workshop", 2);
  }
  Registration reg(const std::string& who) {
    auto conn = db_->acquire();
    return *try_find_registration(*conn, event_.id, people_[who].user_id);
  }
  std::vector<core::mail::Stored> mail_to(const std::string& who) {
    auto conn = db_->acquire();
    return core::mail::for_recipient(*conn, who + "@example.com");
  }
  Counts now_counts(Clock::time_point at = Clock::now()) {
    auto conn = db_->acquire();
    return counts(*conn, event_.id, format_utc(at));
  }
  std::unique_ptr<core::Database> db_;
  std::map<std::string, core::Principal> people_;
  Event event_;
};

TEST_F(Offers, AFreedPlaceIsOfferedInOrderAndAcceptingConfirmsIt) {
  for (const auto* who : {"ada", "ben", "cat", "dev"})
    ASSERT_TRUE(register_for_event(*db_, people_[who], {}, event_.id, {}).ok());
  EXPECT_EQ(reg("cat").status, "waiting");
  EXPECT_EQ(reg("dev").status, "waiting");
  auto t0 = Clock::now();
  ASSERT_TRUE(cancel_registration(*db_, people_["ada"], {}, event_.id, t0).ok());
  EXPECT_EQ(reg("ada").status, "cancelled");
  auto cat = reg("cat");
  EXPECT_EQ(cat.status, "offered") << "the first person waiting";
  EXPECT_EQ(cat.offer_expires_at, format_utc(t0 + kOfferHold));
  EXPECT_EQ(reg("dev").status, "waiting");
  auto mails = mail_to("cat");
  ASSERT_FALSE(mails.empty());
  EXPECT_NE(mails.back().subject.find("A place is free at Small workshop"), std::string::npos);
  EXPECT_NE(mails.back().text.find("/events/" + event_.slug), std::string::npos);
  // The offer holds the place: a newcomer waits behind dev.
  ASSERT_EQ(register_for_event(*db_, people_["eve"], {}, event_.id, {})->status, "waiting");
  ASSERT_TRUE(accept_offer(*db_, people_["cat"], {}, event_.id).ok());
  EXPECT_EQ(reg("cat").status, "confirmed");
  auto c = now_counts();
  EXPECT_EQ(c.confirmed, 2);
  EXPECT_EQ(c.waiting, 2);
}

// pretix #1163: cancelling a place that came from an offer must free exactly that place.
TEST_F(Offers, CancellingAfterAcceptingAnOfferFreesThePlaceForTheNextPerson) {
  for (const auto* who : {"ada", "ben", "cat", "dev"})
    ASSERT_TRUE(register_for_event(*db_, people_[who], {}, event_.id, {}).ok());
  ASSERT_TRUE(cancel_registration(*db_, people_["ada"], {}, event_.id).ok());
  ASSERT_TRUE(accept_offer(*db_, people_["cat"], {}, event_.id).ok());
  ASSERT_TRUE(cancel_registration(*db_, people_["cat"], {}, event_.id).ok());
  EXPECT_EQ(reg("cat").status, "cancelled");
  EXPECT_EQ(reg("dev").status, "offered") << "the freed place goes on down the list";
  auto c = now_counts();
  EXPECT_EQ(c.confirmed, 1);
  EXPECT_EQ(c.offered, 1);
  EXPECT_EQ(c.waiting, 0);
  ASSERT_TRUE(accept_offer(*db_, people_["dev"], {}, event_.id).ok());
  EXPECT_EQ(now_counts().confirmed, 2) << "never more than the capacity";
  EXPECT_EQ(register_for_event(*db_, people_["eve"], {}, event_.id, {})->status, "waiting");
  // Cancelling twice is refused, and nothing moves.
  auto again = cancel_registration(*db_, people_["cat"], {}, event_.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(now_counts().confirmed, 2);
}

TEST_F(Offers, AnExpiredOfferPassesToTheNextAndCannotBeAccepted) {
  for (const auto* who : {"ada", "ben", "cat", "dev"})
    ASSERT_TRUE(register_for_event(*db_, people_[who], {}, event_.id, {}).ok());
  auto t0 = Clock::now();
  ASSERT_TRUE(cancel_registration(*db_, people_["ada"], {}, event_.id, t0).ok());
  auto later = t0 + kOfferHold + std::chrono::minutes(1);
  EXPECT_EQ(now_counts(later).offered, 0) << "an offer past its time holds nothing, even before the sweep";
  auto swept = sweep_offers(*db_, {}, later);
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
  EXPECT_EQ(reg("cat").status, "expired");
  EXPECT_EQ(reg("dev").status, "offered");
  EXPECT_EQ(reg("dev").offer_expires_at, format_utc(later + kOfferHold));
  auto late = accept_offer(*db_, people_["cat"], {}, event_.id, later);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);
  EXPECT_NE(mail_to("cat").back().subject.find("has expired"), std::string::npos);
  EXPECT_EQ(*sweep_offers(*db_, {}, later), 0) << "nothing left to sweep";
}

TEST_F(Offers, DecliningPassesItOnAndLeavingTheListIsFinal) {
  for (const auto* who : {"ada", "ben", "cat", "dev"})
    ASSERT_TRUE(register_for_event(*db_, people_[who], {}, event_.id, {}).ok());
  ASSERT_TRUE(cancel_registration(*db_, people_["dev"], {}, event_.id).ok());
  EXPECT_EQ(reg("dev").status, "left");
  ASSERT_TRUE(cancel_registration(*db_, people_["ben"], {}, event_.id).ok());
  EXPECT_EQ(reg("cat").status, "offered");
  ASSERT_TRUE(cancel_registration(*db_, people_["cat"], {}, event_.id).ok());
  EXPECT_EQ(reg("cat").status, "declined");
  EXPECT_EQ(reg("dev").status, "left") << "someone who left is never offered a place";
  EXPECT_EQ(register_for_event(*db_, people_["eve"], {}, event_.id, {})->status, "confirmed") << "the place is free";
  // Registering again after leaving joins at the back of the queue.
  auto back = register_for_event(*db_, people_["dev"], {}, event_.id, {});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, "waiting");
  EXPECT_GT(back->position, reg("eve").position);
  // Every step is in the audit trail.
  auto conn = db_->acquire();
  core::audit::Filter f;
  f.resource_type = "registration";
  f.per_page = 100;
  std::set<std::string> actions;
  for (const auto& ev : core::audit::list(*conn, f).events) actions.insert(ev.action);
  for (const auto* a : {"register", "cancel", "leave", "offer", "decline"}) EXPECT_TRUE(actions.count(a)) << a;
}

TEST_F(Offers, RegisteringForAnOrganisationNeedsMembership) {
  auto r = register_for_event(*db_, people_["ada"], {}, event_.id, {12345, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, core::ErrorKind::invalid);
  EXPECT_EQ(r.error().fields.at(0).field, "acting_for");
}

TEST_F(Offers, TwoOrganisersCheckingInTheSamePersonAtOnceRecordItOnce) {
  ASSERT_TRUE(register_for_event(*db_, people_["ada"], {}, event_.id, {}).ok());
  auto id = reg("ada").id;
  std::vector<std::thread> organisers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i)
    organisers.emplace_back([&] {
      if (mark_attended(*db_, place_admin(), {}, event_.id, id).ok()) ++ok;
    });
  for (auto& t : organisers) t.join();
  EXPECT_EQ(ok.load(), 4) << "harmless for each of them";
  EXPECT_FALSE(reg("ada").attended_at.empty());
  auto conn = db_->acquire();
  core::audit::Filter f;
  f.resource_type = "registration";
  f.resource_id = std::to_string(id);
  int attends = 0;
  for (const auto& ev : core::audit::list(*conn, f).events) attends += ev.action == "attend";
  EXPECT_EQ(attends, 1);
  EXPECT_EQ(counts(*conn, event_.id, core::now_utc()).attended, 1);
  EXPECT_EQ(mark_attended(*db_, people_["ben"], {}, event_.id, id).error().kind, core::ErrorKind::forbidden);
}

TEST(Events, AChangeBumpsTheSequenceAndIsAuditedWithBeforeAndAfter) {
  auto db = place_database(2);
  auto e = make_event(*db, "Essex Assembly", 10);
  EXPECT_EQ(e.sequence, 0);
  EXPECT_EQ(e.slug, "essex-assembly");
  auto in = event_input("Essex Assembly", 12);
  in.ambitions = {"share-prosperity-with-everyone"};
  in.agenda = {"13:00 | Welcome | Gavin Jones | https://example.org/video", " | Solution rooms"};
  auto u = update_event(*db, place_admin(), {}, e.id, in);
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->sequence, 1);
  EXPECT_EQ(u->capacity, 12);
  ASSERT_EQ(u->agenda.size(), 2u);
  EXPECT_EQ(u->agenda[0].link, "https://example.org/video");
  EXPECT_EQ(u->agenda[1].time, "");
  EXPECT_EQ(u->ambition_ids.size(), 1u);
  auto conn = db->acquire();
  core::audit::Filter f;
  f.resource_type = "event";
  auto events = core::audit::list(*conn, f).events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "update");
  EXPECT_NE(events[0].before_json.find("\"capacity\":10"), std::string::npos);
  EXPECT_NE(events[0].after_json.find("\"capacity\":12"), std::string::npos);
  // Someone who organises none of its organisations may not change it.
  auto refused = update_event(*db, person(5), {}, e.id, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::forbidden);
}

TEST(Events, RaisingTheCapacityOffersTheNewPlacesInOrder) {
  auto db = place_database(2);
  auto e = make_event(*db, "Growing assembly", 1);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(register_for_event(*db, person(i), {}, e.id, {}).ok());
  ASSERT_TRUE(update_event(*db, place_admin(), {}, e.id, event_input("Growing assembly", 2)).ok());
  auto conn = db->acquire();
  EXPECT_EQ(try_find_registration(*conn, e.id, 2)->status, "offered");
  EXPECT_EQ(try_find_registration(*conn, e.id, 3)->status, "waiting");
}

TEST(EventsSeed, LoadsTheEssexEventsOnceAndAgainChangesNothing) {
  auto db = place_database(2);
  auto file = goldthread::testing::source_dir() + "/data/places/essex.json";
  auto first = seed_events(*db, file);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 4);
  auto again = seed_events(*db, file);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 4);
  auto conn = db->acquire();
  auto fourth = try_find_event_by_slug(*conn, "essex-assembly-2018-09-04");
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->starts_at, "2018-09-04T12:00:00Z");
  EXPECT_EQ(fourth->venue_name, "Chelmsford Racecourse");
  EXPECT_NE(fourth->summary.find("BJ Harrington"), std::string::npos);
  auto next = next_in_series(*conn, *fourth);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->slug, "essex-assembly-2019-03-05");
  EXPECT_EQ(previous_in_series(*conn, *next)->slug, fourth->slug);
  auto contract = try_find_event_by_slug(*conn, "a-new-social-contract-for-essex");
  ASSERT_TRUE(contract);
  EXPECT_EQ(contract->starts_at, "2017-10-16T11:30:00Z");  // 12.30pm BST
  EXPECT_EQ(contract->ends_at, "2017-10-16T13:00:00Z");
  EXPECT_EQ(contract->venue_name, "Room C326, County Hall");
  auto example = try_find_event_by_slug(*conn, "example-assembly");
  ASSERT_TRUE(example);
  EXPECT_TRUE(example->is_example);
  EXPECT_GT(example->starts_at, core::now_utc()) << "in the future, so registration can be tried";
}

}  // namespace
}  // namespace goldthread::assemblies
