#include "opinion/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

namespace goldthread::opinion {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Adds (sign +1) or removes (-1) one row's votes to a tally.
void tally_row(CommentTallies& t, std::span<const std::int32_t> cols, std::span<const std::int8_t> vals, int sign) {
  for (std::size_t k = 0; k < cols.size(); ++k) {
    t.s[cols[k]] += sign;
    if (vals[k] > 0) t.a[cols[k]] += sign;
    if (vals[k] < 0) t.d[cols[k]] += sign;
  }
}

}  // namespace

Engine::Engine(Params params) : params_(params) {}

ApplyStats Engine::add_votes(std::span<const Vote> votes) {
  if (!gram_.built() && tallies_.empty()) return matrix_.apply(votes, params_.max_participants, params_.max_comments);
  // Keep the co-vote sums current. A vote changes one cell of its row, so only the pairs of
  // that row with a changed column move: the rows these votes touch are copied before the
  // merge and each is then replaced pair by pair (GramCache::replace_row).
  const std::int32_t old_rows = matrix_.n_rows();
  std::vector<std::int32_t> touched;
  touched.reserve(votes.size());
  for (const auto& v : votes)
    if (auto r = matrix_.try_row(v.pid)) touched.push_back(*r);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::vector<std::int64_t> old_at(touched.size() + 1, 0);  // touched[i]'s copy: [old_at[i], old_at[i+1])
  std::vector<std::int32_t> old_cols;
  std::vector<std::int8_t> old_vals;
  for (std::size_t i = 0; i < touched.size(); ++i) {
    auto cols = matrix_.row_cols(touched[i]);
    auto vals = matrix_.row_vals(touched[i]);
    old_cols.insert(old_cols.end(), cols.begin(), cols.end());
    old_vals.insert(old_vals.end(), vals.begin(), vals.end());
    old_at[i + 1] = static_cast<std::int64_t>(old_cols.size());
  }
  ApplyStats stats = matrix_.apply(votes, params_.max_participants, params_.max_comments);
  if (!tallies_.empty()) {
    for (auto& t : tallies_) {
      const auto n = static_cast<std::size_t>(matrix_.n_cols());
      t.a.resize(n, 0), t.d.resize(n, 0), t.s.resize(n, 0);
    }
    for (std::size_t i = 0; i < touched.size(); ++i) {
      const std::int32_t r = touched[i];
      // A row added since the last update is counted by the next one's compute_stats.
      if (static_cast<std::size_t>(r) >= tally_bucket_.size()) continue;
      const int b = tally_bucket_[static_cast<std::size_t>(r)];
      if (b < 0) continue;
      const auto a = static_cast<std::size_t>(old_at[i]), n = static_cast<std::size_t>(old_at[i + 1] - old_at[i]);
      tally_row(tallies_[static_cast<std::size_t>(b)], {old_cols.data() + a, n}, {old_vals.data() + a, n}, -1);
      tally_row(tallies_[static_cast<std::size_t>(b)], matrix_.row_cols(r), matrix_.row_vals(r), 1);
    }
  }
  if (!gram_.built()) return stats;
  if (matrix_.n_cols() > params_.gram_max_comments) {
    gram_.reset();  // grew past the limit: sparse products from now on
    return stats;
  }
  gram_.ensure_cols(matrix_.n_cols());
  // (row, column) of every vote on a touched row, after the merge (new columns have their index).
  std::vector<std::pair<std::int32_t, std::int32_t>> cells;
  cells.reserve(votes.size());
  for (const auto& v : votes) {
    auto r = matrix_.try_row(v.pid);
    auto c = matrix_.try_col(v.tid);
    if (r && c && *r < old_rows) cells.emplace_back(*r, *c);
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  std::vector<std::int32_t> changed;
  for (std::size_t i = 0, k = 0; i < touched.size(); ++i) {
    const std::int32_t r = touched[i];
    changed.clear();
    while (k < cells.size() && cells[k].first == r) changed.push_back(cells[k++].second);
    const auto a = static_cast<std::size_t>(old_at[i]), n = static_cast<std::size_t>(old_at[i + 1] - old_at[i]);
    gram_.replace_row({old_cols.data() + a, n}, {old_vals.data() + a, n}, matrix_.row_cols(r), matrix_.row_vals(r),
                      changed);
  }
  for (std::int32_t r = old_rows; r < matrix_.n_rows(); ++r) gram_.add_row(matrix_.row_cols(r), matrix_.row_vals(r));
  return stats;
}

void Engine::load_matrix(VoteMatrix&& matrix) {
  matrix_ = std::move(matrix);
  gram_.reset();
  tallies_.clear();
  tally_bucket_.clear();
}

void Engine::set_moderation(std::span<const Moderation> changes) {
  for (const auto& m : changes) moderation_[m.tid] = m;
}

void Engine::compute_in_conv() {
  Analysis& a = analysis_;
  const std::int32_t rows = matrix_.n_rows();
  a.user_vote_counts.resize(static_cast<std::size_t>(rows));
  for (std::int32_t r = 0; r < rows; ++r) a.user_vote_counts[r] = matrix_.row_count(r);
  in_conv_flag_.resize(static_cast<std::size_t>(rows), 0);
  const std::int32_t threshold = std::min<std::int32_t>(params_.in_conv_min_votes, a.n_cmts);
  std::int64_t count = 0;
  for (std::int32_t r = 0; r < rows; ++r) {
    if (a.user_vote_counts[r] >= threshold) in_conv_flag_[r] = 1;
    count += in_conv_flag_[r];
  }
  if (count < params_.in_conv_greedy_fill) {
    // Greedy fill (§3); CLJ breaks ties by hash order, we by row order.
    std::vector<std::int32_t> rest;
    for (std::int32_t r = 0; r < rows; ++r)
      if (!in_conv_flag_[r]) rest.push_back(r);
    std::stable_sort(rest.begin(), rest.end(),
                     [&](std::int32_t x, std::int32_t y) { return a.user_vote_counts[x] > a.user_vote_counts[y]; });
    for (std::size_t i = 0; i < rest.size() && count < params_.in_conv_greedy_fill; ++i, ++count)
      in_conv_flag_[rest[i]] = 1;
  }
  a.in_conv.clear();
  for (std::int32_t r = 0; r < rows; ++r)
    if (in_conv_flag_[r]) a.in_conv.push_back(r);
}

void Engine::compute_groups() {
  Analysis& a = analysis_;
  auto t0 = Clock::now();
  // §7 base clusters over in-conv projections, in row order.
  std::vector<double> xy;
  xy.reserve(2 * a.in_conv.size());
  for (auto r : a.in_conv) {
    xy.push_back(a.proj[2 * static_cast<std::size_t>(r)]);
    xy.push_back(a.proj[2 * static_cast<std::size_t>(r) + 1]);
  }
  a.base_clusters = kmeans({a.in_conv, xy, {}}, {params_.base_k, params_.base_iters, params_.threads}, base_);
  base_ = a.base_clusters;
  a.times.base_ms = ms_since(t0);
  t0 = Clock::now();

  // §8 groups over base centres, weighted by size; silhouette on base-centre distances.
  const int n_base = static_cast<int>(a.base_clusters.size());
  a.groups.clear();
  a.silhouettes.clear();
  a.row_group.assign(static_cast<std::size_t>(a.n), -1);
  if (n_base == 0) {
    a.this_k = a.smoothed_k = 0;
    a.times.groups_ms = ms_since(t0);
    return;
  }
  std::vector<std::int32_t> keys;
  std::vector<double> cxy, weights, dist(static_cast<std::size_t>(n_base) * n_base);
  for (const auto& c : a.base_clusters) {
    keys.push_back(c.id);
    cxy.push_back(c.x);
    cxy.push_back(c.y);
    weights.push_back(static_cast<double>(c.members.size()));
  }
  for (int i = 0; i < n_base; ++i)
    for (int j = 0; j < n_base; ++j)
      dist[static_cast<std::size_t>(i) * n_base + j] =
          std::hypot(cxy[2 * i] - cxy[2 * j], cxy[2 * i + 1] - cxy[2 * j + 1]);
  const int k_max = std::min(params_.max_k, 2 + n_base / 12);
  std::map<int, std::vector<Cluster>> by_k;
  int this_k = 2;
  double best = -2.0;
  for (int k = 2; k <= k_max; ++k) {
    auto prev = group_by_k_.find(k);
    auto clusters = kmeans_best_of({keys, cxy, weights}, {k, params_.group_iters, 1},
                                   prev == group_by_k_.end() ? std::vector<Cluster>{} : prev->second,
                                   params_.group_kmeans_starts, static_cast<std::uint64_t>(k));
    std::vector<int> label(static_cast<std::size_t>(n_base), 0);
    for (std::size_t g = 0; g < clusters.size(); ++g)
      for (auto bid : clusters[g].members)
        label[std::lower_bound(keys.begin(), keys.end(), bid) - keys.begin()] = static_cast<int>(g);
    double s = silhouette(dist, label, n_base);
    a.silhouettes.emplace_back(k, s);
    if (s >= best) {  // ties → larger k
      best = s;
      this_k = k;
    }
    by_k[k] = std::move(clusters);
  }
  // §8.5 k-smoother, with the CLJ-later clamp (#2536).
  last_k_count_ = (this_k == last_k_) ? last_k_count_ + 1 : 1;
  last_k_ = this_k;
  int smoothed = (last_k_count_ >= params_.group_k_buffer || smoothed_k_ == 0) ? this_k : smoothed_k_;
  if (smoothed < 2 || smoothed > k_max) smoothed = this_k;
  smoothed_k_ = smoothed;
  a.this_k = this_k;
  a.smoothed_k = smoothed;
  group_by_k_.clear();
  for (auto& [k, c] : by_k) group_by_k_[k] = c;

  // Participants inherit their base cluster's group (export.clj:286-299).
  std::vector<int> base_group(static_cast<std::size_t>(n_base), -1);
  for (const auto& c : by_k[smoothed]) {
    Group g{c.id, c.members, {}, c.x, c.y};
    const int gi = static_cast<int>(a.groups.size());
    for (auto bid : c.members) {
      auto bi = std::lower_bound(keys.begin(), keys.end(), bid) - keys.begin();
      base_group[static_cast<std::size_t>(bi)] = gi;
      for (auto r : a.base_clusters[static_cast<std::size_t>(bi)].members) a.row_group[r] = gi;
    }
    a.groups.push_back(std::move(g));
  }
  for (std::int32_t r = 0; r < a.n; ++r)
    if (a.row_group[r] >= 0) a.groups[static_cast<std::size_t>(a.row_group[r])].rows.push_back(r);
  a.times.groups_ms = ms_since(t0);
}

void Engine::compute_stats() {
  Analysis& a = analysis_;
  const auto n_groups = static_cast<int>(a.groups.size());
  // One pass: the extra last tally collects participants outside every group, so the sum
  // of all tallies is the whole-conversation tally that consensus needs (§11).
  std::vector<int> bucket(a.row_group.begin(), a.row_group.end());
  for (int& b : bucket)
    if (b < 0) b = n_groups;
  if (tallies_.size() == static_cast<std::size_t>(n_groups) + 1) {
    // Same buckets as last time: move only the rows whose bucket changed (new rows included).
    tally_bucket_.resize(bucket.size(), -1);
    for (std::size_t r = 0; r < bucket.size(); ++r) {
      const int was = tally_bucket_[r];
      if (was == bucket[r]) continue;
      const auto row = static_cast<std::int32_t>(r);
      if (was >= 0)
        tally_row(tallies_[static_cast<std::size_t>(was)], matrix_.row_cols(row), matrix_.row_vals(row), -1);
      tally_row(tallies_[static_cast<std::size_t>(bucket[r])], matrix_.row_cols(row), matrix_.row_vals(row), 1);
    }
  } else {
    tallies_ = tally_groups(matrix_, bucket, n_groups + 1);
  }
  tally_bucket_ = bucket;
  a.group_votes = tallies_;
  CommentTallies all = a.group_votes.back();
  a.group_votes.pop_back();
  for (const auto& g : a.group_votes)
    for (std::size_t c = 0; c < all.s.size(); ++c) {
      all.a[c] += g.a[c];
      all.d[c] += g.d[c];
      all.s[c] += g.s[c];
    }
  a.repness.assign(static_cast<std::size_t>(n_groups), {});
  for (int g = 0; g < n_groups; ++g)
    a.repness[static_cast<std::size_t>(g)] = select_repness(a.group_votes, g, a.mod_out, matrix_.col_ids());
  a.consensus = select_consensus(all, a.mod_out, matrix_.col_ids());
  a.group_aware_consensus = group_aware_consensus(a.group_votes, static_cast<std::size_t>(a.n_cmts));
  const auto& tallies = params_.priorities_use_previous_tallies ? previous_tallies_ : a.group_votes;
  a.comment_priorities = comment_priorities(tallies, a.comment_projection.extremity, a.is_meta);
  previous_tallies_ = a.group_votes;
}

const Analysis& Engine::update() {
  Analysis& a = analysis_;
  auto t0 = Clock::now();
  a.n = matrix_.n_rows();
  a.n_cmts = matrix_.n_cols();
  a.mod_out.assign(static_cast<std::size_t>(a.n_cmts), 0);
  a.is_meta.assign(static_cast<std::size_t>(a.n_cmts), 0);
  for (const auto& [tid, m] : moderation_) {
    auto c = matrix_.try_col(tid);
    if (!c) continue;
    a.mod_out[*c] = (m.mod == -1 || m.is_meta) ? 1 : 0;
    a.is_meta[*c] = m.is_meta ? 1 : 0;
  }
  compute_in_conv();
  a.times.matrix_ms = ms_since(t0);

  t0 = Clock::now();
  PcaOptions po{2, params_.pca_iters, has_pca_ ? params_.pca_tolerance : 0.0, params_.threads};
  auto start = has_pca_ ? a.pca.comps : std::vector<std::vector<double>>{};
  // The co-vote sums pay off from the second update on (building them costs about as much as
  // a cold PCA's products save), so a one-shot analysis never builds them.
  const bool dense = has_pca_ && a.n >= 2 && a.n_cmts >= 2 && a.n_cmts <= params_.gram_max_comments;
  if (dense) {
    if (!gram_.built()) gram_.build(matrix_);
    std::vector<double> center;
    gram_.centred(a.mod_out, center, gram_buffer_);
    a.pca = compute_pca_dense(a.n, std::move(center), gram_buffer_, po, start);
  } else {
    a.pca = compute_pca(matrix_, a.mod_out, po, start);
  }
  has_pca_ = !a.pca.comps.empty();
  a.times.pca_ms = ms_since(t0);

  t0 = Clock::now();
  a.proj = project_participants(matrix_, a.mod_out, a.pca, params_.threads);
  a.comment_projection = project_comments(a.pca);
  a.times.projection_ms = ms_since(t0);

  compute_groups();
  t0 = Clock::now();
  compute_stats();
  a.times.stats_ms = ms_since(t0);
  return a;
}

double adjusted_rand_index(std::span<const int> a, std::span<const int> b) {
  std::map<std::pair<int, int>, double> joint;
  std::map<int, double> ra, rb;
  double n = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] < 0 || b[i] < 0) continue;
    joint[{a[i], b[i]}] += 1;
    ra[a[i]] += 1;
    rb[b[i]] += 1;
    n += 1;
  }
  auto c2 = [](double x) { return x * (x - 1) / 2; };
  double sj = 0, sa = 0, sb = 0;
  for (auto& [k, v] : joint) sj += c2(v);
  for (auto& [k, v] : ra) sa += c2(v);
  for (auto& [k, v] : rb) sb += c2(v);
  const double expected = n > 1 ? sa * sb / c2(n) : 0;
  const double max_index = (sa + sb) / 2;
  if (max_index == expected) return 1.0;  // both trivial partitions
  return (sj - expected) / (max_index - expected);
}

}  // namespace goldthread::opinion
