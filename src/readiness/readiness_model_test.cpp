// The anonymity rule, aggregation and framework versions, without a database.
#include "readiness/readiness_model.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace goldthread::readiness {
namespace {

// What an attacker knows: the total and every shown cell. A hidden cell can be worked out
// when it is the only hidden cell with answers, or when the hidden cells together hold fewer
// than the threshold (then each of them is known to be small).
bool recoverable(const std::vector<int>& counts, const std::vector<bool>& hidden, int threshold) {
  int total = std::accumulate(counts.begin(), counts.end(), 0);
  if (total < threshold) return false;  // the total itself is hidden then
  int shown = 0, hidden_cells = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!hidden[i]) {
      if (counts[i] > 0 && counts[i] < threshold) return true;  // a small cell on show
      shown += counts[i];
    } else if (counts[i] > 0) {
      ++hidden_cells;
    }
  }
  int remainder = total - shown;
  if (remainder == 0) return false;
  return hidden_cells == 1 || remainder < threshold;
}

TEST(ReadinessSuppression, SmallCellsAreHiddenAndTheirComplementToo) {
  // 12 answers: 7 + 3 + 2. 3 and 2 are small; together 5 reach the threshold: nothing more.
  EXPECT_EQ(suppress({7, 3, 2}, 5), (std::vector<bool>{false, true, true}));
  // 9 + 3: hiding 3 alone would leave 12 - 9 = 3 on show; the 9 is hidden too.
  EXPECT_EQ(suppress({9, 3}, 5), (std::vector<bool>{true, true}));
  // 10 + 6 + 1: the 1 alone is recoverable; the smallest other cell (6) goes too.
  EXPECT_EQ(suppress({10, 6, 1}, 5), (std::vector<bool>{false, true, true}));
  // 10 + 2 + 1: 2 + 1 = 3 < 5, so the 10 goes as well.
  EXPECT_EQ(suppress({10, 2, 1}, 5), (std::vector<bool>{true, true, true}));
  // Empty cells are shown as empty and never hide anything.
  EXPECT_EQ(suppress({6, 0, 5}, 5), (std::vector<bool>{false, false, false}));
  // The threshold is never below 3.
  EXPECT_EQ(suppress({2, 9, 9}, 1), (std::vector<bool>{true, true, false}));  // ties: the first
}

TEST(ReadinessSuppression, NoCellCanBeWorkedOutFromTheTotalAndItsSiblings) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 5000; ++trial) {
    int cells = 1 + static_cast<int>(rng() % 6);
    int threshold = 3 + static_cast<int>(rng() % 4);
    std::vector<int> counts;
    for (int i = 0; i < cells; ++i) counts.push_back(static_cast<int>(rng() % 12));
    auto hidden = suppress(counts, threshold);
    ASSERT_FALSE(recoverable(counts, hidden, threshold)) << "trial " << trial;
  }
}

TEST(ReadinessAggregation, MedianAndInterquartileRange) {
  auto s = spread_of({1, 2, 3, 4, 5});
  EXPECT_EQ(s.n, 5);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.q1, 2);
  EXPECT_DOUBLE_EQ(s.q3, 4);
  auto t = spread_of({4, 1, 2, 3});  // R: quantile(c(1,2,3,4), c(.25,.5,.75)) = 1.75 2.5 3.25
  EXPECT_DOUBLE_EQ(t.median, 2.5);
  EXPECT_DOUBLE_EQ(t.q1, 1.75);
  EXPECT_DOUBLE_EQ(t.q3, 3.25);
  EXPECT_EQ(spread_of({}).n, 0);
}

TEST(ReadinessAggregation, BlockLevelIsTheMeanOfKnownAnswers) {
  Block b{"governance", "Governance", "", 2, {}, {{"g-1", "a", 1}, {"g-2", "b", 1}, {"g-3", "c", 1}}};
  Submission r;
  r.answers = {{"g-1", 2, 4, "", ""}, {"g-2", 0, 5, "", ""}, {"g-3", 3, 0, "", ""}};
  auto l = block_levels(b, r);
  EXPECT_DOUBLE_EQ(*l.current, 2.5);  // don't know is left out
  EXPECT_DOUBLE_EQ(*l.desired, 4.5);
  EXPECT_DOUBLE_EQ(*block_levels(b, r, {"g-3"}).current, 3);
  EXPECT_FALSE(block_levels(b, r, {"g-2"}).current);
}

