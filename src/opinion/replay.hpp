#pragma once
// Replaying a conversation's history: the vote stream fed in time order through the
// engine's incremental updates, as Pol.is's math worker saw it. Pol.is's published groups
// come from those live runs (in-conv grows monotonically, PCA and every k-means start from
// the previous update), so a replay reproduces them where a single cold update cannot.
//
// Cadence: Pol.is's poller reads new votes once a second (config.clj, votes
// polling-interval 1000 ms) and the conversation manager runs one update over everything
// that arrived. A replay does the same in conversation time: the votes are sorted by
// timestamp and cut into windows of `window_ms` (aligned to the first vote); the engine
// runs one update after each window that holds votes, so a quiet week costs nothing and a
// busy second is one update. What a replay cannot know: how long each Pol.is update took
// (a slow update merged several polls into one), restarts of the worker, and when each
// statement was moderated (moderation is applied from the start: set it before replaying).

#include <cstdint>
#include <functional>
#include <span>

#include "opinion/engine.hpp"

namespace goldthread::opinion {

struct ReplayOptions {
  std::int64_t window_ms = 1000;  // conversation time per update (Pol.is: 1 s polls); >= 1
};

struct ReplayReport {
  std::int64_t votes = 0;  // votes fed
  int updates = 0;         // engine updates run (one per non-empty window)
  std::int64_t first_timestamp = 0, last_timestamp = 0;
};

// Feeds `votes` (any order; sorted here by timestamp, ties in input order) to `engine` and
// calls update() after each window; `after_update` (optional) sees each analysis. The
// engine may already hold votes (then the replay continues from its state). With no votes,
// nothing is updated.
ReplayReport replay_votes(Engine& engine, std::span<const Vote> votes, const ReplayOptions& options = {},
                          const std::function<void(const Analysis&)>& after_update = {});

// How well a partition matches a reference one (e.g. Pol.is's published group-id), over
// the items both label (labels >= 0). Each reference group is matched to the group of
// `ours` that holds most of its members, one to one (greedy on overlap); `share_matched`
// is the fraction of the reference's labelled items that sit in their group's match (an
// item `ours` leaves unlabelled counts as not matched).
struct PartitionAgreement {
  double ari = 0.0;
  double share_matched = 0.0;
  std::int64_t compared = 0;            // items labelled on both sides (the ARI's items)
  std::int64_t reference_labelled = 0;  // items the reference labels (share's denominator)
};
PartitionAgreement compare_partitions(std::span<const int> ours, std::span<const int> reference);

}  // namespace goldthread::opinion
