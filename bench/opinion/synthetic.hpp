#pragma once
// Synthetic conversations with planted opinion groups, for benchmarks and recovery checks.
// Each group has a stance per comment (agree or disagree, independent coin flips); a member
// votes with the stance with probability `fidelity`, passes with `pass_rate`, else votes
// against. Participants vote on a random subset of comments whose size is uniform in
// [0.5, 1.5] × the mean needed to reach `votes` in total (capped at the comment count).
// Deterministic for a given seed.

#include <cstdint>
#include <vector>

#include "opinion/types.hpp"
#include "opinion/vote_matrix.hpp"

namespace goldthread::opinion::bench {

struct SyntheticSpec {
  std::int64_t participants = 33'422;
  std::int32_t comments = 783;
  std::int64_t votes = 2'000'000;
  std::vector<double> group_shares = {0.5, 0.3, 0.2};
  double fidelity = 0.8;
  double pass_rate = 0.1;
  std::uint64_t seed = 42;
};

struct Synthetic {
  VoteMatrix matrix;            // rows in participant order; pid = row index
  std::vector<int> planted;     // per row
  std::vector<std::vector<std::int8_t>> stance;  // [group][comment]
};

Synthetic generate(const SyntheticSpec& spec);

// `count` further votes by existing or new participants, as a vote stream (timestamps from
// `first_timestamp`), following the same planted model.
std::vector<Vote> more_votes(const SyntheticSpec& spec, const Synthetic& s, std::int64_t count,
                             std::uint64_t seed, std::int64_t first_timestamp);

}  // namespace goldthread::opinion::bench
