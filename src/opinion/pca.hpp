#pragma once
// Mean-imputed PCA by power iteration with deflation (§4), computed on the sparse votes.
//
// After column-mean imputation and centring every missing cell is exactly 0, so the centred
// matrix X has the sparsity of the votes: X_ij = v_ij - center_j where a vote exists, else 0.
// Moderated-out columns (§2: zeroed in every row) have center 0 and an all-zero X column.
// Products XᵀX·v are computed row by row from the CSR (Σ_rows (x_i·v) x_i, as pca.clj does);
// the deflated matrix X(I - p pᵀ/p·p) is applied implicitly. Nothing dense of size
// rows × cols is ever built.

#include <cstdint>
#include <vector>

#include "opinion/vote_matrix.hpp"

namespace goldthread::opinion {

struct PcaOptions {
  int n_comps = 2;
  int iters = 100;          // §4.3 pca-iters
  double tolerance = 0.0;   // 0: spec stop rule only; > 0: also stop when ||v' - v|| < tolerance
  int threads = 1;
};

struct PcaResult {
  std::vector<double> center;              // length n_cols (see edge cases in pca.cpp)
  std::vector<std::vector<double>> comps;  // up to n_comps unit vectors of length n_cols
  std::vector<int> products;               // XᵀX products computed per component
};

// mod_out: per column, non-zero = moderated out (REQUIRES size == m.n_cols()).
// start: previous components for a warm start (may be shorter than n_cols: padded with 1.0,
// §4.3); empty or all-zero start vectors use the all-ones vector (deterministic cold start,
// as the spec recommends instead of unseeded random vectors).
PcaResult compute_pca(const VoteMatrix& m, const std::vector<char>& mod_out,
                      const PcaOptions& options,
                      const std::vector<std::vector<double>>& start = {});

// The same power iteration (same start vectors and stop rules) on a dense XᵀX: `gram` is
// n_cols × n_cols row-major with moderated-out rows/columns 0 and `center` the column
// means (GramCache::centred). REQUIRES: n_rows >= 2 and n_cols >= 2 (compute_pca handles
// the smaller edge cases).
PcaResult compute_pca_dense(std::int32_t n_rows, std::vector<double> center, const std::vector<double>& gram,
                            const PcaOptions& options, const std::vector<std::vector<double>>& start = {});

// §5.1 sparsity-aware projection of every row: sqrt(N / max(|V|,1)) Σ_{j∈V} (r_j - c_j) pc_j,
// where V counts the row's votes plus every moderated-out column. Rank < 2 → all [0, 0].
// Returns x,y interleaved (2 * n_rows values).
std::vector<double> project_participants(const VoteMatrix& m, const std::vector<char>& mod_out,
                                         const PcaResult& pca, int threads = 1);

// §5.2 comment projection (virtual agree vote, +1 in our convention) and its extremity.
struct CommentProjection {
  std::vector<double> x, y, extremity;
};
CommentProjection project_comments(const PcaResult& pca);

}  // namespace goldthread::opinion
