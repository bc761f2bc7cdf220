// The importer's duplicate check (seen_keys.hpp): each key's first line, through the table's
// growth, with the reserved empty key still counted as a key.
#include "outcomes/seen_keys.hpp"

#include <gtest/gtest.h>

namespace goldthread::outcomes {
namespace {

TEST(SeenKeys, ReportsTheFirstLineOfEachRepeatedKeyAcrossGrowth) {
  SeenKeys seen;
  for (std::uint64_t k = 1; k <= 5000; ++k) EXPECT_EQ(seen.insert(k * 0x9E3779B97F4A7C15ULL, k + 1), 0u);
  EXPECT_EQ(seen.size(), 5000u);
  EXPECT_EQ(seen.insert(1 * 0x9E3779B97F4A7C15ULL, 9000), 2u);
  EXPECT_EQ(seen.insert(4321 * 0x9E3779B97F4A7C15ULL, 9001), 4322u);
  EXPECT_EQ(seen.size(), 5000u);
}

TEST(SeenKeys, TheKeyZeroIsAKeyLikeAnyOther) {
  SeenKeys seen;
  EXPECT_EQ(seen.insert(0, 7), 0u);
  EXPECT_EQ(seen.insert(0, 8), 7u);
}

}  // namespace
}  // namespace goldthread::outcomes
