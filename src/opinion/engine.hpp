#pragma once
// The incremental opinion engine: holds a conversation's votes and moderation, and on
// update() recomputes every stage of the spec (§2–§12), carrying between updates what
// Pol.is carries: the in-conv set (monotone), the previous PCA components (power-iteration
// start vectors), the base clusters and each k's group clustering (k-means warm starts),
// the group-count smoother and the previous group tallies (priorities, quirk Q2).
//
// Thread-safety: none; one engine per conversation, used from one thread at a time.
// update() may itself use Params::threads worker threads.

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "opinion/gram.hpp"
#include "opinion/kmeans.hpp"
#include "opinion/pca.hpp"
#include "opinion/repness.hpp"
#include "opinion/types.hpp"
#include "opinion/vote_matrix.hpp"

namespace goldthread::opinion {

struct Group {
  int id = 0;
  std::vector<std::int32_t> base_ids;  // base-cluster ids, ascending
  std::vector<std::int32_t> rows;      // participant rows (matrix order), ascending
  double x = 0, y = 0;                 // k-means centre (weighted mean of base centres)
};

struct StageTimes {
  double matrix_ms = 0, pca_ms = 0, projection_ms = 0, base_ms = 0, groups_ms = 0, stats_ms = 0;
};

// Results of one update. Rows/columns index the engine's matrix(): pid = row_ids()[row],
// tid = col_ids()[col]. Everything is finite (never NaN) for any input.
struct Analysis {
  std::int32_t n = 0;                          // participants (rows of the rating matrix)
  std::int32_t n_cmts = 0;                     // comments with >= 1 vote, moderated ones included
  std::vector<std::int32_t> user_vote_counts;  // per row, raw matrix
  std::vector<std::int32_t> in_conv;           // rows, ascending
  std::vector<char> mod_out, is_meta;          // per column
  PcaResult pca;
  CommentProjection comment_projection;
  std::vector<double> proj;            // per row, x/y interleaved
  std::vector<Cluster> base_clusters;  // members are rows; sorted by id
  std::vector<Group> groups;           // sorted by id
  std::vector<int> row_group;          // per row: index into groups, or -1
  int this_k = 0, smoothed_k = 0;
  std::vector<std::pair<int, double>> silhouettes;  // (k, score) for k in 2..K_max
  std::vector<CommentTallies> group_votes;          // per group (index as in groups)
  std::vector<std::vector<RepnessRecord>> repness;  // per group (index as in groups)
  Consensus consensus;
  std::vector<double> group_aware_consensus;  // per column
  std::vector<double> comment_priorities;     // per column
  StageTimes times;
};

class Engine {
 public:
  explicit Engine(Params params = {});

  // Queues nothing: votes go straight into the sparse matrix (see VoteMatrix::apply).
  ApplyStats add_votes(std::span<const Vote> votes);
  // Bulk load of final votes built elsewhere (generators, participants-votes.csv).
  // REQUIRES: no votes added yet. Customs limits are the builder's responsibility.
  void load_matrix(VoteMatrix&& matrix);
  // Moderation may name comments that have no votes yet; it applies once they do.
  void set_moderation(std::span<const Moderation> changes);

  // Recomputes every stage; returns the new analysis (valid until the next update()).
  const Analysis& update();

  const Analysis& analysis() const { return analysis_; }
  const VoteMatrix& matrix() const { return matrix_; }
  const Params& params() const { return params_; }

 private:
  void compute_in_conv();
  void compute_groups();
  void compute_stats();

  Params params_;
  VoteMatrix matrix_;
  std::unordered_map<std::int64_t, Moderation> moderation_;
  std::vector<char> in_conv_flag_;  // per row, monotone
  std::vector<Cluster> base_;
  std::unordered_map<int, std::vector<Cluster>> group_by_k_;
  int last_k_ = 0, last_k_count_ = 0, smoothed_k_ = 0;
  std::vector<CommentTallies> previous_tallies_;
  bool has_pca_ = false;
  // The tallies of the last update per bucket (group index; the last one: no group), with
  // each row's bucket then (-1: not counted yet). add_votes moves the touched rows' votes and
  // compute_stats moves the rows whose bucket changed, so an update with the same number of
  // groups costs the changed rows rather than a pass over every vote (integer counts: the
  // same tallies exactly).
  std::vector<CommentTallies> tallies_;
  std::vector<int> tally_bucket_;
  GramCache gram_;                   // built on the second update() when Params::gram_max_comments allows
  std::vector<double> gram_buffer_;  // the dense centred XᵀX, reused between updates
  Analysis analysis_;
};

// Adjusted Rand index between two labelings of the same items (labels: any ints; items
// with label < 0 in either labeling are ignored). 1 = identical partitions.
double adjusted_rand_index(std::span<const int> a, std::span<const int> b);

}  // namespace goldthread::opinion
