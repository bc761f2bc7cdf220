#include <gtest/gtest.h>

#include <cmath>

#include "opinion/repness.hpp"

namespace goldthread::opinion {
namespace {

CommentTallies tallies(std::vector<std::int32_t> a, std::vector<std::int32_t> d, std::vector<std::int32_t> s) {
  CommentTallies t;
  t.a = std::move(a); t.d = std::move(d); t.s = std::move(s);
  return t;
}

TEST(Stats, PropTestsMatchStatsClj) {
  EXPECT_NEAR(prop_test(8, 10), 2 * std::sqrt(11.0) * (9.0 / 11 - 0.5), 1e-15);
  EXPECT_NEAR(two_prop_test(8, 2, 10, 10), (9.0 / 11 - 3.0 / 11) / std::sqrt(12.0 / 22 * 10.0 / 22 * (2.0 / 11)), 1e-12);
  EXPECT_EQ(two_prop_test(4, 4, 4, 4), 0.0);  // ph == 1 guard
  EXPECT_TRUE(std::isfinite(two_prop_test(0, 0, 0, 0)));
}

TEST(Repness, AgreeRecordsFirstBestAgreeFirstAtMostFive) {
  // Group 0 agrees with 0..6, disagrees with 7; group 1 the opposite.
  std::vector<std::int32_t> n(8, 20), zero(8, 0);
  CommentTallies g0 = tallies({18, 18, 18, 18, 18, 18, 17, 0}, {0, 0, 0, 0, 0, 0, 1, 19}, n);
  CommentTallies g1 = tallies({0, 0, 0, 0, 0, 0, 0, 19}, {19, 19, 19, 19, 19, 19, 19, 0}, n);
  std::vector<char> mod_out(8, 0);
  std::vector<std::int64_t> tids = {10, 11, 12, 13, 14, 15, 16, 17};
  auto rep = select_repness({g0, g1}, 0, mod_out, tids);
  ASSERT_EQ(rep.size(), 5u);
  EXPECT_TRUE(rep[0].best_agree);
  EXPECT_EQ(rep[0].tid, 10);  // first of the equally good agree comments
  EXPECT_EQ(rep[0].n_agree, 18);
  for (std::size_t i = 0; i + 1 < rep.size(); ++i) EXPECT_TRUE(rep[i].agree || !rep[i + 1].agree);
  mod_out[0] = 1;
  auto rep2 = select_repness({g0, g1}, 0, mod_out, tids);
  for (const auto& r : rep2) EXPECT_NE(r.tid, 10);
}

TEST(Repness, FallsBackToBestWhenNothingIsSignificant) {
  CommentTallies g0 = tallies({1, 0}, {0, 1}, {2, 2}), g1 = tallies({1, 1}, {1, 1}, {2, 2});
  auto rep = select_repness({g0, g1}, 0, {0, 0}, {1, 2});
  EXPECT_LE(rep.size(), 1u);
  CommentTallies none = tallies({0}, {0}, {0});
  auto empty = select_repness({none}, 0, {0}, {1});
  ASSERT_EQ(empty.size(), 1u);  // "best" always exists when a comment was scanned
  EXPECT_TRUE(std::isfinite(empty[0].repness_test));
}

TEST(Consensus, KeepsStrongMajoritiesSortedAndCapsAtFive) {
  std::vector<std::int32_t> a = {90, 10, 95, 50, 99, 97, 96, 98}, d(8, 0), s(8, 100);
  d[1] = 85;
  auto c = select_consensus(tallies(a, d, s), std::vector<char>(8, 0), {0, 1, 2, 3, 4, 5, 6, 7});
  ASSERT_EQ(c.agree.size(), 5u);
  EXPECT_EQ(c.agree[0].tid, 4);
  EXPECT_EQ(c.agree[1].tid, 7);
  ASSERT_EQ(c.disagree.size(), 1u);
  EXPECT_EQ(c.disagree[0].tid, 1);
}

TEST(GroupAwareConsensus, IsProductOfSmoothedAgreeRates) {
  auto g = group_aware_consensus({tallies({3}, {0}, {4}), tallies({0}, {1}, {1})}, 1);
  EXPECT_NEAR(g[0], (4.0 / 6) * (1.0 / 3), 1e-15);
  EXPECT_EQ(group_aware_consensus({}, 2), (std::vector<double>{1.0, 1.0}));
}

TEST(CommentPriorities, FollowFormulaAndMetaIs49) {
  std::vector<double> ext = {0.5, 2.0};
  auto p = comment_priorities({tallies({3, 0}, {1, 0}, {5, 0})}, ext, {0, 1});
  double imp = (1 - 2.0 / 7) * 1.5 * (4.0 / 7);
  EXPECT_NEAR(p[0], std::pow(imp * (1 + 8 * std::pow(2.0, -1.0)), 2), 1e-12);
  EXPECT_EQ(p[1], 49.0);
  auto cold = comment_priorities({}, ext, {0, 0});
  EXPECT_NEAR(cold[1], std::pow(0.5 * 3 * 0.5 * 9, 2), 1e-12);
}

}  // namespace
}  // namespace goldthread::opinion
