#include "opinion/pca.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace goldthread::opinion {
namespace {

// Row ranges of roughly equal vote counts, one per worker.
std::vector<std::int32_t> split_rows(const VoteMatrix& m, int parts) {
  std::vector<std::int32_t> bounds{0};
  const std::int64_t total = m.nnz();
  std::int64_t acc = 0;
  for (std::int32_t r = 0; r < m.n_rows() && static_cast<int>(bounds.size()) < parts; ++r) {
    acc += m.row_count(r);
    if (acc * parts >= total * static_cast<std::int64_t>(bounds.size())) bounds.push_back(r + 1);
  }
  while (static_cast<int>(bounds.size()) <= parts) bounds.push_back(m.n_rows());
  bounds.back() = m.n_rows();
  return bounds;
}

class GramOperator {
 public:
  GramOperator(const VoteMatrix& m, const std::vector<char>& mod_out,
               const std::vector<double>& center, int threads)
      : m_(m), mod_out_(mod_out), center_(center),
        bounds_(split_rows(m, std::max(1, threads))) {}

  // out = XᵀX v restricted to the live (not moderated-out) columns.
  void apply(const std::vector<double>& v, std::vector<double>& out) const {
    const std::size_t n = v.size();
    std::vector<double> vw(v);
    for (std::size_t j = 0; j < n; ++j)
      if (mod_out_[j]) vw[j] = 0.0;
    const int parts = static_cast<int>(bounds_.size()) - 1;
    std::vector<std::vector<double>> partial(static_cast<std::size_t>(parts));
    auto work = [&](int t) {
      std::vector<double>& acc = partial[static_cast<std::size_t>(t)];
      acc.assign(n, 0.0);
      for (std::int32_t r = bounds_[t]; r < bounds_[t + 1]; ++r) {
        auto cols = m_.row_cols(r);
        auto vals = m_.row_vals(r);
        double dot = 0.0;
        for (std::size_t k = 0; k < cols.size(); ++k)
          dot += (vals[k] - center_[cols[k]]) * vw[cols[k]];
        if (dot == 0.0) continue;
        for (std::size_t k = 0; k < cols.size(); ++k)
          acc[cols[k]] += dot * (vals[k] - center_[cols[k]]);
      }
    };
    if (parts == 1) {
      work(0);
    } else {
      std::vector<std::jthread> pool;
      for (int t = 1; t < parts; ++t) pool.emplace_back(work, t);
      work(0);
      pool.clear();
    }
    out = std::move(partial[0]);
    for (int t = 1; t < parts; ++t)
      for (std::size_t j = 0; j < n; ++j) out[j] += partial[static_cast<std::size_t>(t)][j];
    for (std::size_t j = 0; j < n; ++j)
      if (mod_out_[j]) out[j] = 0.0;
  }

