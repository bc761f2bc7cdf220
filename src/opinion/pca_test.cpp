#include "opinion/pca.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <map>

#include "opinion/engine.hpp"
#include "opinion/gram.hpp"
#include "opinion/test_util.hpp"

namespace goldthread::opinion {
namespace {

VoteMatrix matrix_of(const std::vector<Vote>& votes) {
  VoteMatrix m;
  m.apply(votes, 1'000'000, 1'000'000);
  return m;
}

double sign_free_error(const std::vector<double>& a, const Eigen::VectorXd& b) {
  Eigen::Map<const Eigen::VectorXd> x(a.data(), b.size());
  return std::min((x - b).norm(), (x + b).norm());
}

TEST(Pca, MatchesDenseEigenvectorsOnRandomVotes) {
  VoteMatrix m = matrix_of(testing::random_votes(120, 30, 0.4, 7));
  std::vector<char> mod_out(m.n_cols(), 0);
  mod_out[3] = 1;
  auto pca = compute_pca(m, mod_out, {});
  Eigen::MatrixXd rating = Eigen::MatrixXd::Constant(m.n_rows(), m.n_cols(), NAN);
  for (int r = 0; r < m.n_rows(); ++r)
    for (std::size_t k = 0; k < m.row_cols(r).size(); ++k) rating(r, m.row_cols(r)[k]) = m.row_vals(r)[k];
  rating.col(3).setZero();
  Eigen::MatrixXd x;
  Eigen::VectorXd center;
  testing::dense_centred(rating, x, center);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(x.transpose() * x);
  const auto n = center.size();
  // Power iteration converges like (λ_{i+1}/λ_i)^iterations: that is the spec's accuracy.
  const auto& ev = es.eigenvalues();
  for (int i = 0; i < 2; ++i) {
    double tol = std::max(1e-6, 10 * std::pow(ev(n - 2 - i) / ev(n - 1 - i), 100));
    EXPECT_LT(sign_free_error(pca.comps[i], es.eigenvectors().col(n - 1 - i)), tol);
  }
  EXPECT_EQ(pca.center[3], 0.0);
  EXPECT_EQ(pca.comps[0][3], 0.0);
}

TEST(Pca, WarmStartWithToleranceConvergesToTheSameComponents) {
  VoteMatrix m = matrix_of(testing::random_votes(200, 40, 0.5, 3));
  std::vector<char> mod_out(m.n_cols(), 0);
  PcaOptions many;
  many.iters = 5000;  // converged reference
  auto ref = compute_pca(m, mod_out, many);
  PcaOptions warm_opt;
  warm_opt.tolerance = 1e-9;
  auto warm = compute_pca(m, mod_out, warm_opt, ref.comps);
  EXPECT_LE(warm.products[0], 3);
  for (int i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < ref.comps[i].size(); ++j) EXPECT_NEAR(warm.comps[i][j], ref.comps[i][j], 1e-8);
}

TEST(Pca, ParallelProductsGiveTheSameResult) {
  VoteMatrix m = matrix_of(testing::random_votes(300, 25, 0.5, 11));
  std::vector<char> mod_out(m.n_cols(), 0);
  PcaOptions two;
  two.threads = 2;
  auto a = compute_pca(m, mod_out, {});
  auto b = compute_pca(m, mod_out, two);
  for (int i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < a.comps[i].size(); ++j) EXPECT_NEAR(a.comps[i][j], b.comps[i][j], 1e-9);
}

TEST(Pca, EdgeCasesFollowPcaClj) {
  std::vector<char> one(1, 0), two(2, 0);
  auto single_col = compute_pca(matrix_of({{1, 5, 1, 0}, {2, 5, -1, 0}}), one, {});
  EXPECT_EQ(single_col.comps.size(), 1u);
  EXPECT_EQ(single_col.center, std::vector<double>{0.0});
  auto m1 = matrix_of({{1, 5, 1, 0}, {1, 6, -1, 0}});
  auto single_row = compute_pca(m1, two, {});
  ASSERT_EQ(single_row.comps.size(), 2u);
  EXPECT_NEAR(single_row.comps[0][0], 1 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(single_row.comps[0][1], -1 / std::sqrt(2.0), 1e-15);
  EXPECT_EQ(single_row.comps[1], (std::vector<double>{0.0, 0.0}));
  auto proj = project_participants(m1, two, single_row);
  EXPECT_NEAR(proj[0], std::sqrt(2.0), 1e-12);  // scale 1 × |row|
  // Rank < 2: projections are all zero.
  auto p1 = project_participants(matrix_of({{1, 5, 1, 0}, {2, 5, -1, 0}}), one, single_col);
  EXPECT_EQ(p1, (std::vector<double>{0, 0, 0, 0}));
  EXPECT_TRUE(compute_pca(VoteMatrix{}, {}, {}).comps.empty());
}

TEST(Pca, IdenticalVotesGiveZeroComponentsNotNan) {
  std::vector<Vote> votes;
  for (int p = 0; p < 10; ++p)
    for (int c = 0; c < 4; ++c) votes.push_back({p, c, kAgree, 0});
  VoteMatrix m = matrix_of(votes);
  std::vector<char> mod_out(m.n_cols(), 0);
  auto pca = compute_pca(m, mod_out, {});
  for (const auto& pc : pca.comps)
    for (double v : pc) EXPECT_EQ(v, 0.0);
  for (double v : project_participants(m, mod_out, pca)) EXPECT_EQ(v, 0.0);
}

TEST(Pca, CommentProjectionUsesVirtualAgreeVote) {
  PcaResult pca;
  pca.center = {0.5, -0.25};
  pca.comps = {{0.6, 0.8}, {0.8, -0.6}};
  auto cp = project_comments(pca);
  const double s = std::sqrt(2.0);
  EXPECT_NEAR(cp.x[0], s * 0.5 * 0.6, 1e-15);
  EXPECT_NEAR(cp.y[1], s * 1.25 * -0.6, 1e-15);
  EXPECT_NEAR(cp.extremity[1], s * 1.25, 1e-12);
}

TEST(GramCache, RowUpdatesEqualABuildFromScratchAndTheDensePcaTheSparseOne) {
  auto votes = testing::random_votes(150, 25, 0.5, 11);
  std::vector<Vote> first(votes.begin(), votes.begin() + votes.size() / 2);
  std::vector<Vote> rest(votes.begin() + votes.size() / 2, votes.end());
  for (auto& v : rest) v.timestamp = 1;  // later: overwrites where a cell repeats
  VoteMatrix m = matrix_of(first);
  GramCache kept;
  kept.build(m);
  // Apply the rest the way the engine does: take out touched rows, apply, put them back.
  std::vector<std::int32_t> touched;
  for (const auto& v : rest)
    if (auto r = m.try_row(v.pid)) touched.push_back(*r);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (auto r : touched) kept.add_row(m.row_cols(r), m.row_vals(r), -1);
  const auto old_rows = m.n_rows();
  m.apply(rest, 1'000'000, 1'000'000);
  kept.ensure_cols(m.n_cols());
  for (auto r : touched) kept.add_row(m.row_cols(r), m.row_vals(r));
  for (auto r = old_rows; r < m.n_rows(); ++r) kept.add_row(m.row_cols(r), m.row_vals(r));
  GramCache fresh;
  fresh.build(m);
  std::vector<char> mod_out(m.n_cols(), 0);
  mod_out[2] = 1;
  std::vector<double> c1, g1, c2, g2;
  kept.centred(mod_out, c1, g1);
  fresh.centred(mod_out, c2, g2);
  EXPECT_EQ(c1, c2);  // integer sums: exactly equal
  EXPECT_EQ(g1, g2);
  auto sparse = compute_pca(m, mod_out, {});
  auto dense = compute_pca_dense(m.n_rows(), c1, g1, {});
  EXPECT_EQ(dense.center, sparse.center);
  for (int i = 0; i < 2; ++i)
    EXPECT_LT(sign_free_error(dense.comps[i], Eigen::Map<const Eigen::VectorXd>(sparse.comps[i].data(), m.n_cols())),
              1e-7);  // both stop on exact equality of the eigenvalue estimate, a product apart
}

// The engine's way since 15.9: only the pairs of a touched row that hold a changed column are
// taken out and put back, including a column new to the matrix and a cell voted twice.
TEST(GramCache, ReplacingTheChangedPairsOfARowEqualsABuildFromScratch) {
  auto votes = testing::random_votes(150, 25, 0.5, 12);
  std::vector<Vote> first(votes.begin(), votes.begin() + votes.size() / 2);
  std::vector<Vote> rest(votes.begin() + votes.size() / 2, votes.end());
  for (auto& v : rest) v.timestamp = 1;
  rest.push_back({first[0].pid, 999, 1, 2});   // a new column on an existing row
  rest.push_back({first[0].pid, 999, -1, 3});  // voted again: the later one counts
  rest.push_back({first[1].pid, first[1].tid, static_cast<std::int8_t>(first[1].value == 1 ? -1 : 1), 4});
  VoteMatrix m = matrix_of(first);
  GramCache kept;
  kept.build(m);
  std::map<std::int32_t, std::pair<std::vector<std::int32_t>, std::vector<std::int8_t>>> before;
  for (const auto& v : rest)
    if (auto r = m.try_row(v.pid))
      before[*r] = {{m.row_cols(*r).begin(), m.row_cols(*r).end()}, {m.row_vals(*r).begin(), m.row_vals(*r).end()}};
  const auto old_rows = m.n_rows();
  m.apply(rest, 1'000'000, 1'000'000);
  kept.ensure_cols(m.n_cols());
  for (const auto& [r, row] : before) {
    std::vector<std::int32_t> changed;
    for (const auto& v : rest)
      if (m.try_row(v.pid) == r) changed.push_back(*m.try_col(v.tid));
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    kept.replace_row(row.first, row.second, m.row_cols(r), m.row_vals(r), changed);
  }
  for (auto r = old_rows; r < m.n_rows(); ++r) kept.add_row(m.row_cols(r), m.row_vals(r));
  GramCache fresh;
  fresh.build(m);
  std::vector<char> mod_out(m.n_cols(), 0);
  std::vector<double> c1, g1, c2, g2;
  kept.centred(mod_out, c1, g1);
  fresh.centred(mod_out, c2, g2);
  EXPECT_EQ(c1, c2);  // integer sums: exactly equal
  EXPECT_EQ(g1, g2);
}

TEST(GramCache, EngineGivesTheSameMapWithAndWithoutIt) {
  auto conv = testing::load_conversation(testing::fixture_dir("brexit-consensus"));
  Params sparse_only;
  sparse_only.gram_max_comments = 0;
  // Used from the second update on: a cold update on most votes, then the rest in two
  // updates (the third merges votes into sums already built).
  std::vector<Vote> first(conv.votes.begin(), conv.votes.end() - 600),
      middle(conv.votes.end() - 600, conv.votes.end() - 300), rest(conv.votes.end() - 300, conv.votes.end());
  Engine a, b(sparse_only);
  for (Engine* e : {&a, &b}) {
    e->set_moderation(moderation_of(conv.comments));
    e->add_votes(first);
    e->update();
    e->add_votes(middle);
    e->update();
    e->add_votes(rest);
    e->update();
  }
  EXPECT_EQ(a.analysis().in_conv, b.analysis().in_conv);
  EXPECT_EQ(a.analysis().row_group, b.analysis().row_group);
  EXPECT_EQ(a.analysis().pca.center, b.analysis().pca.center);
  for (int i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < a.analysis().pca.comps[i].size(); ++j)
      EXPECT_NEAR(a.analysis().pca.comps[i][j], b.analysis().pca.comps[i][j], 1e-7);
}

// The group tallies kept between updates (moved row by row) equal a pass over every vote
// after each update — with two batches between two updates, and rows that change group.
TEST(Engine, GroupTalliesKeptBetweenUpdatesEqualAFreshCount) {
  auto conv = testing::load_conversation(testing::fixture_dir("brexit-consensus"));
  Engine e;
  e.set_moderation(moderation_of(conv.comments));
  const std::size_t n = conv.votes.size();
  const std::vector<std::size_t> cuts = {n / 2, n / 2 + 200, n / 2 + 400, n - 300, n};
  std::size_t at = 0;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    e.add_votes(std::span<const Vote>(conv.votes).subspan(at, cuts[i] - at));
    at = cuts[i];
    if (i == 1) continue;  // two batches before the next update
    const auto& a = e.update();
    const auto fresh = tally_groups(e.matrix(), a.row_group, static_cast<int>(a.groups.size()));
    ASSERT_EQ(fresh.size(), a.group_votes.size());
    for (std::size_t g = 0; g < fresh.size(); ++g) {
      EXPECT_EQ(a.group_votes[g].a, fresh[g].a) << "update " << i << ", group " << g;
      EXPECT_EQ(a.group_votes[g].d, fresh[g].d);
      EXPECT_EQ(a.group_votes[g].s, fresh[g].s);
    }
  }
}

}  // namespace
}  // namespace goldthread::opinion
