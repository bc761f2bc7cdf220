// Services and store of accounts on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "app/bootstrap.hpp"
#include "core/mail.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;

class AccountsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    use_fast_password_hashing_for_test();
    auto cfg = goldthread::testing::fresh_config();
    auto db = app::open_database(cfg);
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    ASSERT_TRUE(app::migrate_database(*db_, app::build_registry(), false));
  }
  void TearDown() override {
    set_clock_offset_for_test(std::chrono::seconds(0));
    set_limits_for_test(Limits{});
  }
  std::vector<core::mail::Stored> outbox(const std::string& to) {
    auto c = db_->acquire();
    return core::mail::for_recipient(*c, to);
  }
  std::int64_t audit_count(const std::string& type) {
    auto c = db_->acquire();
    core::audit::Filter f;
    f.resource_type = type;
    return core::audit::list(*c, f).total;
  }
  std::unique_ptr<core::Database> db_;
};

TEST_F(AccountsStore, SignUpWithAnExistingEmailLooksTheSameButSendsAWarning) {
  ASSERT_TRUE(sign_up(*db_, {"Ann", "ann@example.com", kPassword}, test_origin()));
  auto again = sign_up(*db_, {"Someone", "ANN@example.com", "another-long-pass"}, test_origin());
  ASSERT_TRUE(again);
  auto mail = outbox("ann@example.com");
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(mail[0].subject, "Your account has been created");
  EXPECT_EQ(mail[1].subject, "Someone tried to create an account with your e-mail address");
  EXPECT_EQ(audit_count("user"), 1);
}

TEST_F(AccountsStore, SignUpReportsEachInvalidField) {
  auto st = sign_up(*db_, {"", "nope", "123"}, test_origin());
  ASSERT_FALSE(st);
  ASSERT_EQ(st.error().fields.size(), 3u);
  EXPECT_EQ(st.error().fields[0].field, "name");
  EXPECT_EQ(st.error().fields[1].field, "email");
  EXPECT_EQ(st.error().fields[2].field, "password");
}

TEST_F(AccountsStore, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  make_user(*db_, "ann@example.com");
  auto wrong = sign_in(*db_, "ann@example.com", "not-the-password", test_origin());
  auto unknown = sign_in(*db_, "bob@example.com", "not-the-password", test_origin());
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().fields[0].message, unknown.error().fields[0].message);
  auto ok = sign_in(*db_, " Ann@Example.com ", kPassword, test_origin());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->token.size(), 43u);
  auto c = db_->acquire();
  EXPECT_FALSE(store::try_find_session(*c, ok->token));  // only the hash is stored
  EXPECT_TRUE(store::try_find_session(*c, sha256_hex(ok->token)));
}

TEST_F(AccountsStore, SignInIsLimitedPerAccountAndAddressPerAccountAndPerAddress) {
  Limits l;
  l.sign_in_per_account_address = 3;
  l.sign_in_per_account = 4;
  l.sign_in_per_address = 5;
  set_limits_for_test(l);
  make_user(*db_, "ann@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sign_in(*db_, "ann@example.com", "wrong-password", test_origin()));
  auto limited = sign_in(*db_, "ann@example.com", kPassword, test_origin());
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().kind, core::ErrorKind::too_many);
  // From another address the owner still gets in: a stranger cannot lock them out.
  EXPECT_TRUE(sign_in(*db_, "ann@example.com", kPassword, test_origin("192.0.2.9")));
  // One more failure from elsewhere reaches the ceiling for the account (3 + 1 = 4).
  EXPECT_EQ(sign_in(*db_, "ann@example.com", "wrong-password", test_origin("192.0.2.10")).error().kind,
            core::ErrorKind::invalid);
  EXPECT_EQ(sign_in(*db_, "ann@example.com", kPassword, test_origin("192.0.2.11")).error().kind,
            core::ErrorKind::too_many);
  // Unknown accounts are limited the same way (no enumeration through the limit); the
  // address has 3 failures, so two more are allowed and the next is refused.
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(sign_in(*db_, "nobody@example.com", "wrong-password", test_origin()).error().kind,
              core::ErrorKind::invalid);
  auto by_address = sign_in(*db_, "carol@example.com", "wrong-password", test_origin());
  ASSERT_FALSE(by_address);
  EXPECT_EQ(by_address.error().kind, core::ErrorKind::too_many);
  set_clock_offset_for_test(std::chrono::minutes(16));
  EXPECT_TRUE(sign_in(*db_, "ann@example.com", kPassword, test_origin()));
}

