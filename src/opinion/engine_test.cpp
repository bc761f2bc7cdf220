#include "opinion/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "opinion/replay.hpp"
#include "opinion/test_util.hpp"

namespace goldthread::opinion {
namespace {

TEST(VoteMatrix, LatestVoteWinsAndRowsFollowTidPidOrder) {
  VoteMatrix m;
  auto s = m.apply(
      std::vector<Vote>{
          {9, 2, kAgree, 5}, {4, 3, kAgree, 1}, {9, 2, kDisagree, 7}, {4, 2, kPass, 2}, {9, 1, kPass, 9}, {1, 1, 5, 0}},
      100, 100);
  EXPECT_EQ(s.dropped_invalid, 1);
  EXPECT_EQ(m.col_ids(), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(m.row_ids(), (std::vector<std::int64_t>{9, 4}));  // pid 9 first seen on tid 1
  ASSERT_EQ(m.row_count(0), 2);
  EXPECT_EQ(m.row_vals(0)[1], kDisagree);  // timestamp 7 beats 5
  m.apply(std::vector<Vote>{{9, 1, kAgree, 10}, {7, 0, kAgree, 10}}, 100, 100);
  EXPECT_EQ(m.row_vals(0)[0], kAgree);
  EXPECT_EQ(m.col_ids().back(), 0);  // new columns are appended
  EXPECT_EQ(m.row_ids().back(), 7);
}

// Merging batch after batch in place (new cells, overwritten cells, new rows and columns)
// leaves the same votes as one batch of everything.
TEST(VoteMatrix, BatchesMergedInPlaceEqualOneBatch) {
  auto votes = testing::random_votes(120, 30, 0.4, 21);
  for (std::size_t i = 0; i < votes.size(); ++i) votes[i].timestamp = static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < 200; ++i)  // later votes on cells already voted: they win
    votes.push_back({votes[i * 3].pid, votes[i * 3].tid, static_cast<std::int8_t>(-votes[i * 3].value),
                     static_cast<std::int64_t>(votes.size())});
  VoteMatrix batched, whole;
  whole.apply(votes, 1000, 1000);
  for (std::size_t at = 0; at < votes.size(); at += 97)
    batched.apply(std::span<const Vote>(votes).subspan(at, std::min<std::size_t>(97, votes.size() - at)), 1000, 1000);
  auto cells = [](const VoteMatrix& m) {
    std::map<std::pair<std::int64_t, std::int64_t>, int> out;
    for (std::int32_t r = 0; r < m.n_rows(); ++r) {
      auto cols = m.row_cols(r);
      EXPECT_TRUE(std::is_sorted(cols.begin(), cols.end()));
      for (std::size_t k = 0; k < cols.size(); ++k) out[{m.row_ids()[r], m.col_ids()[cols[k]]}] = m.row_vals(r)[k];
    }
    return out;
  };
  EXPECT_EQ(batched.nnz(), whole.nnz());
  EXPECT_EQ(cells(batched), cells(whole));
}

TEST(VoteMatrix, CustomsLimitsDropVotesBeyondThem) {
  VoteMatrix m;
  auto s = m.apply(std::vector<Vote>{{1, 1, kAgree, 0}, {2, 1, kAgree, 0}, {3, 1, kAgree, 0}, {1, 2, kAgree, 0}}, 2, 1);
  EXPECT_EQ(m.n_rows(), 2);
  EXPECT_EQ(m.n_cols(), 1);
  EXPECT_EQ(s.dropped_limits, 2);
}

TEST(Engine, InConvIsMonotoneAndGreedyFillsTo15) {
  Engine e;
  std::vector<Vote> votes;
  for (int p = 0; p < 20; ++p)
    for (int c = 0; c < (p < 5 ? 8 : 1 + p % 3); ++c) votes.push_back({p, c, kAgree, 0});
  e.add_votes(votes);
  const auto& a = e.update();
  EXPECT_EQ(a.in_conv.size(), 15u);  // 5 qualify, 10 greedy
  auto before = a.in_conv;
  for (int c = 0; c < 10; ++c)
    e.add_votes(std::vector<Vote>{{100 + c, 0, kAgree, 1},
                                  {100 + c, 1, kAgree, 1},
                                  {100 + c, 2, kAgree, 1},
                                  {100 + c, 3, kAgree, 1},
                                  {100 + c, 4, kAgree, 1},
                                  {100 + c, 5, kAgree, 1},
                                  {100 + c, 6, kAgree, 1}});
  const auto& b = e.update();
  for (auto r : before) EXPECT_TRUE(std::binary_search(b.in_conv.begin(), b.in_conv.end(), r));
  EXPECT_EQ(b.in_conv.size(), 25u);
}

TEST(Engine, IncrementalUpdateMatchesFullRecomputeClosely) {
  auto conv = testing::load_conversation(testing::fixture_dir("brexit-consensus"));
  std::vector<Vote> first(conv.votes.begin(), conv.votes.end() - 500);
  std::vector<Vote> rest(conv.votes.end() - 500, conv.votes.end());
  Params p;
  p.pca_tolerance = 1e-8;
  Engine inc(p);
  inc.set_moderation(moderation_of(conv.comments));
  inc.add_votes(first);
  inc.update();
  inc.add_votes(rest);
  const auto& a = inc.update();
  Engine full = testing::run_engine(conv);
  const auto& b = full.analysis();
  ASSERT_EQ(a.n, b.n);
  EXPECT_EQ(a.in_conv, b.in_conv);
  for (int i = 0; i < 2; ++i) {
    double same = 0, flip = 0;
    for (std::size_t j = 0; j < a.pca.comps[i].size(); ++j) {
      same += std::pow(a.pca.comps[i][j] - b.pca.comps[i][j], 2);
      flip += std::pow(a.pca.comps[i][j] + b.pca.comps[i][j], 2);
    }
    EXPECT_LT(std::sqrt(std::min(same, flip)), 1e-4) << "component " << i;
  }
  EXPECT_EQ(a.smoothed_k >= 2, true);
}

TEST(Engine, KSmootherNeedsFourConsecutiveUpdatesToChange) {
  // Start with two clear camps, then make a third camp appear; the published k stays until
  // the new k has been the silhouette choice 4 times in a row (§8.5).
  Engine e;
  std::vector<Vote> votes;
  for (int p = 0; p < 60; ++p)
    for (int c = 0; c < 12; ++c) votes.push_back({p, c, (p < 30) == (c < 6) ? kAgree : kDisagree, 0});
  e.add_votes(votes);
  int first_k = e.update().smoothed_k;
  EXPECT_EQ(first_k, e.analysis().this_k);
  // Replay the smoother rule on the observed silhouette choices.
  int last_k = first_k, count = 1, smoothed = first_k;
  for (int round = 0; round < 6; ++round) {
    std::vector<Vote> more;
    for (int p = 0; p < 40; ++p)
      for (int c = 0; c < 12; ++c) more.push_back({1000 + round * 100 + p, c, c % 2 ? kAgree : kPass, 1});
    e.add_votes(more);
    const auto& a = e.update();
    count = a.this_k == last_k ? count + 1 : 1;
    last_k = a.this_k;
    if (count >= 4) smoothed = a.this_k;
    EXPECT_EQ(a.smoothed_k, smoothed) << "round " << round;
  }
}

TEST(AdjustedRandIndex, IgnoresLabelNamesAndUnlabelledItems) {
  std::vector<int> a = {0, 0, 1, 1, -1}, b = {5, 5, 3, 3, 0};
  EXPECT_DOUBLE_EQ(adjusted_rand_index(a, b), 1.0);
  std::vector<int> c = {0, 1, 0, 1};
  std::vector<int> d = {0, 0, 1, 1};
  EXPECT_LT(adjusted_rand_index(c, d), 0.0);
}

TEST(Replay, OneUpdatePerWindowAndHistoryKeepsEarlyVotersInConv) {
  // Three early participants vote twice each in the first second; an hour later 20 more
  // vote on 8 statements each. Replayed, the three early voters qualify at the first update
  // (min(7, n_cmts) = 2 then) and stay in-conv (§3 monotone); one cold update over the
  // final votes admits only the 20 with >= 7 votes.
  std::vector<Vote> votes;
  for (int p = 0; p < 3; ++p)
    for (int c = 0; c < 2; ++c) votes.push_back({p, c, kAgree, 100 + p});
  for (int p = 10; p < 30; ++p)
    for (int c = 0; c < 8; ++c)
      votes.push_back({p, c, (p % 2) == (c % 2) ? kAgree : kDisagree, 3'600'000 + 1000 * (p - 10) + c});
  Engine replayed;
  int seen = 0;
  auto rep = replay_votes(replayed, votes, {1000}, [&](const Analysis&) { ++seen; });
  EXPECT_EQ(rep.votes, static_cast<std::int64_t>(votes.size()));
  EXPECT_EQ(rep.updates, 21);  // the first second, then one second per later participant
  EXPECT_EQ(seen, 21);
  Engine cold;
  cold.add_votes(votes);
  const auto& c = cold.update();
  const auto& r = replayed.analysis();
  EXPECT_EQ(c.in_conv.size(), 20u);
  EXPECT_EQ(r.in_conv.size(), 23u);
  for (int p = 0; p < 3; ++p) {
    auto row = replayed.matrix().try_row(p);
    ASSERT_TRUE(row);
    EXPECT_TRUE(std::binary_search(r.in_conv.begin(), r.in_conv.end(), *row)) << "pid " << p;
  }
  // A wider window batches more: the same stream in 1-hour windows is 2 updates.
  Engine coarse;
  EXPECT_EQ(replay_votes(coarse, votes, {3'600'000}).updates, 2);
  Engine empty;
  EXPECT_EQ(replay_votes(empty, {}).updates, 0);
}

TEST(ComparePartitions, SharesCountReferenceItemsWeLeaveOut) {
  std::vector<int> ours = {7, 7, 7, 3, 3, -1, -1, 3};
  std::vector<int> polis = {0, 0, 0, 1, 1, 1, 1, -1};
  auto agreement = compare_partitions(ours, polis);
  EXPECT_EQ(agreement.compared, 5);
  EXPECT_EQ(agreement.reference_labelled, 7);
  EXPECT_DOUBLE_EQ(agreement.ari, 1.0);
  EXPECT_DOUBLE_EQ(agreement.share_matched, 5.0 / 7.0);
}

}  // namespace
}  // namespace goldthread::opinion
