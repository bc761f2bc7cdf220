#include "opinion/kmeans.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <thread>
#include <utility>

namespace goldthread::opinion {
namespace {

constexpr double kConvergence = 0.01;  // clusters.clj:71

struct Centre {
  int id;
  double x, y;
};

double weight_of(const KmeansPoints& p, std::size_t i) {
  return p.weights.empty() ? 1.0 : p.weights[i];
}

// Nearest centre (index into cs) for every point; ties → later (larger id) centre.
void assign_all(const KmeansPoints& p, const std::vector<Centre>& cs, std::vector<int>& label,
                std::vector<double>* best_d2, int threads) {
  const std::size_t n = p.keys.size();
  const std::size_t k = cs.size();
  std::vector<double> cx(k), cy(k);
  for (std::size_t c = 0; c < k; ++c) {
    cx[c] = cs[c].x;
    cy[c] = cs[c].y;
  }
  label.resize(n);
  if (best_d2) best_d2->resize(n);
  // Many centres (the base clustering's 100): visit them in order of x outward from the
  // point's own x, and stop on each side once dx² alone exceeds the best distance so far.
  // Exact: a centre not visited has d² >= dx² > best (rounding is monotone, dy² >= 0), so the
  // minimum and its ties (the larger index wins, as below) are always among those visited.
  if (k >= 16) {
    std::vector<std::size_t> by_x(k);
    std::iota(by_x.begin(), by_x.end(), std::size_t{0});
    std::sort(by_x.begin(), by_x.end(), [&](std::size_t a, std::size_t b) { return cx[a] < cx[b]; });
    std::vector<double> sorted_x(k);
    for (std::size_t j = 0; j < k; ++j) sorted_x[j] = cx[by_x[j]];
    auto pruned = [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const double px = p.xy[2 * i], py = p.xy[2 * i + 1];
        std::size_t best = k;
        double bd = std::numeric_limits<double>::infinity();
        auto visit = [&](std::size_t c) {
          const double dx = px - cx[c], dy = py - cy[c];
          const double d2 = dx * dx + dy * dy;
          if (d2 < bd || (d2 == bd && c > best)) best = c, bd = d2;
        };
        const auto mid =
            static_cast<std::size_t>(std::lower_bound(sorted_x.begin(), sorted_x.end(), px) - sorted_x.begin());
        for (std::size_t j = mid; j < k; ++j) {
          const double dx = px - sorted_x[j];
          if (dx * dx > bd) break;
          visit(by_x[j]);
        }
        for (std::size_t j = mid; j-- > 0;) {
          const double dx = px - sorted_x[j];
          if (dx * dx > bd) break;
          visit(by_x[j]);
        }
        label[i] = static_cast<int>(best);
        if (best_d2) (*best_d2)[i] = bd;
      }
    };
    if (threads <= 1 || n < 20000) {
      pruned(0, n);
    } else {
      std::jthread other(pruned, n / 2, n);
      pruned(0, n / 2);
    }
    return;
  }
  auto work = [&](std::size_t begin, std::size_t end) {
    std::vector<double> d2(k);
    for (std::size_t i = begin; i < end; ++i) {
      const double px = p.xy[2 * i], py = p.xy[2 * i + 1];
      for (std::size_t c = 0; c < k; ++c) {
        double dx = px - cx[c], dy = py - cy[c];
        d2[c] = dx * dx + dy * dy;
      }
      std::size_t best = 0;
      for (std::size_t c = 1; c < k; ++c)
        if (d2[c] <= d2[best]) best = c;
      label[i] = static_cast<int>(best);
      if (best_d2) (*best_d2)[i] = d2[best];
    }
  };
  if (threads <= 1 || n < 20000) {
    work(0, n);
  } else {
    std::jthread other(work, n / 2, n);
    work(0, n / 2);
  }
}

// Means of the labelled points; clusters without members are dropped (ids kept).
std::vector<Centre> recentre(const KmeansPoints& p, const std::vector<Centre>& cs, const std::vector<int>& label) {
  std::vector<double> sx(cs.size(), 0.0), sy(cs.size(), 0.0), sw(cs.size(), 0.0);
  std::vector<char> any(cs.size(), 0);
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (label[i] < 0) continue;
    const double w = weight_of(p, i);
    sx[label[i]] += w * p.xy[2 * i];
    sy[label[i]] += w * p.xy[2 * i + 1];
    sw[label[i]] += w;
    any[label[i]] = 1;
  }
  std::vector<Centre> out;
  for (std::size_t c = 0; c < cs.size(); ++c) {
    if (!any[c]) continue;
    out.push_back(sw[c] > 0.0 ? Centre{cs[c].id, sx[c] / sw[c], sy[c] / sw[c]} : cs[c]);
  }
  return out;
}

