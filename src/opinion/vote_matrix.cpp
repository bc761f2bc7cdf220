#include "opinion/vote_matrix.hpp"

#include <algorithm>
#include <numeric>

namespace goldthread::opinion {

std::optional<std::int32_t> IdIndex::try_get(std::int64_t id) const {
  if (id >= 0 && id < kDirectLimit) {
    if (id < static_cast<std::int64_t>(direct_.size()) && direct_[id] >= 0) return direct_[id];
    return std::nullopt;
  }
  auto it = sparse_.find(id);
  if (it == sparse_.end()) return std::nullopt;
  return it->second;
}

void IdIndex::insert(std::int64_t id, std::int32_t index) {
  if (id >= 0 && id < kDirectLimit) {
    if (id >= static_cast<std::int64_t>(direct_.size())) {
      std::size_t grown = std::max<std::size_t>(static_cast<std::size_t>(id) + 1, direct_.size() * 2);
      direct_.resize(std::min<std::size_t>(grown, kDirectLimit), -1);
    }
    direct_[id] = index;
    return;
  }
  sparse_.emplace(id, index);
}

std::int32_t VoteMatrix::add_col(std::int64_t tid) {
  if (auto c = col_index_.try_get(tid)) return *c;
  auto c = n_cols();
  col_ids_.push_back(tid);
  col_index_.insert(tid, c);
  return c;
}

std::int32_t VoteMatrix::admit_row(std::int64_t pid) {
  auto r = n_rows();
  row_ids_.push_back(pid);
  row_index_.insert(pid, r);
  row_ptr_.push_back(row_ptr_.back());
  return r;
}

void VoteMatrix::reserve(std::int64_t rows, std::int64_t nnz) {
  row_ptr_.reserve(static_cast<std::size_t>(rows) + 1);
  row_ids_.reserve(static_cast<std::size_t>(rows));
  cols_.reserve(static_cast<std::size_t>(nnz));
  vals_.reserve(static_cast<std::size_t>(nnz));
}

void VoteMatrix::append_row(std::int64_t pid, std::span<const std::int32_t> cols,
                            std::span<const std::int8_t> vals) {
  admit_row(pid);
  cols_.insert(cols_.end(), cols.begin(), cols.end());
  vals_.insert(vals_.end(), vals.begin(), vals.end());
  row_ptr_.back() = static_cast<std::int64_t>(cols_.size());
}

namespace {
struct Pending {
  std::int32_t row;
  std::int32_t col;
  std::int8_t val;
};
}  // namespace

ApplyStats VoteMatrix::apply(std::span<const Vote> votes, std::int64_t max_rows,
                             std::int64_t max_cols) {
  ApplyStats stats;
  std::vector<std::uint32_t> order;
  order.reserve(votes.size());
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (votes[i].value < -1 || votes[i].value > 1) {
      ++stats.dropped_invalid;
      continue;
    }
    order.push_back(static_cast<std::uint32_t>(i));
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Vote& x = votes[a];
    const Vote& y = votes[b];
    if (x.tid != y.tid) return x.tid < y.tid;
    if (x.pid != y.pid) return x.pid < y.pid;
    return x.timestamp < y.timestamp;
  });

  // Admission in stream order; later entries for the same cell overwrite earlier ones.
  std::vector<Pending> pending;
  pending.reserve(order.size());
  for (auto i : order) {
    const Vote& v = votes[i];
    auto c = col_index_.try_get(v.tid);
    if (!c) {
      if (n_cols() >= max_cols) {
        ++stats.dropped_limits;
        continue;
      }
      c = add_col(v.tid);
    }
    auto r = row_index_.try_get(v.pid);
    if (!r) {
      if (n_rows() >= max_rows) {
        ++stats.dropped_limits;
        continue;
      }
      r = admit_row(v.pid);
    }
    pending.push_back({*r, *c, v.value});
  }
  stats.applied = static_cast<std::int64_t>(pending.size());
  if (pending.empty()) return stats;

  // Group by (row, col) keeping stream order, then keep the last entry of each cell.
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  std::vector<Pending> last;
  last.reserve(pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    bool final_of_cell = i + 1 == pending.size() || pending[i + 1].row != pending[i].row ||
                         pending[i + 1].col != pending[i].col;
    if (final_of_cell) last.push_back(pending[i]);
  }
  pending.clear();
  pending.shrink_to_fit();

  // Merge into the CSR; new values override stored ones.
  const std::int32_t rows = n_rows();
  std::vector<std::int64_t> new_ptr(static_cast<std::size_t>(rows) + 1, 0);
  std::vector<std::int32_t> new_cols;
  std::vector<std::int8_t> new_vals;
  new_cols.reserve(cols_.size() + last.size());
  new_vals.reserve(cols_.size() + last.size());
  std::size_t p = 0;
  for (std::int32_t r = 0; r < rows; ++r) {
    std::int64_t a = row_ptr_[r];
    const std::int64_t a_end = row_ptr_[r + 1];
    while (a < a_end || (p < last.size() && last[p].row == r)) {
      bool take_new = p < last.size() && last[p].row == r &&
                      (a >= a_end || last[p].col <= cols_[a]);
      if (take_new) {
        if (a < a_end && last[p].col == cols_[a]) ++a;  // overwritten
        new_cols.push_back(last[p].col);
        new_vals.push_back(last[p].val);
        ++p;
      } else {
        new_cols.push_back(cols_[a]);
        new_vals.push_back(vals_[a]);
        ++a;
      }
    }
    new_ptr[r + 1] = static_cast<std::int64_t>(new_cols.size());
  }
  row_ptr_ = std::move(new_ptr);
  cols_ = std::move(new_cols);
  vals_ = std::move(new_vals);
  return stats;
}

}  // namespace goldthread::opinion
