// The commitment rules without a database: the completion scale, staleness on the six-month
// rhythm (calendar months), due-soon reminders, the sides of the social contract, validation.
#include <gtest/gtest.h>

#include "pledges/pledge_rules.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {
namespace {

TEST(Staleness, NoUpdateForThreeMonthsIsNoRecentUpdateAndSixIsOverdue) {
  struct Case {
    const char* last;
    const char* today;
    Staleness expected;
  };
  const Case cases[] = {
      {"2026-01-15T09:30:00Z", "2026-01-15", Staleness::fresh},
      {"2026-01-15T09:30:00Z", "2026-04-14", Staleness::fresh},
      {"2026-01-15T09:30:00Z", "2026-04-15", Staleness::no_recent_update},
      {"2026-01-15T09:30:00Z", "2026-07-14", Staleness::no_recent_update},
      {"2026-01-15T09:30:00Z", "2026-07-15", Staleness::overdue_update},
      {"2018-09-04T00:00:00Z", "2026-12-01", Staleness::overdue_update},
      // Calendar months: 30 November + 3 months is the last day of February.
      {"2026-11-30", "2027-02-27", Staleness::fresh},
      {"2026-11-30", "2027-02-28", Staleness::no_recent_update},
      {"2027-08-31", "2028-02-29", Staleness::overdue_update},
  };
  for (const auto& c : cases)
    EXPECT_EQ(staleness_of(c.last, c.today, "limited"), c.expected) << c.last << " → " << c.today;
}

TEST(Staleness, ACompleteCommitmentIsNeverStale) {
  EXPECT_EQ(staleness_of("2018-09-04", "2026-12-01", "complete"), Staleness::fresh);
  EXPECT_EQ(staleness_of("2018-09-04", "2026-12-01", "not-started"), Staleness::overdue_update);
  EXPECT_STREQ(staleness_label(Staleness::overdue_update), "Overdue for an update");
  EXPECT_STREQ(staleness_label(Staleness::no_recent_update), "No recent update");
  EXPECT_STREQ(staleness_code(Staleness::fresh), "fresh");
}

TEST(DueDates, DueSoonIsTheFourteenDaysUpToTheDueDateUnlessComplete) {
  EXPECT_FALSE(due_soon("2026-12-15", "2026-11-30", "limited"));
  EXPECT_TRUE(due_soon("2026-12-15", "2026-12-01", "limited"));
  EXPECT_TRUE(due_soon("2026-12-15", "2026-12-15", "not-started"));
  EXPECT_FALSE(due_soon("2026-12-15", "2026-12-16", "limited"));
  EXPECT_FALSE(due_soon("2026-12-15", "2026-12-10", "complete"));
  EXPECT_FALSE(due_soon("", "2026-12-10", "limited"));
  EXPECT_TRUE(past_due("2026-12-15", "2026-12-16", "substantial"));
  EXPECT_FALSE(past_due("2026-12-15", "2026-12-16", "complete"));
  EXPECT_FALSE(past_due("", "2026-12-16", "limited"));
  EXPECT_EQ(add_days("2027-01-10", -14), "2026-12-27");
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(add_months("2026-10-15", 6), "2027-04-15");
}

TEST(Sides, EachSectorBelongsToOneSideOfTheSocialContract) {
  EXPECT_EQ(side_of_sector(""), "residents");
  for (const char* s : {"county-council", "district-council", "unitary-council", "parish-council", "nhs", "police",
                        "fire-rescue", "education", "university"})
    EXPECT_EQ(side_of_sector(s), "public-sector") << s;
  EXPECT_EQ(side_of_sector("business"), "business");
  EXPECT_EQ(side_of_sector("voluntary-community"), "voluntary-community");
  EXPECT_EQ(side_of_sector("other"), "other");
  EXPECT_EQ(side_label("voluntary-community"), "Voluntary and community");
}

TEST(ValidateProgress, CompleteNeedsEvidenceAndLinksMustBeWebLinks) {
  EXPECT_TRUE(validate_progress({"limited", "Met the fire service", "", ""}).empty());
  auto e = validate_progress({"complete", "Done", "", ""});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "evidence_text");
  EXPECT_TRUE(validate_progress({"complete", "Done", "The board minutes of 3 March", "https://example.org/m"}).empty());
  e = validate_progress({"finished", "", "", "javascript:alert(1)"});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].field, "status");
  EXPECT_EQ(e[1].field, "note");
  EXPECT_EQ(e[2].field, "evidence_url");
  EXPECT_EQ(completion_scale().size(), 4u);
  EXPECT_EQ(completion_label("substantial"), "Substantial");
}

TEST(ValidateCommitment, NamesEachMissingField) {
  CommitmentInput in;
  in.href_prefix = "/pledges/";
  in.due_on = "2026-02-30";
  auto e = validate_commitment(in);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].field, "text");
  EXPECT_EQ(e[1].field, "due_on");
  EXPECT_EQ(e[2].field, "owner_name");
}

}  // namespace
}  // namespace goldthread::pledges
