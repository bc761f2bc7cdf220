#pragma once
// Co-vote sums of the raw rating matrix, kept up to date row by row, from which the
// centred Gram matrix XᵀX of the PCA (§4) is formed in O(n_cmts²) per update; each power
// iteration product is then a dense n_cmts² product instead of two passes over every vote.
//
// For columns j <= k, over every participant i who voted on both (m = observed, v = vote):
//   S_jk = Σ v_ij v_ik,  M_jk = Σ m_ij m_ik,  A_jk = Σ v_ij m_ik,  A_kj = Σ m_ij v_ik
// and with the column means c (c_j = A_jj / M_jj):
//   (XᵀX)_jk = S_jk − c_k A_jk − c_j A_kj + c_j c_k M_jk,   X_ij = (v_ij − c_j) m_ij,
// which is exactly the matrix the sparse operator in pca.cpp applies. A changed row costs
// O(votes of the row²); memory is 16 bytes × capacity² (so the engine uses it only up to
// Params::gram_max_comments columns).

#include <cstdint>
#include <span>
#include <vector>

#include "opinion/vote_matrix.hpp"

namespace goldthread::opinion {

class GramCache {
 public:
  bool built() const { return built_; }
  std::int32_t n_cols() const { return n_; }
  void reset();
  // From scratch: every row of m.
  void build(const VoteMatrix& m);
  // Grows to n columns (new columns have no votes yet). REQUIRES: built(), n >= n_cols().
  void ensure_cols(std::int32_t n);
  // Adds (sign +1) or removes (sign −1) one participant's row. REQUIRES: built(), columns
  // ascending and < n_cols().
  void add_row(std::span<const std::int32_t> cols, std::span<const std::int8_t> vals, int sign = 1);
  // Replaces one participant's row (old_cols, old_vals) by (new_cols, new_vals), where only
  // the columns in `changed` (ascending) may differ: only the pairs with a changed column are
  // taken out and put back, O(|changed| × votes of the row) instead of add_row's O(votes²)
  // twice. The sums end exactly as if the row had been removed and added. REQUIRES: as
  // add_row, for both rows.
  void replace_row(std::span<const std::int32_t> old_cols, std::span<const std::int8_t> old_vals,
                   std::span<const std::int32_t> new_cols, std::span<const std::int8_t> new_vals,
                   std::span<const std::int32_t> changed);
  // Column means (0 for moderated-out or unvoted columns) and the dense centred XᵀX
  // (n_cols × n_cols, row-major) with moderated-out rows and columns 0.
  void centred(const std::vector<char>& mod_out, std::vector<double>& center, std::vector<double>& gram) const;

 private:
  struct Cell {
    std::int32_t s = 0, m = 0, a_jk = 0, a_kj = 0;
  };
  // The pairs (j <= k) of one row with j or k in `changed`, added with `sign`.
  void add_pairs_with(std::span<const std::int32_t> cols, std::span<const std::int8_t> vals,
                      std::span<const std::int32_t> changed, int sign);
  Cell& at(std::int32_t j, std::int32_t k) { return cells_[static_cast<std::size_t>(j) * cap_ + k]; }
  const Cell& at(std::int32_t j, std::int32_t k) const { return cells_[static_cast<std::size_t>(j) * cap_ + k]; }
  bool built_ = false;
  std::int32_t n_ = 0, cap_ = 0;
  std::vector<Cell> cells_;  // cap_ × cap_, upper triangle (j <= k) used
};

}  // namespace goldthread::opinion