// Nine blocks of four statements, like the bundled framework.
Framework nine_blocks() {
  Framework f;
  for (int b = 1; b <= 9; ++b) {
    Block blk{"block-" + std::to_string(b), "Block " + std::to_string(b), "", b, {{1, "a"}, {3, "b"}, {5, "c"}}, {}};
    for (int s = 1; s <= 4; ++s)
      blk.statements.push_back({blk.slug + "-" + std::to_string(s), "Statement " + std::to_string(s), 1});
    f.blocks.push_back(blk);
  }
  return f;
}

TEST(ReadinessFramework, ReadsBackWhatItWrites) {
  auto f = nine_blocks();
  EXPECT_TRUE(validate_framework(f).empty());
  auto again = parse_framework(framework_json(f));
  ASSERT_TRUE(again);
  EXPECT_EQ(framework_json(*again), framework_json(f));
  f.blocks[0].statements.resize(2);
  EXPECT_FALSE(validate_framework(f).empty());
  EXPECT_FALSE(parse_framework("[1]"));
}

TEST(ReadinessFramework, RewordingMakesAVersionAndComparisonKeepsOnlyUnchangedOrMapped) {
  auto v1 = nine_blocks();
  auto v2 = reword(v1, "block-2-1", "A new wording that means something else", false);
  auto v3 = reword(v2, "block-2-2", "The same idea, better put", true);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v3.version, 3);
  auto c12 = comparable_statements(v1, v2);
  EXPECT_EQ(c12.size(), 35u);
  EXPECT_EQ(std::count(c12.begin(), c12.end(), "block-2-1"), 0);
  auto c13 = comparable_statements(v3, v1);                       // order does not matter
  EXPECT_EQ(std::count(c13.begin(), c13.end(), "block-2-2"), 1);  // mapped
  EXPECT_EQ(std::count(c13.begin(), c13.end(), "block-2-1"), 0);
  auto c23 = comparable_statements(v2, v3);
  EXPECT_EQ(std::count(c23.begin(), c23.end(), "block-2-1"), 1);  // unchanged since v2
  EXPECT_EQ(c23.size(), 36u);
}

TEST(ReadinessFramework, AddingRemovingAndChangingLevelsMakeVersionsThatCompareOnlyWhatStayed) {
  auto v1 = nine_blocks();
  // Added: a fresh code, answered by nobody before, so compared from its own version on.
  auto v2 = add_statement(v1, "block-3", "A statement added later");
  EXPECT_EQ(v2.version, 2);
  ASSERT_EQ(v2.blocks[2].statements.size(), 5u);
  const auto added = v2.blocks[2].statements.back().code;
  EXPECT_EQ(v1.statement(added), nullptr);
  EXPECT_TRUE(validate_framework(v2).empty());
  auto c12 = comparable_statements(v1, v2);
  EXPECT_EQ(c12.size(), 36u);
  EXPECT_EQ(std::count(c12.begin(), c12.end(), added), 0);
  EXPECT_FALSE(validate_framework(add_statement(v2, "block-3", "A sixth")).empty()) << "at most 5 a block";
  // Removed: gone from the version and from every comparison with it.
  auto v3 = remove_statement(v2, "block-1-1");
  EXPECT_EQ(v3.statement("block-1-1"), nullptr);
  auto c13 = comparable_statements(v3, v1);
  EXPECT_EQ(c13.size(), 35u);
  EXPECT_EQ(std::count(c13.begin(), c13.end(), "block-1-1"), 0);
  auto c23 = comparable_statements(v2, v3);
  EXPECT_EQ(std::count(c23.begin(), c23.end(), added), 1) << "unchanged between 2 and 3";
  auto two_left = remove_statement(remove_statement(v3, "block-1-2"), "block-1-3");
  EXPECT_FALSE(validate_framework(two_left).empty()) << "at least 3 a block";
  // A new description changes no score; new level descriptors do, unless the admin maps them.
  auto v4 = edit_block(v3, "block-5", "A clearer description", v3.blocks[4].levels, false);
  EXPECT_EQ(v4.blocks[4].description, "A clearer description");
  EXPECT_EQ(comparable_statements(v3, v4).size(), 36u);
  auto levels = v4.blocks[4].levels;
  levels[3] = "A different middle";
  auto v5 = edit_block(v4, "block-5", "A clearer description", levels, false);
  EXPECT_EQ(v5.blocks[4].levels.at(3), "A different middle");
  auto c45 = comparable_statements(v4, v5);
  EXPECT_EQ(c45.size(), 32u) << "block 5's four statements now mean something else";
  auto v5same = edit_block(v4, "block-5", "A clearer description", levels, true);
  EXPECT_EQ(comparable_statements(v4, v5same).size(), 36u);
}

}  // namespace
}  // namespace goldthread::readiness
