#pragma once
// The importer's duplicate check (issue 12.10): one 64-bit hash of (indicator, area, period) per
// row seen, with the line it was on, in one open-addressing table (two flat arrays, linear
// probing). A million rows cost 24 MB and no allocation per row, where a node-based map cost
// about twice the memory and a malloc per row.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace goldthread::outcomes {

class SeenKeys {
 public:
  // Records `key` on `line` and returns 0, or returns the line it was first seen on.
  std::size_t insert(std::uint64_t key, std::size_t line) {
    if (key == 0) key = 1;  // 0 marks an empty slot
    if ((count_ + 1) * 2 > keys_.size()) grow();
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t i = spread(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return lines_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        lines_[i] = static_cast<std::uint32_t>(std::min<std::size_t>(line, kMaxLine));
        ++count_;
        return 0;
      }
    }
  }
  std::size_t size() const { return count_; }

 private:
  static constexpr std::size_t kMaxLine = std::numeric_limits<std::uint32_t>::max();
  static std::size_t spread(std::uint64_t k) {
    return static_cast<std::size_t>((k ^ (k >> 29)) * 0xBF58476D1CE4E5B9ULL >> 7);
  }
  void grow() {
    std::vector<std::uint64_t> keys(keys_.empty() ? 1024 : keys_.size() * 2, 0);
    std::vector<std::uint32_t> lines(keys.size(), 0);
    const std::size_t mask = keys.size() - 1;
    for (std::size_t j = 0; j < keys_.size(); ++j) {
      if (!keys_[j]) continue;
      std::size_t i = spread(keys_[j]) & mask;
      while (keys[i]) i = (i + 1) & mask;
      keys[i] = keys_[j];
      lines[i] = lines_[j];
    }
    keys_.swap(keys);
    lines_.swap(lines);
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> lines_;
  std::size_t count_ = 0;
};

}  // namespace goldthread::outcomes