// Compacts labels after recentre dropped clusters (old index → new index, by id).
void relabel(std::vector<int>& label, const std::vector<Centre>& before, const std::vector<Centre>& after) {
  std::vector<int> map(before.size(), -1);
  std::size_t j = 0;
  for (std::size_t c = 0; c < before.size(); ++c) {
    if (j < after.size() && after[j].id == before[c].id) map[c] = static_cast<int>(j++);
  }
  for (int& l : label)
    if (l >= 0) l = map[l];
}

bool converged(std::vector<Centre> a, std::vector<Centre> b) {
  auto lex = [](const Centre& u, const Centre& v) { return u.x != v.x ? u.x < v.x : u.y < v.y; };
  std::sort(a.begin(), a.end(), lex);
  std::sort(b.begin(), b.end(), lex);
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (std::hypot(a[i].x - b[i].x, a[i].y - b[i].y) >= kConvergence) return false;
  return true;
}

std::vector<Centre> cold_init(const KmeansPoints& p, int k) {
  std::vector<Centre> out;
  std::set<std::pair<double, double>> seen;
  for (std::size_t i = 0; i < p.keys.size() && static_cast<int>(out.size()) < k; ++i) {
    std::pair<double, double> pt{p.xy[2 * i], p.xy[2 * i + 1]};
    if (seen.insert(pt).second) out.push_back({static_cast<int>(out.size()), pt.first, pt.second});
  }
  return out;
}

int count_distinct_upto(const KmeansPoints& p, int cap) {
  std::set<std::pair<double, double>> seen;
  for (std::size_t i = 0; i < p.keys.size() && static_cast<int>(seen.size()) < cap; ++i)
    seen.insert({p.xy[2 * i], p.xy[2 * i + 1]});
  return static_cast<int>(seen.size());
}

