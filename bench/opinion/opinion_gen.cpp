// opinion_gen: generates a synthetic conversation with planted groups, runs a full engine
// update on it (timed per stage), reports recovery (ARI against the planted groups) and,
// optionally, an incremental update and a dump for the sklearn side-by-side script.
//
//   opinion_gen [--participants N] [--comments M] [--votes V] [--groups G] [--threads T]
//               [--seed S] [--incremental K] [--dump DIR] [--starts N] [--gram-max-comments C]
//               [--votes-csv FILE] [--repeat R]
//
// --starts N: Params::group_kmeans_starts (robust starts); --gram-max-comments 0: the sparse
// PCA products only (the engine before the co-vote sums, for side-by-side figures).
// --votes-csv FILE: also writes the votes as a Pol.is votes.csv (for `goldthread import polis`,
// bench/engagement/restart.sh). --repeat R: with --incremental, R full/incremental pairs side
// by side in this one process, each ratio printed, then their median.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "opinion/engine.hpp"
#include "synthetic.hpp"

using namespace goldthread::opinion;
using Clock = std::chrono::steady_clock;

namespace {

double secs(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

void dump(const std::string& dir, const bench::Synthetic& s) {
  std::ofstream rows(dir + "/rows.i32", std::ios::binary), cols(dir + "/cols.i32", std::ios::binary),
      vals(dir + "/vals.i8", std::ios::binary), planted(dir + "/planted.i32", std::ios::binary);
  const auto& m = s.matrix;
  for (std::int32_t r = 0; r < m.n_rows(); ++r) {
    auto c = m.row_cols(r);
    auto v = m.row_vals(r);
    for (std::size_t k = 0; k < c.size(); ++k) rows.write(reinterpret_cast<const char*>(&r), 4);
    cols.write(reinterpret_cast<const char*>(c.data()), static_cast<std::streamsize>(4 * c.size()));
    vals.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size()));
  }
  for (int g : s.planted) planted.write(reinterpret_cast<const char*>(&g), 4);
  std::ofstream(dir + "/shape.txt") << m.n_rows() << " " << m.n_cols() << "\n";
}

double max_comp_diff(const PcaResult& a, const PcaResult& b) {
  double worst = 0;
  for (std::size_t i = 0; i < std::min(a.comps.size(), b.comps.size()); ++i) {
    double same = 0, flip = 0;
    for (std::size_t j = 0; j < a.comps[i].size(); ++j) {
      same += std::pow(a.comps[i][j] - b.comps[i][j], 2);
      flip += std::pow(a.comps[i][j] + b.comps[i][j], 2);
    }
    worst = std::max(worst, std::sqrt(std::min(same, flip)));
  }
  return worst;
}

void write_votes_csv(const std::string& file, const VoteMatrix& m) {
  std::ofstream out(file);
  out << "timestamp,comment-id,voter-id,vote\n";
  std::int64_t ts = 1'600'000'000'000;
  for (std::int32_t r = 0; r < m.n_rows(); ++r) {
    auto c = m.row_cols(r);
    auto v = m.row_vals(r);
    for (std::size_t k = 0; k < c.size(); ++k)
      out << ts++ << "," << m.col_ids()[c[k]] << "," << m.row_ids()[r] << "," << static_cast<int>(v[k]) << "\n";
  }
}

void print_times(const char* label, const Analysis& a, double total) {
  std::printf(
      "%s: total %.3f s (matrix+in-conv %.1f ms, pca %.1f ms [%d+%d products], projection %.1f ms, "
      "base k-means %.1f ms, groups %.1f ms, stats %.1f ms)\n",
      label, total, a.times.matrix_ms, a.times.pca_ms, a.pca.products.size() > 0 ? a.pca.products[0] : 0,
      a.pca.products.size() > 1 ? a.pca.products[1] : 0, a.times.projection_ms, a.times.base_ms, a.times.groups_ms,
      a.times.stats_ms);
}

}  // namespace

