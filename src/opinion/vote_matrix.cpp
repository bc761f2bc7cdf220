#include "opinion/vote_matrix.hpp"

#include <algorithm>
#include <cstring>
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

void VoteMatrix::append_row(std::int64_t pid, std::span<const std::int32_t> cols, std::span<const std::int8_t> vals) {
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

ApplyStats VoteMatrix::apply(std::span<const Vote> votes, std::int64_t max_rows, std::int64_t max_cols) {
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
  std::stable_sort(pending.begin(), pending.end(),
                   [](const Pending& a, const Pending& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
  std::vector<Pending> last;
  last.reserve(pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    bool final_of_cell =
        i + 1 == pending.size() || pending[i + 1].row != pending[i].row || pending[i + 1].col != pending[i].col;
    if (final_of_cell) last.push_back(pending[i]);
  }
  pending.clear();
  pending.shrink_to_fit();

  // Merge into the CSR in place; new values override stored ones. A live conversation adds a
  // few thousand votes to millions between updates, so the arrays grow at their end and each
  // row moves right by the cells added before it: from the last row to the first, untouched
  // rows are one memmove each and touched rows a backward merge (the write position never
  // passes the read position). Rows before the first touched one do not move.
  const std::int32_t rows = n_rows();
  std::vector<std::int64_t> new_ptr(row_ptr_.size(), 0);
  {
    std::size_t p = 0;
    std::int64_t shift = 0;
    for (std::int32_t r = 0; r < rows; ++r) {
      auto b = cols_.begin() + row_ptr_[r], e = cols_.begin() + row_ptr_[r + 1];
      for (; p < last.size() && last[p].row == r; ++p) {
        auto it = std::lower_bound(b, e, last[p].col);
        if (it == e || *it != last[p].col) ++shift;
        b = it;
      }
      new_ptr[r + 1] = row_ptr_[r + 1] + shift;
    }
  }
  cols_.resize(static_cast<std::size_t>(new_ptr[rows]));
  vals_.resize(static_cast<std::size_t>(new_ptr[rows]));
  std::size_t p = last.size();
  for (std::int32_t r = rows - 1; r >= 0 && new_ptr[r + 1] != row_ptr_[r + 1]; --r) {
    const std::int64_t old_b = row_ptr_[r], old_e = row_ptr_[r + 1];
    if (p == 0 || last[p - 1].row != r) {
      const auto len = static_cast<std::size_t>(old_e - old_b);
      std::memmove(cols_.data() + new_ptr[r], cols_.data() + old_b, len * sizeof(std::int32_t));
      std::memmove(vals_.data() + new_ptr[r], vals_.data() + old_b, len * sizeof(std::int8_t));
      continue;
    }
    std::int64_t a = old_e, w = new_ptr[r + 1];
    while ((p > 0 && last[p - 1].row == r) || a > old_b) {
      const bool take_new = p > 0 && last[p - 1].row == r && (a == old_b || last[p - 1].col >= cols_[a - 1]);
      --w;
      if (take_new) {
        if (a > old_b && cols_[a - 1] == last[p - 1].col) --a;  // overwritten
        cols_[w] = last[p - 1].col;
        vals_[w] = last[p - 1].val;
        --p;
      } else {
        --a;
        cols_[w] = cols_[a];
        vals_[w] = vals_[a];
      }
    }
  }
  // Rows whose cells were only overwritten, before the first row that grew, are done in place.
  for (; p > 0; --p) {
    const auto& l = last[p - 1];
    auto b = cols_.begin() + row_ptr_[l.row], e = cols_.begin() + row_ptr_[l.row + 1];
    vals_[static_cast<std::size_t>(std::lower_bound(b, e, l.col) - cols_.begin())] = l.val;
  }
  row_ptr_ = std::move(new_ptr);
  return stats;
}

}  // namespace goldthread::opinion