TEST_F(AccountsStore, ConcurrentGuessesAreCountedBeforeThePasswordIsChecked) {
  Limits l;
  l.sign_in_per_account_address = 10;
  set_limits_for_test(l);
  make_user(*db_, "ann@example.com");
  std::atomic<int> checked{0}, limited{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto r = sign_in(*db_, "ann@example.com", "wrong-password", test_origin());
        if (!r && r.error().kind == core::ErrorKind::invalid)
          ++checked;
        else if (!r && r.error().kind == core::ErrorKind::too_many)
          ++limited;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(checked.load(), 10);
  EXPECT_EQ(limited.load(), 30);
}

TEST_F(AccountsStore, ASuccessfulSignInDoesNotCountAsAFailure) {
  Limits l;
  l.sign_in_per_account_address = 2;
  set_limits_for_test(l);
  make_user(*db_, "ann@example.com");
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(sign_in(*db_, "ann@example.com", kPassword, test_origin())) << i;
  EXPECT_FALSE(sign_in(*db_, "ann@example.com", "wrong-password", test_origin()));
  EXPECT_TRUE(sign_in(*db_, "ann@example.com", kPassword, test_origin()));  // clears this address's failures
  EXPECT_FALSE(sign_in(*db_, "ann@example.com", "wrong-password", test_origin()));
  EXPECT_FALSE(sign_in(*db_, "ann@example.com", "wrong-password", test_origin()));
  EXPECT_EQ(sign_in(*db_, "ann@example.com", kPassword, test_origin()).error().kind, core::ErrorKind::too_many);
}

TEST_F(AccountsStore, ResetLinkWorksOnceAndExpires) {
  auto id = make_user(*db_, "ann@example.com");
  ASSERT_TRUE(request_password_reset(*db_, "ann@example.com", test_origin()));
  ASSERT_TRUE(request_password_reset(*db_, "nobody@example.com", test_origin()));  // same answer
  auto mail = outbox("ann@example.com");
  ASSERT_EQ(mail.size(), 1u);
  auto at = mail[0].text.find("/reset-password/");
  auto token = mail[0].text.substr(at + 16, 43);
  EXPECT_TRUE(reset_token_valid(*db_, token));
  auto weak = reset_password(*db_, token, "password123", test_origin());
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().fields.at(0).field, "new_password");
  ASSERT_TRUE(reset_password(*db_, token, "a-brand-new-secret", test_origin()));
  EXPECT_FALSE(reset_token_valid(*db_, token));
  EXPECT_EQ(reset_password(*db_, token, "another-new-secret", test_origin()).error().kind, core::ErrorKind::not_found);
  EXPECT_TRUE(sign_in(*db_, "ann@example.com", "a-brand-new-secret", test_origin()));
  ASSERT_TRUE(request_password_reset(*db_, "ann@example.com", test_origin()));
  auto later = outbox("ann@example.com");
  auto t2 = later.back().text.substr(later.back().text.find("/reset-password/") + 16, 43);
  set_clock_offset_for_test(std::chrono::minutes(61));
  EXPECT_FALSE(reset_token_valid(*db_, t2));
  (void)id;
}

TEST_F(AccountsStore, ResetRequestsAreRateLimited) {
  make_user(*db_, "ann@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(request_password_reset(*db_, "ann@example.com", test_origin()));
  auto st = request_password_reset(*db_, "ann@example.com", test_origin());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind, core::ErrorKind::too_many);
  EXPECT_EQ(outbox("ann@example.com").size(), 3u);
}

TEST_F(AccountsStore, ChangePasswordChecksTheCurrentOneAndEndsOtherSessions) {
  auto id = make_user(*db_, "ann@example.com");
  ASSERT_TRUE(sign_in(*db_, "ann@example.com", kPassword, test_origin()));
  auto p = principal_of(*db_, id);
  auto bad = change_password(*db_, p, "wrong", "a-brand-new-secret", test_origin());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "current_password");
  auto ok = change_password(*db_, p, kPassword, "a-brand-new-secret", test_origin());
  ASSERT_TRUE(ok);
  auto c = db_->acquire();
  EXPECT_EQ(store::count_sessions_of(*c, id), 1);
}

