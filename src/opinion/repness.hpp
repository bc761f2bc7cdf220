#pragma once
// Per-group tallies (§9), representative comments (§10), consensus (§11), group-aware
// consensus (§9) and comment priorities (§12). Pure functions over column-indexed counts.
// Tallies come from the raw matrix; the zeroed rating-mat differs only on moderated-out
// columns, which repness and consensus skip, so the raw tallies give the same numbers.

#include <cstdint>
#include <span>
#include <vector>

#include "opinion/vote_matrix.hpp"

namespace goldthread::opinion {

inline constexpr double kZ90 = 1.2816;  // stats.clj:36-39, one-sided 90 %

// A = agrees, D = disagrees, S = seen (any vote, passes included), one entry per column.
struct CommentTallies {
  std::vector<std::int32_t> a, d, s;
  explicit CommentTallies(std::size_t n_cols = 0) : a(n_cols, 0), d(n_cols, 0), s(n_cols, 0) {}
};

// row_group[r] in [0, n_groups) or -1 (not clustered). Returns one tally per group.
std::vector<CommentTallies> tally_groups(const VoteMatrix& m, std::span<const int> row_group,
                                         int n_groups);
CommentTallies tally_all(const VoteMatrix& m);

double prop_test(double succ, double n);
double two_prop_test(double s1, double s2, double n1, double n2);

struct RepnessRecord {
  std::int64_t tid = 0;
  bool agree = true;  // repful-for: "agree" or "disagree"
  std::int32_t n_success = 0, n_trials = 0;
  double p_success = 0, p_test = 0, repness = 0;
  double repness_test = 0;  // rounded through float32 as CLJ stores it (repness.clj:184)
  bool best_agree = false;
  std::int32_t n_agree = 0;  // only meaningful when best_agree
};

// §10.2 selection for group g; tids scanned in column order (col_ids).
std::vector<RepnessRecord> select_repness(const std::vector<CommentTallies>& groups, int g,
                                          const std::vector<char>& mod_out,
                                          const std::vector<std::int64_t>& col_ids);

struct ConsensusRecord {
  std::int64_t tid = 0;
  std::int32_t n_success = 0, n_trials = 0;
  double p_success = 0, p_test = 0;
};
struct Consensus {
  std::vector<ConsensusRecord> agree, disagree;
};
// §11 over all participants.
Consensus select_consensus(const CommentTallies& all, const std::vector<char>& mod_out,
                           const std::vector<std::int64_t>& col_ids);

// §9 GAC(tid) = Π_g (A_g + 1) / (S_g + 2), every column. No groups → all 1.
std::vector<double> group_aware_consensus(const std::vector<CommentTallies>& groups,
                                          std::size_t n_cols);

// §12. tallies: per-group counts to use (the previous update's under quirk Q2; may be
// empty or have fewer columns: missing counts are 0). is_meta per column.
std::vector<double> comment_priorities(const std::vector<CommentTallies>& tallies,
                                       std::span<const double> extremity,
                                       const std::vector<char>& is_meta);

}  // namespace goldthread::opinion
