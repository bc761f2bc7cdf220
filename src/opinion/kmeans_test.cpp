#include <gtest/gtest.h>

#include <cmath>

#include "opinion/kmeans.hpp"

namespace goldthread::opinion {
namespace {

struct Pts {
  std::vector<std::int32_t> keys;
  std::vector<double> xy, w;
  KmeansPoints view() const { return {keys, xy, w}; }
  void add(double x, double y, double weight = -1) {
    keys.push_back(keys.empty() ? 0 : keys.back() + 1);
    xy.push_back(x);
    xy.push_back(y);
    if (weight >= 0) w.push_back(weight);
  }
};

TEST(Kmeans, ColdInitUsesFirstDistinctPointsAndSeparatesBlobs) {
  Pts p;
  for (int i = 0; i < 10; ++i) p.add(0 + 0.01 * i, 0);
  for (int i = 0; i < 10; ++i) p.add(5 + 0.01 * i, 5);
  auto c = kmeans(p.view(), {2, 20, 1});
  ASSERT_EQ(c.size(), 2u);
  // Both initial centres come from the first blob; Lloyd moves one to the second blob.
  EXPECT_EQ(c[0].members.size() + c[1].members.size(), 20u);
  EXPECT_TRUE((c[0].members.size() == 10 && c[1].members.size() == 10));
}

TEST(Kmeans, FewerDistinctPointsThanKGivesOneClusterPerPosition) {
  Pts p;
  for (int i = 0; i < 6; ++i) p.add(i % 3, 0);
  auto c = kmeans(p.view(), {100, 100, 1});
  ASSERT_EQ(c.size(), 3u);
  for (const auto& cl : c) EXPECT_EQ(cl.members.size(), 2u);
}

TEST(Kmeans, TiesGoToTheLargerId) {
  Pts p;
  p.add(0, 0);
  p.add(2, 0);
  p.add(1, 0);  // equidistant from both initial centres
  auto c = kmeans(p.view(), {2, 0, 1});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].members, (std::vector<std::int32_t>{1, 2}));
}

TEST(Kmeans, WeightedCentresAreWeightedMeans) {
  Pts p;
  p.add(0, 0, 3);
  p.add(1, 0, 1);
  p.add(10, 0, 1);
  auto c = kmeans(p.view(), {2, 20, 1});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_NEAR(c[0].x, 0.25, 1e-15);
}

TEST(Kmeans, WarmStartKeepsIdsAndSplitsMostDistalPoint) {
  Pts p;
  for (int i = 0; i < 5; ++i) p.add(0, 0.1 * i);
  for (int i = 0; i < 5; ++i) p.add(10, 0.1 * i);
  std::vector<Cluster> prev = {{7, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0}};
  auto c = kmeans(p.view(), {2, 20, 1}, prev);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].id, 7);
  EXPECT_EQ(c[1].id, 8);  // max id + 1
  EXPECT_EQ(c[0].members.size(), 5u);
}

TEST(Kmeans, WarmStartDropsVanishedMembersAndFallsBackToOneCluster) {
  Pts p;
  p.add(0, 0);
  p.add(1, 1);
  std::vector<Cluster> gone = {{3, {42}, 5, 5}};
  auto c = kmeans(p.view(), {2, 20, 1}, gone);
  EXPECT_EQ(c.size(), 2u);
}

TEST(Silhouette, MatchesHandComputation) {
  // Points 0,1 in group 0 at distance 1; point 2 in group 1 at distance 4 and 3.
  std::vector<double> d = {0, 1, 4, 1, 0, 3, 4, 3, 0};
  std::vector<int> label = {0, 0, 1};
  double s0 = (4.0 - 1.0) / 4.0, s1 = (3.0 - 1.0) / 3.0, s2 = 0.0;
  EXPECT_NEAR(silhouette(d, label, 3), (s0 + s1 + s2) / 3, 1e-15);
  std::vector<int> one = {0, 0, 0};
  EXPECT_EQ(silhouette(d, one, 3), 0.0);
}

TEST(Kmeans, BestOfStartsLeavesTheLocalOptimumTheSpecStartFallsInto) {
  // A tight blob A of 40 points around the origin, and two blobs B (10, 3) and C (10, -3).
  // The first three distinct points are two of A and one of B, so the spec's cold start
  // splits A and merges B with C (a local optimum); more starts find A, B and C.
  Pts p;
  p.add(-2, 0);
  p.add(2, 0);
  p.add(10, 3);
  for (int i = 0; i < 38; ++i) p.add(-2 + 4.0 * i / 37, 0.1 * (i % 3));
  for (int i = 0; i < 5; ++i) p.add(10 + 0.05 * i, 3);
  for (int i = 0; i < 5; ++i) p.add(10 + 0.05 * i, -3);
  auto spec = kmeans(p.view(), {3, 20, 1});
  auto best = kmeans_best_of(p.view(), {3, 20, 1}, {}, 5, 3);
  EXPECT_EQ(kmeans_best_of(p.view(), {3, 20, 1}, {}, 1, 3).size(), spec.size());
  EXPECT_DOUBLE_EQ(inertia(p.view(), kmeans_best_of(p.view(), {3, 20, 1}, {}, 1, 3)), inertia(p.view(), spec));
  EXPECT_LT(inertia(p.view(), best), inertia(p.view(), spec));
  auto biggest = [](const std::vector<Cluster>& cs) {
    std::size_t m = 0;
    for (const auto& c : cs) m = std::max(m, c.members.size());
    return m;
  };
  EXPECT_LT(biggest(spec), 40u);  // A split in two
  EXPECT_EQ(biggest(best), 40u);  // all of A
  // Deterministic: the same seed gives the same clustering.
  auto again = kmeans_best_of(p.view(), {3, 20, 1}, {}, 5, 3);
  ASSERT_EQ(again.size(), best.size());
  for (std::size_t c = 0; c < best.size(); ++c) EXPECT_EQ(again[c].members, best[c].members);
}

}  // namespace
}  // namespace goldthread::opinion
