// Write guards (issue 14.5): budgets per address and per person, the honeypot field, and
// duplicate posts — on a real App (its per-App state), without any capability.
#include "core/abuse.hpp"

#include <gtest/gtest.h>

#include "core/app.hpp"
#include "core/context.hpp"

namespace goldthread::core::abuse {
namespace {

std::unique_ptr<App> make() {
  auto db = Database::open("sqlite::memory:", 1);
  EXPECT_TRUE(db.ok());
  Config cfg;
  cfg.assets_dir = "/nonexistent";
  return std::make_unique<App>(cfg, std::move(db.value()), Registry{});
}

Request post_from(std::string addr, std::string body = "") {
  Request r;
  r.method = "POST";
  r.path = r.target = "/w";
  r.remote_addr = std::move(addr);
  r.headers.add("Content-Type", "application/x-www-form-urlencoded");
  r.body = std::move(body);
  return r;
}

TEST(Abuse, AddressBudgetRefusesThePostPastItAndNamesTheWait) {
  auto app = make();
  const Limit limit{"comment", 100, 3, std::chrono::minutes(10), "post comments"};
  for (int i = 0; i < 3; ++i) {
    auto req = post_from("203.0.113.9");
    Context ctx(*app, req);
    EXPECT_TRUE(allow_write(ctx, limit, std::nullopt).ok()) << i;
  }
  auto req = post_from("203.0.113.9");
  Context ctx(*app, req);
  auto refused = allow_write(ctx, limit, std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::too_many);
  EXPECT_NE(refused.error().message.find("post comments"), std::string::npos);
  EXPECT_NE(refused.error().message.find("10 minutes"), std::string::npos);
  // Another address, and another action from the same address, have budgets of their own.
  auto other = post_from("198.51.100.7");
  Context other_ctx(*app, other);
  EXPECT_TRUE(allow_write(other_ctx, limit, std::nullopt).ok());
  EXPECT_TRUE(allow_write(ctx, Limit{"support", 100, 3, std::chrono::minutes(10), "support"}, std::nullopt).ok());
}

TEST(Abuse, PersonBudgetHoldsAcrossAddresses) {
  auto app = make();
  const Limit limit{"proposal", 2, 100, std::chrono::hours(1), "post proposals"};
  for (int i = 0; i < 2; ++i) {
    auto req = post_from("10.0.0." + std::to_string(i));
    Context ctx(*app, req);
    EXPECT_TRUE(allow_write(ctx, limit, 7).ok());
  }
  auto req = post_from("10.0.0.9");
  Context ctx(*app, req);
  auto refused = allow_write(ctx, limit, 7);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("1 hour"), std::string::npos);
  EXPECT_TRUE(allow_write(ctx, limit, 8).ok());  // someone else at that address
}

TEST(Abuse, HoneypotFilledIsRefusedEmptyOrAbsentPasses) {
  auto app = make();
  auto filled = post_from("1.2.3.4", "title=Hi&website=http%3A%2F%2Fspam.example");
  Context a(*app, filled);
  auto r = check_honeypot(a);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, kHoneypotField);
  auto empty = post_from("1.2.3.4", "title=Hi&website=");
  Context b(*app, empty);
  EXPECT_TRUE(check_honeypot(b).ok());
  auto absent = post_from("1.2.3.4", "title=Hi");
  Context c(*app, absent);
  EXPECT_TRUE(check_honeypot(c).ok());
}

TEST(Abuse, DuplicateIsTheSameTextAfterARememberedPostIgnoringCaseAndSpacing) {
  auto app = make();
  auto req = post_from("1.2.3.4");
  Context ctx(*app, req);
  EXPECT_TRUE(check_duplicate(ctx, "comment", 5, "More buses to Tiptree", "body").ok());
  // Not remembered (the form went back with errors): sending it again is not a duplicate.
  EXPECT_TRUE(check_duplicate(ctx, "comment", 5, "More buses to Tiptree", "body").ok());
  remember_post(ctx, "comment", 5, "More buses to Tiptree");
  auto dup = check_duplicate(ctx, "comment", 5, "  more   BUSES to tiptree\n", "body");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().fields.at(0).field, "body");
  EXPECT_TRUE(check_duplicate(ctx, "comment", 6, "More buses to Tiptree", "body").ok());   // another person
  EXPECT_TRUE(check_duplicate(ctx, "proposal", 5, "More buses to Tiptree", "body").ok());  // another action
  EXPECT_TRUE(check_duplicate(ctx, "comment", 5, "More buses to Tiptree", "body", std::chrono::seconds(0)).ok());
}

}  // namespace
}  // namespace goldthread::core::abuse