int main(int argc, char** argv) {
  bench::SyntheticSpec spec;
  int threads = 1, groups = 3;
  long long incremental = 0;
  int starts = 1, gram_max = Params{}.gram_max_comments;
  std::string dump_dir, votes_csv;
  int repeat = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    const char* v = argv[i + 1];
    if (a == "--participants")
      spec.participants = std::atoll(v);
    else if (a == "--comments")
      spec.comments = std::atoi(v);
    else if (a == "--votes")
      spec.votes = std::atoll(v);
    else if (a == "--groups")
      groups = std::atoi(v);
    else if (a == "--threads")
      threads = std::atoi(v);
    else if (a == "--seed")
      spec.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--incremental")
      incremental = std::atoll(v);
    else if (a == "--dump")
      dump_dir = v;
    else if (a == "--votes-csv")
      votes_csv = v;
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(v));
    else if (a == "--starts")
      starts = std::atoi(v);
    else if (a == "--gram-max-comments")
      gram_max = std::atoi(v);
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 1;
    }
  }
  if (groups != 3) {
    spec.group_shares.clear();
    for (int g = 0; g < groups; ++g) spec.group_shares.push_back(1.0 / groups);
  }
  auto t0 = Clock::now();
  bench::Synthetic s = bench::generate(spec);
  std::printf("generated %d participants x %d comments, %lld votes, %d planted groups in %.2f s\n", s.matrix.n_rows(),
              s.matrix.n_cols(), static_cast<long long>(s.matrix.nnz()), groups, secs(t0));
  if (!dump_dir.empty()) dump(dump_dir, s);
  if (!votes_csv.empty()) write_votes_csv(votes_csv, s.matrix);
  if (repeat > 1 && incremental > 0) {
    // Side by side in one process: each pair is a full update on a fresh engine, one warm-up
    // incremental update (builds the co-vote sums), then the measured incremental update.
    // Also this thread's CPU time (with --threads 1 the updates run on it): a figure the other
    // processes on a shared machine do not inflate, as they do the wall-clock one.
    auto cpu_now = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    std::vector<double> ratios, cpu_ratios;
    for (int i = 0; i < repeat; ++i) {
      Params p;
      p.threads = threads;
      p.max_participants = std::max<std::int64_t>(p.max_participants, spec.participants);
      p.pca_tolerance = 1e-6;
      Engine e(p);
      VoteMatrix copy = s.matrix;
      e.load_matrix(std::move(copy));
      auto t = Clock::now();
      double c = cpu_now();
      e.update();
      double full = secs(t), full_cpu = cpu_now() - c;
      e.add_votes(bench::more_votes(spec, s, incremental, spec.seed + 2 + 2 * i, 1));
      e.update();
      auto extra = bench::more_votes(spec, s, incremental, spec.seed + 3 + 2 * i, 1 + incremental);
      t = Clock::now();
      c = cpu_now();
      e.add_votes(extra);
      e.update();
      double inc = secs(t), inc_cpu = cpu_now() - c;
      ratios.push_back(inc / full);
      cpu_ratios.push_back(inc_cpu / full_cpu);
      std::printf("pair %d: full %.1f ms, incremental %.1f ms, ratio %.3f; CPU %.1f / %.1f ms, ratio %.3f\n", i + 1,
                  full * 1000, inc * 1000, inc / full, full_cpu * 1000, inc_cpu * 1000, inc_cpu / full_cpu);
    }
    std::sort(ratios.begin(), ratios.end());
    std::sort(cpu_ratios.begin(), cpu_ratios.end());
    std::printf("median CPU-time ratio over %d pairs: %.3f (min %.3f, max %.3f)\n", repeat,
                cpu_ratios[cpu_ratios.size() / 2], cpu_ratios.front(), cpu_ratios.back());
    std::printf("median incremental / full over %d pairs: %.3f (min %.3f, max %.3f)\n", repeat,
                ratios[ratios.size() / 2], ratios.front(), ratios.back());
    return 0;
  }

  Params params;
  params.threads = threads;
  params.max_participants = std::max<std::int64_t>(params.max_participants, spec.participants);
  params.pca_tolerance = 1e-6;  // only used by warm-started updates
  params.group_kmeans_starts = starts;
  params.gram_max_comments = gram_max;
  Engine engine(params);
  std::optional<bench::Synthetic> keep;
  if (incremental > 0) keep.emplace(s);  // the incremental run needs the model again
  engine.load_matrix(std::move(s.matrix));
  t0 = Clock::now();
  const Analysis& a = engine.update();
  double full = secs(t0);
  print_times("full update", a, full);
  std::vector<int> ours(a.row_group.begin(), a.row_group.end());
  std::printf("in-conv %zu, base clusters %zu, groups %zu (silhouette k=%d), ARI vs planted %.4f\n", a.in_conv.size(),
              a.base_clusters.size(), a.groups.size(), a.this_k, adjusted_rand_index(ours, s.planted));
  for (auto [k, sil] : a.silhouettes) std::printf("  silhouette k=%d: %.4f\n", k, sil);
  for (const auto& g : a.groups)
    std::printf("  group %d: %zu participants, centre (%.3f, %.3f)\n", g.id, g.rows.size(), g.x, g.y);

  if (incremental > 0) {
    // A live conversation has had many updates: the first incremental update also builds
    // the co-vote sums (opinion/gram.hpp), so it is run and reported first, and the one
    // measured against the full recompute is the next.
    auto warmup = bench::more_votes(spec, *keep, incremental, spec.seed + 2, 1);
    t0 = Clock::now();
    engine.add_votes(warmup);
    const Analysis& w = engine.update();
    print_times("first incremental update (builds the co-vote sums)", w, secs(t0));
    auto extra = bench::more_votes(spec, *keep, incremental, spec.seed + 1, 1 + incremental);
    PcaResult before = engine.analysis().pca;
    t0 = Clock::now();  // merging the votes is part of the incremental cost
    engine.add_votes(extra);
    const Analysis& b = engine.update();
    double inc = secs(t0);
    print_times("incremental update", b, inc);
    std::printf("incremental / full: %.3f\n", inc / full);
    // Reference: full cold recompute on the same final votes.
    Params cold = params;
    Engine ref(cold);
    VoteMatrix copy = engine.matrix();
    ref.load_matrix(std::move(copy));
    const Analysis& r = ref.update();
    std::vector<int> g1(b.row_group.begin(), b.row_group.end()), g2(r.row_group.begin(), r.row_group.end());
    std::printf(
        "incremental vs full recompute: max component difference %.2e, ARI between groupings %.4f "
        "(components moved %.2e since the previous update)\n",
        max_comp_diff(b.pca, r.pca), adjusted_rand_index(g1, g2), max_comp_diff(b.pca, before));
  }
  return 0;
}
