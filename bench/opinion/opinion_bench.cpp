// Google Benchmarks of the opinion engine on synthetic conversations (see synthetic.hpp).
// The 1M × 10k scale run is opinion_gen (too large to repeat here).
#include <benchmark/benchmark.h>

#include "opinion/engine.hpp"
#include "synthetic.hpp"

using namespace goldthread::opinion;

namespace {

const bench::Synthetic& medium() {  // 33,422 × 783, ~2M votes: a large real Pol.is size
  static const bench::Synthetic s = bench::generate({});
  return s;
}

void BM_FullRecompute33k(benchmark::State& state) {
  Params p;
  p.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    Engine e(p);
    VoteMatrix m = medium().matrix;
    e.load_matrix(std::move(m));
    state.ResumeTiming();
    benchmark::DoNotOptimize(e.update());
  }
  state.counters["votes"] = static_cast<double>(medium().matrix.nnz());
}
BENCHMARK(BM_FullRecompute33k)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_IncrementalUpdate1000Votes(benchmark::State& state) {
  Params p;
  p.pca_tolerance = 1e-6;
  Engine e(p);
  VoteMatrix m = medium().matrix;
  e.load_matrix(std::move(m));
  e.update();
  std::uint64_t seed = 1000;
  std::int64_t ts = 1;
  for (auto _ : state) {
    state.PauseTiming();
    auto votes = bench::more_votes({}, medium(), 1000, ++seed, ts);
    ts += 1000;
    state.ResumeTiming();
    e.add_votes(votes);
    benchmark::DoNotOptimize(e.update());
  }
}
BENCHMARK(BM_IncrementalUpdate1000Votes)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ApplyVotes1000(benchmark::State& state) {
  VoteMatrix m = medium().matrix;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    state.PauseTiming();
    auto votes = bench::more_votes({}, medium(), 1000, ++seed, 1);
    state.ResumeTiming();
    benchmark::DoNotOptimize(m.apply(votes, 1'000'000, 10'000));
  }
}
BENCHMARK(BM_ApplyVotes1000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
