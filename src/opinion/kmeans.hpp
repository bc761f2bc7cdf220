#pragma once
// K-means exactly as Pol.is runs it (§6): deterministic init from the first k distinct
// points (cold) or from the previous clustering (warm, "clean-start-clusters"), Lloyd steps,
// stop when every centre moved < 0.01 (lexicographic pairing) or after max_iters + 1 steps.
// Used for base clusters (§7, unweighted) and for groups over base centres (§8, weighted).

#include <cstdint>
#include <span>
#include <vector>

namespace goldthread::opinion {

struct Cluster {
  int id = 0;
  std::vector<std::int32_t> members;  // point keys, ascending
  double x = 0.0, y = 0.0;            // centre
};

struct KmeansPoints {
  std::span<const std::int32_t> keys;  // stable point keys, strictly ascending (data order)
  std::span<const double> xy;          // interleaved coordinates, 2 * keys.size()
  std::span<const double> weights;     // empty = every point weighs 1
};

struct KmeansOptions {
  int k = 2;
  int max_iters = 20;
  int threads = 1;
};

// Returns clusters sorted by id; every point belongs to exactly one cluster (none when there
// are no points). previous: the last clustering for the same k (warm start) or empty.
// Ties in the nearest-centre search go to the cluster with the larger id ("last minimal",
// §6; CLJ's order beyond 8 clusters is hash order, i.e. unspecified).
std::vector<Cluster> kmeans(const KmeansPoints& points, const KmeansOptions& options,
                            const std::vector<Cluster>& previous = {});

// Weighted within-cluster sum of squared distances of a clustering of `points` (members are
// point keys; a key not among the points is ignored).
double inertia(const KmeansPoints& points, const std::vector<Cluster>& clusters);

// Best of several starts: the spec's start (warm from `previous`, or cold) plus `starts - 1`
// k-means++ starts (weighted D² sampling from a splitmix64 stream seeded by `seed` and the
// start's number, so the result is deterministic), each followed by the same Lloyd steps;
// returns the clustering with the least inertia (ties: the earlier start). starts <= 1 is
// exactly kmeans().
std::vector<Cluster> kmeans_best_of(const KmeansPoints& points, const KmeansOptions& options,
                                    const std::vector<Cluster>& previous, int starts, std::uint64_t seed);

// Mean silhouette (§8.3) of a clustering of n points given their pairwise distance matrix
// (row-major n × n) and the cluster index of each point; singletons score 0.
double silhouette(std::span<const double> dist, std::span<const int> label, int n);

}  // namespace goldthread::opinion