// clean-start-clusters (clusters.clj:230-277). Returns centres plus labels (-1 = point not
// in any previous cluster yet).
std::vector<Centre> warm_init(const KmeansPoints& p, int k, const std::vector<Cluster>& previous,
                              std::vector<int>& label, int threads) {
  const std::size_t n = p.keys.size();
  label.assign(n, -1);
  std::vector<Centre> cs;
  std::vector<Cluster> prev = previous;
  std::sort(prev.begin(), prev.end(), [](const Cluster& a, const Cluster& b) { return a.id < b.id; });
  for (const auto& c : prev) {
    const int slot = static_cast<int>(cs.size());
    bool any = false;
    for (auto key : c.members) {
      auto it = std::lower_bound(p.keys.begin(), p.keys.end(), key);
      if (it == p.keys.end() || *it != key) continue;
      label[static_cast<std::size_t>(it - p.keys.begin())] = slot;
      any = true;
    }
    if (any) cs.push_back({c.id, c.x, c.y});
  }
  if (cs.empty()) {  // nothing survived: one cluster with every point
    cs.push_back({0, 0.0, 0.0});
    std::fill(label.begin(), label.end(), 0);
  }
  auto before = cs;
  cs = recentre(p, cs, label);
  relabel(label, before, cs);

  // Merge clusters with exactly equal centres; the larger keeps its id.
  std::vector<double> size(cs.size(), 0.0);
  for (std::size_t i = 0; i < n; ++i)
    if (label[i] >= 0) size[label[i]] += weight_of(p, i);
  std::vector<int> target(cs.size());
  for (std::size_t c = 0; c < cs.size(); ++c) {
    target[c] = static_cast<int>(c);
    for (std::size_t d = 0; d < c; ++d) {
      if (target[d] == static_cast<int>(d) && cs[d].x == cs[c].x && cs[d].y == cs[c].y) {
        target[c] = static_cast<int>(d);
        if (size[c] > size[d]) cs[d].id = cs[c].id;
        break;
      }
    }
  }
  for (int& l : label)
    if (l >= 0) l = target[l];
  std::vector<Centre> merged;
  std::vector<int> slot(cs.size(), -1);
  for (std::size_t c = 0; c < cs.size(); ++c)
    if (target[c] == static_cast<int>(c)) {
      slot[c] = static_cast<int>(merged.size());
      merged.push_back(cs[c]);
    }
  for (int& l : label)
    if (l >= 0) l = slot[l];
  // Keep id order.
  std::vector<int> order(merged.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return merged[a].id < merged[b].id; });
  std::vector<int> rank(merged.size());
  cs.clear();
  for (std::size_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = static_cast<int>(i);
    cs.push_back(merged[order[i]]);
  }
  for (int& l : label)
    if (l >= 0) l = rank[l];

  // Split off the most distal point until there are min(k, #distinct) clusters.
  const int possible = std::min(k, count_distinct_upto(p, k));
  std::vector<int> nearest;
  std::vector<double> d2;
  while (static_cast<int>(cs.size()) < possible) {
    assign_all(p, cs, nearest, &d2, threads);
    std::size_t far = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (d2[i] > d2[far]) far = i;
    if (!(d2[far] > 0.0)) break;
    int max_id = 0;
    for (const auto& c : cs) max_id = std::max(max_id, c.id);
    cs.push_back({max_id + 1, p.xy[2 * far], p.xy[2 * far + 1]});
    label[far] = static_cast<int>(cs.size()) - 1;
    before = cs;
    cs = recentre(p, cs, label);
    relabel(label, before, cs);
  }
  return cs;
}

}  // namespace

