#include "opinion/repness.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace goldthread::opinion {

std::vector<CommentTallies> tally_groups(const VoteMatrix& m, std::span<const int> row_group,
                                         int n_groups) {
  const auto n_cols = static_cast<std::size_t>(m.n_cols());
  std::vector<CommentTallies> out(static_cast<std::size_t>(std::max(n_groups, 0)),
                                  CommentTallies(n_cols));
  for (std::int32_t r = 0; r < m.n_rows(); ++r) {
    const int g = row_group[r];
    if (g < 0) continue;
    auto& t = out[static_cast<std::size_t>(g)];
    auto cols = m.row_cols(r);
    auto vals = m.row_vals(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      ++t.s[cols[k]];
      if (vals[k] > 0) ++t.a[cols[k]];
      if (vals[k] < 0) ++t.d[cols[k]];
    }
  }
  return out;
}

CommentTallies tally_all(const VoteMatrix& m) {
  std::vector<int> all(static_cast<std::size_t>(m.n_rows()), 0);
  auto t = tally_groups(m, all, 1);
  return std::move(t[0]);
}

double prop_test(double succ, double n) {
  return 2.0 * std::sqrt(n + 1.0) * ((succ + 1.0) / (n + 1.0) - 0.5);
}

double two_prop_test(double s1, double s2, double n1, double n2) {
  s1 += 1; s2 += 1; n1 += 1; n2 += 1;
  const double p1 = s1 / n1, p2 = s2 / n2, ph = (s1 + s2) / (n1 + n2);
  if (ph >= 1.0) return 0.0;  // == 1 in the spec; >= also covers counts > trials
  return (p1 - p2) / std::sqrt(ph * (1.0 - ph) * (1.0 / n1 + 1.0 / n2));
}

namespace {

struct Stats {
  std::int64_t tid;
  std::int32_t na, nd, ns;
  double pa, pd, pat, pdt, ra, rd, rat, rdt;
};

RepnessRecord finalize(const Stats& s) {
  RepnessRecord r;
  if (s.rat > s.rdt) {
    r = {s.tid, true, s.na, s.ns, s.pa, s.pat, s.ra, static_cast<float>(s.rat), false, 0};
  } else {
    r = {s.tid, false, s.nd, s.ns, s.pd, s.pdt, s.rd, static_cast<float>(s.rdt), false, 0};
  }
  return r;
}

double metric(const RepnessRecord& r) {
  return r.repness * r.repness_test * r.p_success * r.p_test;
}

}  // namespace

std::vector<RepnessRecord> select_repness(const std::vector<CommentTallies>& groups, int g,
                                          const std::vector<char>& mod_out,
                                          const std::vector<std::int64_t>& col_ids) {
  const auto& mine = groups[static_cast<std::size_t>(g)];
  std::vector<RepnessRecord> sufficient;
  std::optional<RepnessRecord> best;
  std::optional<Stats> best_agree;
  for (std::size_t c = 0; c < col_ids.size(); ++c) {
    if (mod_out[c]) continue;
    Stats s{};
    s.tid = col_ids[c];
    s.na = mine.a[c]; s.nd = mine.d[c]; s.ns = mine.s[c];
    double rest_a = 0, rest_d = 0, rest_s = 0;
    for (std::size_t h = 0; h < groups.size(); ++h) {
      if (static_cast<int>(h) == g) continue;
      rest_a += groups[h].a[c]; rest_d += groups[h].d[c]; rest_s += groups[h].s[c];
    }
    s.pa = (s.na + 1.0) / (s.ns + 2.0);
    s.pd = (s.nd + 1.0) / (s.ns + 2.0);
    s.pat = prop_test(s.na, s.ns);
    s.pdt = prop_test(s.nd, s.ns);
    s.ra = s.pa / ((rest_a + 1.0) / (rest_s + 2.0));
    s.rd = s.pd / ((rest_d + 1.0) / (rest_s + 2.0));
    s.rat = two_prop_test(s.na, rest_a, s.ns, rest_s);
    s.rdt = two_prop_test(s.nd, rest_d, s.ns, rest_s);

    if ((s.rat > kZ90 && s.pat > kZ90) || (s.rdt > kZ90 && s.pdt > kZ90))
      sufficient.push_back(finalize(s));
    if (sufficient.empty() && (!best || std::max(s.rat, s.rdt) > best->repness_test))
      best = finalize(s);
    // beats-best-agr? (repness.clj:139-159)
    if (s.na == 0 && s.nd == 0) continue;
    if (best_agree && best_agree->ra > 1.0) {
      if (s.ra * s.rat * s.pa * s.pat >
          best_agree->ra * best_agree->rat * best_agree->pa * best_agree->pat)
        best_agree = s;
    } else if (best_agree) {
      if (s.pa * s.pat > best_agree->pa * best_agree->pat) best_agree = s;
    } else if (s.pat > kZ90 || (s.ra > 1.0 && s.pa > 0.5)) {
      best_agree = s;
    }
  }
  std::optional<RepnessRecord> ba;
  if (best_agree) {
    ba = finalize(*best_agree);
    ba->best_agree = true;
    ba->n_agree = best_agree->na;
  }
  if (sufficient.empty()) {
    if (ba) return {*ba};
    if (best) return {*best};
    return {};
  }
  if (ba)
    std::erase_if(sufficient, [&](const RepnessRecord& r) { return r.tid == ba->tid; });
  std::stable_sort(sufficient.begin(), sufficient.end(),
                   [](const RepnessRecord& a, const RepnessRecord& b) { return metric(a) > metric(b); });
  if (ba) sufficient.insert(sufficient.begin(), *ba);
  if (sufficient.size() > 5) sufficient.resize(5);
  std::stable_partition(sufficient.begin(), sufficient.end(),
                        [](const RepnessRecord& r) { return r.agree; });
  return sufficient;
}

