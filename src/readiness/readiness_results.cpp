// Heat map, weak blocks and the comparison of two rounds (pure).
#include "readiness/readiness_results.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"

namespace goldthread::readiness {

std::string group_key(const Submission& r, const std::string& by) {
  if (by == "area") return r.area_code;
  if (by == "organisation") return r.organisation_id ? std::to_string(r.organisation_id) : "";
  return r.sector;
}

namespace {

Cell cell_of(const Block& b, const std::vector<const Submission*>& rs, const std::vector<std::string>& codes) {
  std::vector<double> cur, des;
  for (const auto* r : rs) {
    auto l = block_levels(b, *r, codes);
    if (l.current) cur.push_back(*l.current);
    if (l.desired) des.push_back(*l.desired);
  }
  Cell c;
  c.current = spread_of(cur);
  c.desired = spread_of(des);
  c.state = c.current.n == 0 ? CellState::empty : CellState::shown;
  return c;
}

}  // namespace

HeatMap heat_map(const Framework& f, const std::vector<Submission>& submitted, const std::string& by, int threshold,
                 bool facilitated, const std::vector<Group>& labels, const std::vector<std::string>& codes) {
  HeatMap m;
  m.by = by;
  m.threshold = clamp_threshold(threshold);
  m.attributable = facilitated && by == "organisation";
  std::map<std::string, std::vector<const Submission*>> members;
  std::vector<const Submission*> all;
  for (const auto& r : submitted) {
    members[group_key(r, by)].push_back(&r);
    all.push_back(&r);
  }
  for (const auto& g : labels)
    if (members.count(g.key) && !g.key.empty()) m.groups.push_back(g);
  for (const auto& [key, rs] : members) {
    bool known = false;
    for (const auto& g : m.groups) known = known || g.key == key;
    if (!known && !key.empty()) m.groups.push_back({key, key});
  }
  if (members.count("")) m.groups.push_back({"", "Not recorded"});
  for (const auto& b : f.blocks) {
    HeatRow row;
    row.block = &b;
    row.place = cell_of(b, all, codes);
    if (row.place.current.n > 0 && row.place.current.n < m.threshold) row.place.state = CellState::small;
    std::vector<int> counts;
    for (const auto& g : m.groups) {
      row.cells.push_back(cell_of(b, members[g.key], codes));
      counts.push_back(row.cells.back().current.n);
    }
    if (!m.attributable) {
      auto hidden = suppress(counts, m.threshold);
      for (std::size_t i = 0; i < hidden.size(); ++i)
        if (hidden[i]) row.cells[i].state = counts[i] < m.threshold ? CellState::small : CellState::complementary;
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}

std::vector<std::string> weak_blocks(const HeatMap& m, double below) {
  std::vector<std::string> out;
  const HeatRow* widest = nullptr;
  double widest_gap = 0;
  for (const auto& r : m.rows) {
    if (r.place.state != CellState::shown) continue;
    if (r.place.current.median < below) out.push_back(r.block->slug);
    if (r.place.desired.n) {
      double gap = r.place.desired.median - r.place.current.median;
      if (gap > widest_gap) widest_gap = gap, widest = &r;
    }
  }
  if (widest && std::find(out.begin(), out.end(), widest->block->slug) == out.end()) out.push_back(widest->block->slug);
  return out;
}

std::vector<Movement> compare(const Framework& later, const std::vector<Submission>& before,
                              const std::vector<Submission>& after, const std::vector<std::string>& codes,
                              int threshold) {
  threshold = clamp_threshold(threshold);
  std::vector<const Submission*> b, a;
  for (const auto& r : before) b.push_back(&r);
  for (const auto& r : after) a.push_back(&r);
  std::vector<Movement> out;
  for (const auto& blk : later.blocks) {
    bool any = false;
    for (const auto& s : blk.statements) any = any || std::find(codes.begin(), codes.end(), s.code) != codes.end();
    if (!any) continue;
    Movement mv;
    mv.block = &blk;
    mv.before = cell_of(blk, b, codes);
    mv.after = cell_of(blk, a, codes);
    for (auto* c : {&mv.before, &mv.after})
      if (c->current.n > 0 && c->current.n < threshold) c->state = CellState::small;
    if (mv.before.state == CellState::shown && mv.after.state == CellState::shown)
      mv.moved = std::abs(mv.after.current.median - mv.before.current.median) >
                 std::max(mv.before.current.iqr(), mv.after.current.iqr());
    out.push_back(mv);
  }
  return out;
}

std::string cell_note(const Cell& c, int threshold) {
  switch (c.state) {
    case CellState::empty:
      return "No answers";
    case CellState::small:
      return "Fewer than " + core::count_of(threshold, "answer");
    case CellState::complementary:
      return "Hidden so that a smaller group cannot be worked out";
    case CellState::shown:
      break;
  }
  return core::count_of(c.current.n, "answer");
}

std::string level_text(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
  return buf;
}

}  // namespace goldthread::readiness
