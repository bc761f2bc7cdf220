#pragma once
// The raw rating matrix (§2): participants × comments, latest vote wins, stored sparse.
// Compact CSR: int64 row offsets, int32 column indices (sorted within a row), int8 votes.
// Rows and columns are append-only and keep their index forever, which is what lets the
// engine carry state (clusters, PCA start vectors) between updates.

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "opinion/types.hpp"

namespace goldthread::opinion {

// Maps source ids (int64) to dense indices. Ids in [0, 2^24) use a direct table.
class IdIndex {
 public:
  std::optional<std::int32_t> try_get(std::int64_t id) const;
  void insert(std::int64_t id, std::int32_t index);  // REQUIRES: id not present

 private:
  static constexpr std::int64_t kDirectLimit = std::int64_t{1} << 24;
  std::vector<std::int32_t> direct_;  // -1 = absent
  std::unordered_map<std::int64_t, std::int32_t> sparse_;
};

struct ApplyStats {
  std::int64_t applied = 0;          // votes written (including overwrites)
  std::int64_t dropped_limits = 0;   // beyond max participants / comments (§2 customs)
  std::int64_t dropped_invalid = 0;  // vote value not in {-1, 0, +1}
};

class VoteMatrix {
 public:
  std::int32_t n_rows() const { return static_cast<std::int32_t>(row_ids_.size()); }
  std::int32_t n_cols() const { return static_cast<std::int32_t>(col_ids_.size()); }
  std::int64_t nnz() const { return static_cast<std::int64_t>(cols_.size()); }

  // REQUIRES: 0 <= r < n_rows().
  std::span<const std::int32_t> row_cols(std::int32_t r) const {
    return {cols_.data() + row_ptr_[r], cols_.data() + row_ptr_[r + 1]};
  }
  std::span<const std::int8_t> row_vals(std::int32_t r) const {
    return {vals_.data() + row_ptr_[r], vals_.data() + row_ptr_[r + 1]};
  }
  std::int32_t row_count(std::int32_t r) const {
    return static_cast<std::int32_t>(row_ptr_[r + 1] - row_ptr_[r]);
  }
  const std::vector<std::int64_t>& row_ids() const { return row_ids_; }
  const std::vector<std::int64_t>& col_ids() const { return col_ids_; }
  std::optional<std::int32_t> try_row(std::int64_t pid) const { return row_index_.try_get(pid); }
  std::optional<std::int32_t> try_col(std::int64_t tid) const { return col_index_.try_get(tid); }

  // Applies one batch of the vote stream (§2). The batch is first ordered by
  // (tid, pid, timestamp, position in the batch), as the Pol.is poller reads it; so new
  // columns are admitted in ascending tid order, new rows in order of first appearance, and
  // among repeated votes of one participant on one comment the latest timestamp wins (equal
  // timestamps: the later one in the batch). Votes of participants/comments that would
  // exceed max_rows / max_cols are dropped. The result does not depend on batch order
  // except for that equal-timestamp tie.
  ApplyStats apply(std::span<const Vote> votes, std::int64_t max_rows, std::int64_t max_cols);

  // Bulk building for generators and importers that already hold final votes.
  // add_col: returns the column index of tid (existing or new).
  std::int32_t add_col(std::int64_t tid);
  // Appends a new participant row. REQUIRES: pid not present; cols strictly increasing,
  // valid column indices; vals in {-1,0,1}; cols.size() == vals.size().
  void append_row(std::int64_t pid, std::span<const std::int32_t> cols,
                  std::span<const std::int8_t> vals);
  void reserve(std::int64_t rows, std::int64_t nnz);

 private:
  std::int32_t admit_row(std::int64_t pid);
  std::vector<std::int64_t> row_ptr_{0};
  std::vector<std::int32_t> cols_;
  std::vector<std::int8_t> vals_;
  std::vector<std::int64_t> row_ids_;
  std::vector<std::int64_t> col_ids_;
  IdIndex row_index_;
  IdIndex col_index_;
};

}  // namespace goldthread::opinion
