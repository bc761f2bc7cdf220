#pragma once
// Domain types of the opinion engine: votes, moderation, tuning parameters.
// Plain structs, no I/O. Spec: docs/opinion-math.md (shared) — section numbers below refer to it.

#include <cstdint>

namespace goldthread::opinion {

// Vote values use the EXPORT convention (+1 agree, -1 disagree, 0 pass), i.e. the sign of
// Pol.is CSV files, not the database convention used inside Pol.is (§1). Consequence: our
// PCA center is the negation of Pol.is's, components agree up to sign; clusters, repness
// and consensus are unaffected.
inline constexpr std::int8_t kAgree = 1;
inline constexpr std::int8_t kDisagree = -1;
inline constexpr std::int8_t kPass = 0;

struct Vote {
  std::int64_t pid = 0;        // participant id of the source
  std::int64_t tid = 0;        // comment (statement) id of the source
  std::int8_t value = kPass;   // +1 / -1 / 0; other values are rejected by the engine
  std::int64_t timestamp = 0;  // orders repeated votes: the latest wins (§2)
};

// Moderation state of one comment (§2). mod: -1 rejected, 0 unmoderated, 1 accepted.
struct Moderation {
  std::int64_t tid = 0;
  int mod = 0;
  bool is_meta = false;
};

struct Params {
  // §3: participants with >= min(kInConvMinVotes, n_cmts) votes are clustered.
  int in_conv_min_votes = 7;
  int in_conv_greedy_fill = 15;
  // §4.3: power iteration. tolerance 0 = the spec's rule (stop on exact equality of the
  // eigenvalue estimate or after pca_iters). tolerance > 0 = also stop once the component
  // moved less than this (Euclidean norm of the change of the unit vector); used by
  // warm-started incremental updates.
  int pca_iters = 100;
  double pca_tolerance = 0.0;
  // §7, §8.
  int base_k = 100;
  int base_iters = 100;
  int max_k = 5;
  int group_iters = 20;  // what CLJ actually runs (Q3), not the intended 100
  int group_k_buffer = 4;
  // §2 customs limits. Pol.is admits 100,000 participants; raise for large deployments
  // (the scale benchmark uses 1,000,000).
  std::int64_t max_participants = 100'000;
  std::int64_t max_comments = 10'000;
  // §12 quirk Q2: CLJ computes comment priorities from the PREVIOUS update's group tallies
  // (all zero on a cold start). false = use the current tallies (as red-dwarf does).
  bool priorities_use_previous_tallies = true;
  // Worker threads for the sparse PCA products and k-means assignment (1 = none spawned).
  int threads = 1;
  // Robust starts (off by default, for Pol.is parity): > 1 = for each k, the group k-means
  // (§8) also runs from group_kmeans_starts - 1 k-means++ starts (deterministic, seeded by
  // k and the start's number) and keeps the clustering with the least weighted
  // within-cluster sum of squares; the spec's start (warm or cold) wins ties. The base
  // clusters (§7) are unaffected. 1 = the spec's single start.
  int group_kmeans_starts = 1;
  // Up to this many comments the engine keeps co-vote sums (opinion/gram.hpp: 16 bytes ×
  // comments², 64 MB at 2,000) from its second update on, so the PCA of incremental updates
  // works on a dense comments × comments matrix updated per changed participant instead of
  // passing over every vote per product. Same results up to floating-point rounding.
  // 0 = always the sparse products. A cold (first) update always uses the sparse products.
  int gram_max_comments = 2000;
};

}  // namespace goldthread::opinion