Consensus select_consensus(const CommentTallies& all, const std::vector<char>& mod_out,
                           const std::vector<std::int64_t>& col_ids) {
  Consensus out;
  for (std::size_t c = 0; c < col_ids.size(); ++c) {
    if (mod_out[c]) continue;
    const double ns = all.s[c];
    const double pa = (all.a[c] + 1.0) / (ns + 2.0), pd = (all.d[c] + 1.0) / (ns + 2.0);
    const double pat = prop_test(all.a[c], ns), pdt = prop_test(all.d[c], ns);
    if (pa > 0.5 && pat > kZ90) out.agree.push_back({col_ids[c], all.a[c], all.s[c], pa, pat});
    if (pd > 0.5 && pdt > kZ90) out.disagree.push_back({col_ids[c], all.d[c], all.s[c], pd, pdt});
  }
  for (auto* list : {&out.agree, &out.disagree}) {
    std::stable_sort(list->begin(), list->end(), [](const ConsensusRecord& a, const ConsensusRecord& b) {
      return a.p_success * a.p_test > b.p_success * b.p_test;
    });
    if (list->size() > 5) list->resize(5);
  }
  return out;
}

std::vector<double> group_aware_consensus(const std::vector<CommentTallies>& groups,
                                          std::size_t n_cols) {
  std::vector<double> out(n_cols, 1.0);
  for (const auto& g : groups)
    for (std::size_t c = 0; c < n_cols; ++c) out[c] *= (g.a[c] + 1.0) / (g.s[c] + 2.0);
  return out;
}

std::vector<double> comment_priorities(const std::vector<CommentTallies>& tallies,
                                       std::span<const double> extremity,
                                       const std::vector<char>& is_meta) {
  const std::size_t n = extremity.size();
  std::vector<double> out(n, 0.0);
  for (std::size_t c = 0; c < n; ++c) {
    if (c < is_meta.size() && is_meta[c]) {
      out[c] = 49.0;
      continue;
    }
    double a = 0, d = 0, s = 0;
    for (const auto& g : tallies) {
      if (c >= g.s.size()) continue;
      a += g.a[c]; d += g.d[c]; s += g.s[c];
    }
    const double p = s - (a + d);
    const double importance = (1.0 - (p + 1.0) / (s + 2.0)) * (extremity[c] + 1.0) * ((a + 1.0) / (s + 2.0));
    const double v = importance * (1.0 + 8.0 * std::pow(2.0, -s / 5.0));
    out[c] = v * v;
  }
  return out;
}

}  // namespace goldthread::opinion
