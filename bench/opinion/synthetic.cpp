#include "synthetic.hpp"

#include <algorithm>
#include <random>
#include <unordered_set>

namespace goldthread::opinion::bench {
namespace {

int pick_group(const std::vector<double>& shares, double u) {
  double acc = 0;
  for (std::size_t g = 0; g < shares.size(); ++g) {
    acc += shares[g];
    if (u < acc) return static_cast<int>(g);
  }
  return static_cast<int>(shares.size()) - 1;
}

std::int8_t vote_for(std::int8_t stance, double fidelity, double pass_rate, double u) {
  if (u < fidelity) return stance;
  if (u < fidelity + pass_rate) return kPass;
  return static_cast<std::int8_t>(-stance);
}

}  // namespace

Synthetic generate(const SyntheticSpec& spec) {
  Synthetic s;
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  s.stance.assign(spec.group_shares.size(), std::vector<std::int8_t>(static_cast<std::size_t>(spec.comments)));
  for (auto& g : s.stance)
    for (auto& v : g) v = u(rng) < 0.5 ? kAgree : kDisagree;
  for (std::int32_t c = 0; c < spec.comments; ++c) s.matrix.add_col(c);
  s.matrix.reserve(spec.participants, spec.votes + spec.votes / 20);
  s.planted.resize(static_cast<std::size_t>(spec.participants));
  const double mean = static_cast<double>(spec.votes) / static_cast<double>(spec.participants);
  std::vector<std::int32_t> cols;
  std::vector<std::int8_t> vals;
  std::unordered_set<std::int32_t> chosen;
  for (std::int64_t p = 0; p < spec.participants; ++p) {
    const int g = pick_group(spec.group_shares, u(rng));
    s.planted[static_cast<std::size_t>(p)] = g;
    auto n = static_cast<std::int32_t>(mean * (0.5 + u(rng)) + 0.5);
    n = std::clamp<std::int32_t>(n, 1, spec.comments);
    cols.clear();
    if (n * 3 > spec.comments) {  // dense: Bernoulli over all comments
      const double q = static_cast<double>(n) / spec.comments;
      for (std::int32_t c = 0; c < spec.comments; ++c)
        if (u(rng) < q) cols.push_back(c);
      if (cols.empty()) cols.push_back(static_cast<std::int32_t>(u(rng) * spec.comments));
    } else {  // sparse: rejection sampling of n distinct comments
      chosen.clear();
      while (static_cast<std::int32_t>(chosen.size()) < n)
        chosen.insert(static_cast<std::int32_t>(u(rng) * spec.comments));
      cols.assign(chosen.begin(), chosen.end());
      std::sort(cols.begin(), cols.end());
    }
    vals.resize(cols.size());
    for (std::size_t k = 0; k < cols.size(); ++k)
      vals[k] = vote_for(s.stance[g][cols[k]], spec.fidelity, spec.pass_rate, u(rng));
    s.matrix.append_row(p, cols, vals);
  }
  return s;
}

std::vector<Vote> more_votes(const SyntheticSpec& spec, const Synthetic& s, std::int64_t count,
                             std::uint64_t seed, std::int64_t first_timestamp) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Vote> out;
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    auto p = static_cast<std::int64_t>(u(rng) * static_cast<double>(spec.participants));
    auto c = static_cast<std::int32_t>(u(rng) * spec.comments);
    const int g = s.planted[static_cast<std::size_t>(p)];
    out.push_back({p, c, vote_for(s.stance[g][c], spec.fidelity, spec.pass_rate, u(rng)), first_timestamp + i});
  }
  return out;
}

}  // namespace goldthread::opinion::bench
