#include "opinion/gram.hpp"

#include <algorithm>

namespace goldthread::opinion {

void GramCache::reset() {
  built_ = false;
  n_ = cap_ = 0;
  cells_.clear();
  cells_.shrink_to_fit();
}

void GramCache::build(const VoteMatrix& m) {
  reset();
  built_ = true;
  ensure_cols(m.n_cols());
  for (std::int32_t r = 0; r < m.n_rows(); ++r) add_row(m.row_cols(r), m.row_vals(r));
}

void GramCache::ensure_cols(std::int32_t n) {
  if (n <= cap_) {
    n_ = std::max(n_, n);
    return;
  }
  const std::int32_t cap = std::max<std::int32_t>(n + 16, cap_ + cap_ / 2);
  std::vector<Cell> grown(static_cast<std::size_t>(cap) * cap);
  for (std::int32_t j = 0; j < n_; ++j)
    std::copy_n(cells_.begin() + static_cast<std::ptrdiff_t>(j) * cap_, n_,
                grown.begin() + static_cast<std::ptrdiff_t>(j) * cap);
  cells_ = std::move(grown);
  cap_ = cap;
  n_ = n;
}

void GramCache::add_row(std::span<const std::int32_t> cols, std::span<const std::int8_t> vals, int sign) {
  const std::size_t len = cols.size();
  for (std::size_t a = 0; a < len; ++a) {
    const std::int32_t vj = vals[a] * sign;
    Cell* row = &cells_[static_cast<std::size_t>(cols[a]) * cap_];
    for (std::size_t b = a; b < len; ++b) {
      Cell& c = row[cols[b]];
      c.s += vj * vals[b];
      c.m += sign;
      c.a_jk += vj;
      c.a_kj += sign * vals[b];
    }
  }
}

void GramCache::add_pairs_with(std::span<const std::int32_t> cols, std::span<const std::int8_t> vals,
                               std::span<const std::int32_t> changed, int sign) {
  const std::size_t len = cols.size();
  std::vector<std::size_t> marked;  // positions in the row whose column changed
  for (std::size_t p = 0, c = 0; p < len && c < changed.size();) {
    if (cols[p] < changed[c]) {
      ++p;
    } else if (changed[c] < cols[p]) {
      ++c;
    } else {
      marked.push_back(p++);
      ++c;
    }
  }
  // Each unordered pair with at least one marked position once: when both are marked, from
  // the smaller (the larger one skips the marked positions before it).
  for (std::size_t i = 0; i < marked.size(); ++i) {
    const std::size_t p = marked[i];
    for (std::size_t q = 0; q < len; ++q) {
      if (q < p && std::binary_search(marked.begin(), marked.begin() + static_cast<std::ptrdiff_t>(i), q)) continue;
      const std::size_t lo = std::min(p, q), hi = std::max(p, q);
      const std::int32_t vj = vals[lo] * sign;
      Cell& c = at(cols[lo], cols[hi]);
      c.s += vj * vals[hi];
      c.m += sign;
      c.a_jk += vj;
      c.a_kj += sign * vals[hi];
    }
  }
}

void GramCache::replace_row(std::span<const std::int32_t> old_cols, std::span<const std::int8_t> old_vals,
                            std::span<const std::int32_t> new_cols, std::span<const std::int8_t> new_vals,
                            std::span<const std::int32_t> changed) {
  // A pair of two unchanged columns has the same votes in both rows: its sums do not move.
  add_pairs_with(old_cols, old_vals, changed, -1);
  add_pairs_with(new_cols, new_vals, changed, 1);
}

void GramCache::centred(const std::vector<char>& mod_out, std::vector<double>& center,
                        std::vector<double>& gram) const {
  const auto n = static_cast<std::size_t>(n_);
  center.assign(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    const Cell& d = at(static_cast<std::int32_t>(j), static_cast<std::int32_t>(j));
    if (!mod_out[j] && d.m > 0) center[j] = static_cast<double>(d.a_jk) / d.m;
  }
  gram.assign(n * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    if (mod_out[j]) continue;
    const double cj = center[j];
    const Cell* row = &cells_[j * static_cast<std::size_t>(cap_)];
    for (std::size_t k = j; k < n; ++k) {
      if (mod_out[k]) continue;
      const Cell& c = row[k];
      const double ck = center[k];
      const double g = c.s - ck * c.a_jk - cj * c.a_kj + cj * ck * c.m;
      gram[j * n + k] = g;
      gram[k * n + j] = g;
    }
  }
}

}  // namespace goldthread::opinion