namespace {

std::vector<Cluster> lloyd(const KmeansPoints& p, const KmeansOptions& options, std::vector<Centre> cs,
                           std::vector<int>& label) {
  const std::size_t n = p.keys.size();
  int iters = options.max_iters;
  for (;;) {
    assign_all(p, cs, label, nullptr, options.threads);
    auto next = recentre(p, cs, label);
    relabel(label, cs, next);
    const bool done = converged(cs, next) || iters <= 0;
    cs = std::move(next);
    if (done) break;
    --iters;
  }
  std::vector<Cluster> out(cs.size());
  for (std::size_t c = 0; c < cs.size(); ++c) out[c] = {cs[c].id, {}, cs[c].x, cs[c].y};
  for (std::size_t i = 0; i < n; ++i) out[label[i]].members.push_back(p.keys[i]);
  return out;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double uniform01(std::uint64_t& state) {
  return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
}

// k-means++ (Arthur & Vassilvitskii 2007) with point weights: the first centre with
// probability ∝ weight, each next one ∝ weight × squared distance to the nearest chosen.
std::vector<Centre> plus_plus_init(const KmeansPoints& p, int k, std::uint64_t state) {
  const std::size_t n = p.keys.size();
  std::vector<Centre> cs;
  std::vector<double> d2(n, std::numeric_limits<double>::infinity());
  auto pick = [&](const std::vector<double>& mass) {
    double total = 0.0;
    for (double m : mass) total += m;
    if (!(total > 0.0)) return n;  // nothing left to choose (all points on chosen centres)
    double target = uniform01(state) * total;
    for (std::size_t i = 0; i < n; ++i) {
      target -= mass[i];
      if (target < 0.0 && mass[i] > 0.0) return i;
    }
    for (std::size_t i = n; i-- > 0;)
      if (mass[i] > 0.0) return i;
    return n;
  };
  std::vector<double> mass(n);
  for (std::size_t i = 0; i < n; ++i) mass[i] = weight_of(p, i);
  while (static_cast<int>(cs.size()) < k) {
    std::size_t at = pick(mass);
    if (at == n) break;
    cs.push_back({static_cast<int>(cs.size()), p.xy[2 * at], p.xy[2 * at + 1]});
    for (std::size_t i = 0; i < n; ++i) {
      const double dx = p.xy[2 * i] - cs.back().x, dy = p.xy[2 * i + 1] - cs.back().y;
      d2[i] = std::min(d2[i], dx * dx + dy * dy);
      mass[i] = weight_of(p, i) * d2[i];
    }
  }
  return cs;
}

}  // namespace

std::vector<Cluster> kmeans(const KmeansPoints& p, const KmeansOptions& options, const std::vector<Cluster>& previous) {
  const std::size_t n = p.keys.size();
  if (n == 0 || options.k <= 0) return {};
  std::vector<int> label;
  std::vector<Centre> cs =
      previous.empty() ? cold_init(p, options.k) : warm_init(p, options.k, previous, label, options.threads);
  return lloyd(p, options, std::move(cs), label);
}

double inertia(const KmeansPoints& p, const std::vector<Cluster>& clusters) {
  double total = 0.0;
  for (const auto& c : clusters)
    for (auto key : c.members) {
      auto it = std::lower_bound(p.keys.begin(), p.keys.end(), key);
      if (it == p.keys.end() || *it != key) continue;
      const auto i = static_cast<std::size_t>(it - p.keys.begin());
      const double dx = p.xy[2 * i] - c.x, dy = p.xy[2 * i + 1] - c.y;
      total += weight_of(p, i) * (dx * dx + dy * dy);
    }
  return total;
}

std::vector<Cluster> kmeans_best_of(const KmeansPoints& p, const KmeansOptions& options,
                                    const std::vector<Cluster>& previous, int starts, std::uint64_t seed) {
  auto best = kmeans(p, options, previous);
  if (starts <= 1 || p.keys.empty() || options.k <= 1) return best;
  double best_inertia = inertia(p, best);
  for (int s = 1; s < starts; ++s) {
    std::uint64_t state = seed * 0x100000001B3ull + static_cast<std::uint64_t>(s);
    auto cs = plus_plus_init(p, options.k, state);
    if (cs.empty()) continue;
    std::vector<int> label;
    auto candidate = lloyd(p, options, std::move(cs), label);
    const double in = inertia(p, candidate);
    if (in < best_inertia) {
      best_inertia = in;
      best = std::move(candidate);
    }
  }
  return best;
}

double silhouette(std::span<const double> dist, std::span<const int> label, int n) {
  if (n <= 0) return 0.0;
  int groups = 0;
  for (int i = 0; i < n; ++i) groups = std::max(groups, label[i] + 1);
  double total = 0.0;
  std::vector<double> sum(static_cast<std::size_t>(groups));
  std::vector<int> cnt(static_cast<std::size_t>(groups));
  for (int i = 0; i < n; ++i) {
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(cnt.begin(), cnt.end(), 0);
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      sum[label[j]] += dist[static_cast<std::size_t>(i) * n + j];
      ++cnt[label[j]];
    }
    const int own = label[i];
    if (cnt[own] == 0) continue;  // alone in its group: s = 0
    const double a = sum[own] / cnt[own];
    double b = std::numeric_limits<double>::infinity();
    for (int g = 0; g < groups; ++g)
      if (g != own && cnt[g] > 0) b = std::min(b, sum[g] / cnt[g]);
    if (!std::isfinite(b)) continue;  // a single group: no neighbour, s = 0
    const double denom = std::max(a, b);
    if (denom > 0.0) total += (b - a) / denom;
  }
  return total / n;
}

}  // namespace goldthread::opinion
