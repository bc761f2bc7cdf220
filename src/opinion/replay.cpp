#include "opinion/replay.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

namespace goldthread::opinion {

ReplayReport replay_votes(Engine& engine, std::span<const Vote> votes, const ReplayOptions& options,
                          const std::function<void(const Analysis&)>& after_update) {
  ReplayReport rep;
  if (votes.empty()) return rep;
  std::vector<std::uint32_t> order(votes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return votes[a].timestamp < votes[b].timestamp; });
  const std::int64_t window = std::max<std::int64_t>(1, options.window_ms);
  rep.first_timestamp = votes[order.front()].timestamp;
  rep.last_timestamp = votes[order.back()].timestamp;
  std::vector<Vote> batch;
  std::size_t i = 0;
  while (i < order.size()) {
    // Window of the next vote; (ts - first) >= 0 since the order is by timestamp.
    const std::int64_t slot = (votes[order[i]].timestamp - rep.first_timestamp) / window;
    batch.clear();
    while (i < order.size() && (votes[order[i]].timestamp - rep.first_timestamp) / window == slot)
      batch.push_back(votes[order[i++]]);
    engine.add_votes(batch);
    rep.votes += static_cast<std::int64_t>(batch.size());
    const Analysis& a = engine.update();
    ++rep.updates;
    if (after_update) after_update(a);
  }
  return rep;
}

PartitionAgreement compare_partitions(std::span<const int> ours, std::span<const int> reference) {
  PartitionAgreement out;
  out.ari = adjusted_rand_index(ours, reference);
  std::map<std::pair<int, int>, std::int64_t> overlap;
  for (std::size_t i = 0; i < std::min(ours.size(), reference.size()); ++i) {
    if (reference[i] < 0) continue;
    ++out.reference_labelled;
    if (ours[i] < 0) continue;
    ++overlap[{reference[i], ours[i]}];
    ++out.compared;
  }
  if (out.reference_labelled == 0) return out;
  std::vector<std::pair<std::int64_t, std::pair<int, int>>> pairs;
  for (const auto& [key, n] : overlap) pairs.push_back({n, key});
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::map<int, int> ref_to_ours, ours_taken;
  std::int64_t matched = 0;
  for (const auto& [n, key] : pairs) {
    if (ref_to_ours.count(key.first) || ours_taken.count(key.second)) continue;
    ref_to_ours[key.first] = key.second;
    ours_taken[key.second] = key.first;
    matched += n;
  }
  out.share_matched = static_cast<double>(matched) / static_cast<double>(out.reference_labelled);
  return out;
}

}  // namespace goldthread::opinion