 private:
  const VoteMatrix& m_;
  const std::vector<char>& mod_out_;
  const std::vector<double>& center_;
  std::vector<std::int32_t> bounds_;
};

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// v ← v - (v·p) p / (p·p) for every previous component p (implicit Gram-Schmidt deflation,
// pca.clj:59-76; skipped when p·p == 0).
void deflate(std::vector<double>& v, const std::vector<std::vector<double>>& prev) {
  for (const auto& p : prev) {
    double pp = dot(p, p);
    if (pp == 0.0) continue;
    double f = dot(v, p) / pp;
    for (std::size_t j = 0; j < v.size(); ++j) v[j] -= f * p[j];
  }
}

bool all_zero(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

// Power iteration with deflation (§4.3) for up to options.n_comps components of the
// operator `apply` (v ↦ XᵀX v over the live columns); appends to out.comps / out.products.
template <class Apply>
void power_iterate(const Apply& apply, std::int64_t max_rank, const PcaOptions& options,
                   const std::vector<std::vector<double>>& start, PcaResult& out) {
  const std::size_t cols = out.center.size();
  const int n = static_cast<int>(std::min<std::int64_t>(options.n_comps, max_rank));
  std::vector<double> p, w;
  for (int i = 0; i < n; ++i) {
    std::vector<double> v(cols, 1.0);
    if (static_cast<std::size_t>(i) < start.size() && !all_zero(start[i])) {
      const auto& s = start[i];
      std::copy_n(s.begin(), std::min(s.size(), cols), v.begin());  // pad with 1.0
    }
    double last = 0.0;
    int iters = options.iters;
    int products = 0;
    std::vector<double> next(cols, 0.0);
    for (;;) {
      w = v;
      deflate(w, out.comps);
      apply(w, p);
      deflate(p, out.comps);
      ++products;
      double eig = std::sqrt(dot(p, p));
      if (eig == 0.0 || !std::isfinite(eig)) {
        next.assign(cols, 0.0);
        break;
      }
      for (std::size_t j = 0; j < cols; ++j) next[j] = p[j] / eig;
      if (iters == 0 || eig == last) break;
      if (options.tolerance > 0.0) {
        double vn = std::sqrt(dot(v, v));
        double diff = 0.0;
        for (std::size_t j = 0; j < cols; ++j) diff += (next[j] - v[j] / vn) * (next[j] - v[j] / vn);
        if (std::sqrt(diff) < options.tolerance) break;
      }
      --iters;
      v.swap(next);
      last = eig;
    }
    out.comps.push_back(next);
    out.products.push_back(products);
  }
}

}  // namespace

PcaResult compute_pca(const VoteMatrix& m, const std::vector<char>& mod_out,
                      const PcaOptions& options,
                      const std::vector<std::vector<double>>& start) {
  PcaResult out;
  const std::int32_t rows = m.n_rows();
  const std::size_t cols = static_cast<std::size_t>(m.n_cols());
  if (rows == 0 || cols == 0) return out;

  // Edge cases, pca.clj:108-124.
  if (cols == 1) {
    out.center = {0.0};
    out.comps = {{1.0}};
    out.products = {0};
    return out;
  }
  if (rows == 1) {
    // CLJ returns center = zeros(n_comps) (sic); we keep the length n_cols so the
    // projection stays well defined. comps = [normalize(row0 of rating-mat), zeros].
    out.center.assign(cols, 0.0);
    std::vector<double> row(cols, 0.0);
    auto c = m.row_cols(0);
    auto v = m.row_vals(0);
    for (std::size_t k = 0; k < c.size(); ++k)
      if (!mod_out[c[k]]) row[c[k]] = v[k];
    double norm = std::sqrt(dot(row, row));
    if (norm > 0.0)
      for (double& x : row) x /= norm;
    out.comps = {row, std::vector<double>(cols, 0.0)};
    out.products = {0, 0};
    return out;
  }

  // Center: mean of the observed votes per column; moderated-out columns are all 0.
  out.center.assign(cols, 0.0);
  std::vector<std::int64_t> count(cols, 0);
  for (std::int32_t r = 0; r < rows; ++r) {
    auto c = m.row_cols(r);
    auto v = m.row_vals(r);
    for (std::size_t k = 0; k < c.size(); ++k) {
      out.center[c[k]] += v[k];
      ++count[c[k]];
    }
  }
  for (std::size_t j = 0; j < cols; ++j)
    out.center[j] = (mod_out[j] || count[j] == 0) ? 0.0 : out.center[j] / count[j];

  GramOperator gram(m, mod_out, out.center, options.threads);
  power_iterate([&](const std::vector<double>& v, std::vector<double>& p) { gram.apply(v, p); },
                std::min<std::int64_t>(rows, cols), options, start, out);
  return out;
}

PcaResult compute_pca_dense(std::int32_t n_rows, std::vector<double> center, const std::vector<double>& gram,
                            const PcaOptions& options, const std::vector<std::vector<double>>& start) {
  PcaResult out;
  const std::size_t cols = center.size();
  out.center = std::move(center);
  if (n_rows < 2 || cols < 2) return out;  // REQUIRES says otherwise; keep it defined
  power_iterate(
      [&](const std::vector<double>& v, std::vector<double>& p) {
        p.assign(cols, 0.0);
        for (std::size_t j = 0; j < cols; ++j) {
          const double* g = gram.data() + j * cols;
          double acc = 0.0;
          for (std::size_t k = 0; k < cols; ++k) acc += g[k] * v[k];
          p[j] = acc;
        }
      },
      std::min<std::int64_t>(n_rows, static_cast<std::int64_t>(cols)), options, start, out);
  return out;
}

std::vector<double> project_participants(const VoteMatrix& m, const std::vector<char>& mod_out,
                                         const PcaResult& pca, int threads) {
  const std::int32_t rows = m.n_rows();
  std::vector<double> proj(2 * static_cast<std::size_t>(rows), 0.0);
  if (pca.comps.size() < 2) return proj;  // zip of pc1 and pc2 stops at the shorter (Q16)
  const double n_cols = static_cast<double>(m.n_cols());
  std::int64_t n_mod_out = 0;
  for (char c : mod_out) n_mod_out += c ? 1 : 0;
  const auto& c = pca.center;
  const auto& pc1 = pca.comps[0];
  const auto& pc2 = pca.comps[1];
  auto work = [&](std::int32_t begin, std::int32_t end) {
    for (std::int32_t r = begin; r < end; ++r) {
      auto cols = m.row_cols(r);
      auto vals = m.row_vals(r);
      double x = 0.0, y = 0.0;
      std::int64_t seen = n_mod_out;
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const auto j = cols[k];
        if (mod_out[j]) continue;  // counted once in n_mod_out; contributes (0 - 0)
        ++seen;
        double d = vals[k] - c[j];
        x += d * pc1[j];
        y += d * pc2[j];
      }
      double scale = std::sqrt(n_cols / static_cast<double>(std::max<std::int64_t>(seen, 1)));
      proj[2 * static_cast<std::size_t>(r)] = scale * x;
      proj[2 * static_cast<std::size_t>(r) + 1] = scale * y;
    }
  };
  if (threads <= 1 || rows < 10000) {
    work(0, rows);
  } else {
    std::jthread other(work, rows / 2, rows);
    work(0, rows / 2);
  }
  return proj;
}

CommentProjection project_comments(const PcaResult& pca) {
  CommentProjection out;
  const std::size_t n = pca.center.size();
  out.x.assign(n, 0.0);
  out.y.assign(n, 0.0);
  out.extremity.assign(n, 0.0);
  if (pca.comps.size() < 2) return out;
  const double scale = std::sqrt(static_cast<double>(n));
  for (std::size_t j = 0; j < n; ++j) {
    // Virtual agree vote: +1 here (= -1 in the CLJ convention, pca.clj:167-178).
    double d = scale * (1.0 - pca.center[j]);
    out.x[j] = d * pca.comps[0][j];
    out.y[j] = d * pca.comps[1][j];
    out.extremity[j] = std::hypot(out.x[j], out.y[j]);
  }
  return out;
}

}  // namespace goldthread::opinion