TEST_F(AccountsStore, MembershipIsAskedApprovedAndAudited) {
  auto ann = make_user(*db_, "ann@example.com");
  auto boss = make_user(*db_, "boss@example.com");
  auto org = make_organisation(*db_, "Essex Community Trust");
  make_member(*db_, boss, org, true);
  ASSERT_TRUE(ask_to_join(*db_, principal_of(*db_, ann), org, test_origin()));
  EXPECT_EQ(ask_to_join(*db_, principal_of(*db_, ann), org, test_origin()).error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(ask_to_join(*db_, principal_of(*db_, ann), 9999, test_origin()).error().fields.at(0).field,
            "organisation_id");
  EXPECT_EQ(outbox("boss@example.com").back().subject, "ann asked to join Essex Community Trust");
  std::int64_t mid = 0;
  {
    auto c = db_->acquire();
    mid = store::try_find_membership_of(*c, ann, org)->id;
  }
  // Another member who is not an admin may not decide.
  EXPECT_EQ(decide_membership(*db_, principal_of(*db_, ann), org, mid, true, test_origin()).error().kind,
            core::ErrorKind::forbidden);
  auto boss_p = principal_of(*db_, boss);
  EXPECT_TRUE(is_organisation_admin(boss_p, org));
  ASSERT_TRUE(decide_membership(*db_, boss_p, org, mid, true, test_origin()));
  auto ann_p = principal_of(*db_, ann);
  EXPECT_TRUE(is_member(ann_p, org));
  EXPECT_FALSE(is_organisation_admin(ann_p, org));
  EXPECT_TRUE(ann_p.has(core::Role::partner_member));
  // Only place or site admins choose organisation admins.
  EXPECT_EQ(set_organisation_admin(*db_, boss_p, org, mid, true, test_origin()).error().kind,
            core::ErrorKind::forbidden);
  auto c = db_->acquire();
  core::audit::Filter f;
  f.resource_type = "membership";
  f.resource_id = std::to_string(mid);
  auto events = core::audit::list(*c, f).events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "approve");
  EXPECT_EQ(events[0].organisation_id, org);  // the admin acted for the organisation
  EXPECT_EQ(events[1].action, "create");
}

TEST_F(AccountsStore, RolesChangeIsAuditedAndRotatesSessions) {
  auto admin = make_user(*db_, "place@example.com", {core::Role::place_admin});
  auto ann = make_user(*db_, "ann@example.com");
  auto place = principal_of(*db_, admin);
  EXPECT_EQ(set_user_roles(*db_, place, ann, {core::Role::site_admin}, test_origin()).error().kind,
            core::ErrorKind::forbidden);
  ASSERT_TRUE(set_user_roles(*db_, place, ann, {core::Role::moderator}, test_origin()));
  auto c = db_->acquire();
  EXPECT_EQ(store::roles_of(*c, ann), std::vector<core::Role>{core::Role::moderator});
  EXPECT_EQ(store::try_find_user(*c, ann)->privilege_version, 1);
  core::audit::Filter f;
  f.resource_type = "user";
  f.resource_id = std::to_string(ann);
  auto events = core::audit::list(*c, f).events;
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].after_json, R"({"roles":["moderator"]})");
  EXPECT_EQ(events[0].actor_user_id, admin);
}

TEST_F(AccountsStore, DeletedAccountKeepsTheRowAsDeletedUser) {
  auto ann = make_user(*db_, "ann@example.com");
  auto org = make_organisation(*db_, "Trust");
  make_member(*db_, ann, org);
  auto p = principal_of(*db_, ann);
  EXPECT_EQ(delete_account(*db_, p, "wrong", false, test_origin(), {}).error().fields.at(0).field, "password");
  ASSERT_TRUE(delete_account(*db_, p, kPassword, false, test_origin(), {}));
  auto c = db_->acquire();
  EXPECT_EQ(display_name(*c, ann), "deleted user");
  EXPECT_FALSE(store::try_find_user_by_email(*c, "ann@example.com"));
  EXPECT_TRUE(store::memberships_of_user(*c, ann).empty());
  EXPECT_FALSE(sign_in(*db_, "ann@example.com", kPassword, test_origin()));
  // The address can be used again.
  EXPECT_TRUE(create_user(*db_, core::audit::Actor{}, {"Ann", "ann@example.com", kPassword, {}}));
}

TEST_F(AccountsStore, ExportHoldsTheAccountMembershipsAndChanges) {
  auto ann = make_user(*db_, "ann@example.com");
  auto org = make_organisation(*db_, "Trust");
  make_member(*db_, ann, org);
  auto j = export_data(*db_, principal_of(*db_, ann));
  EXPECT_EQ(j["account"]["email"], "ann@example.com");
  EXPECT_EQ(j["memberships"].size(), 1u);
  EXPECT_EQ(j["memberships"][0]["organisation"], "Trust");
  EXPECT_GE(j["changes_you_made"].size(), 1u);
  EXPECT_EQ(j.dump().find("argon2"), std::string::npos);
}

TEST_F(AccountsStore, CreateUserRefusesADuplicateEmail) {
  make_user(*db_, "ann@example.com", {core::Role::site_admin});
  auto again = create_user(*db_, core::audit::Actor{}, {"Ann", "ANN@example.com", kPassword, {}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
}

}  // namespace
}  // namespace goldthread::accounts
