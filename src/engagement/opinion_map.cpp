#include "engagement/opinion_map.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "opinion/engine.hpp"

namespace goldthread::engagement {
using nlohmann::json;

namespace {
const char* const kGroupNames[] = {"A", "B", "C", "D", "E", "F"};
// Okabe and Ito's palette, told apart with the common kinds of colour blindness (no red and
// green pair): blue, orange, bluish green, reddish purple, sky blue, vermilion.
const char* const kGroupColours[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"};
const char* const kColourNames[] = {"blue", "orange", "blue-green", "pink", "light blue", "red-orange"};

int percent(double p) {
  return static_cast<int>(std::lround(std::clamp(p, 0.0, 1.0) * 100));
}

std::string text_of(const std::map<std::int64_t, std::string>& statements, std::int64_t tid) {
  auto it = statements.find(tid);
  return it == statements.end() || it->second.empty() ? "Statement " + std::to_string(tid) : it->second;
}
}  // namespace

json opinion_map(const ConversationData& data) {
  if (data.votes.empty()) return opinion_map_of(nullptr, data.statements);
  opinion::Engine engine;
  engine.add_votes(data.votes);
  engine.set_moderation(data.moderation);
  return opinion_map_of(&engine.update(), data.statements);
}

json opinion_map_of(const opinion::Analysis* analysis, const std::map<std::int64_t, std::string>& statements) {
  json out = {{"participants", 0},
              {"in_conv", 0},
              {"groups", json::array()},
              {"consensus_agree", json::array()},
              {"consensus_disagree", json::array()},
              {"points", json::array()},
              {"has_groups", false}};
  if (!analysis) return out;
  const auto& a = *analysis;
  out["participants"] = a.n;
  out["in_conv"] = a.in_conv.size();
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    json reps = json::array();
    if (g < a.repness.size())
      for (const auto& r : a.repness[g])
        reps.push_back({{"tid", r.tid},
                        {"text", text_of(statements, r.tid)},
                        {"repful_for", r.agree ? "agree" : "disagree"},
                        {"agree", r.agree},
                        {"percent", percent(r.p_success)},
                        {"n_success", r.n_success},
                        {"n_trials", r.n_trials}});
    std::size_t idx = std::min<std::size_t>(g, 5);
    out["groups"].push_back(
        {{"id", a.groups[g].id},
         {"name", std::string("Group ") + kGroupNames[idx]},
         {"colour", kGroupColours[idx]},
         {"colour_name", kColourNames[idx]},
         {"size", a.groups[g].rows.size()},
         {"people", core::count_of(static_cast<std::int64_t>(a.groups[g].rows.size()), "person", "people")},
         {"representative", reps},
         {"has_representative", !reps.empty()}});
  }
  out["has_groups"] = !a.groups.empty();
  for (const auto& c : a.consensus.agree)
    out["consensus_agree"].push_back({{"tid", c.tid},
                                      {"text", text_of(statements, c.tid)},
                                      {"percent", percent(c.p_success)},
                                      {"n_success", c.n_success},
                                      {"n_trials", c.n_trials}});
  for (const auto& c : a.consensus.disagree)
    out["consensus_disagree"].push_back({{"tid", c.tid},
                                         {"text", text_of(statements, c.tid)},
                                         {"percent", percent(c.p_success)},
                                         {"n_success", c.n_success},
                                         {"n_trials", c.n_trials}});
  out["has_consensus"] = !out["consensus_agree"].empty() || !out["consensus_disagree"].empty();
  // Points for the map, scaled into a 600 × 400 box with a margin.
  double minx = 0, maxx = 0, miny = 0, maxy = 0;
  for (std::size_t i = 0; i + 1 < a.proj.size(); i += 2) {
    minx = std::min(minx, a.proj[i]), maxx = std::max(maxx, a.proj[i]);
    miny = std::min(miny, a.proj[i + 1]), maxy = std::max(maxy, a.proj[i + 1]);
  }
  double sx = maxx > minx ? 560 / (maxx - minx) : 1, sy = maxy > miny ? 360 / (maxy - miny) : 1;
  // One circle (r = 4) per occupied 3 px cell and group: a 33,000-participant map draws a few
  // thousand circles, not 33,000 on top of each other (the page stays small and quick to
  // render), and no circle moves more than 1.5 px.
  constexpr double kCell = 3.0;
  std::set<std::tuple<int, int, int>> drawn;
  for (std::size_t row = 0; row * 2 + 1 < a.proj.size(); ++row) {
    int g = row < a.row_group.size() ? a.row_group[row] : -1;
    if (g < 0) continue;  // only clustered participants are drawn
    const int cx = static_cast<int>((a.proj[row * 2] - minx) * sx / kCell);
    const int cy = static_cast<int>((a.proj[row * 2 + 1] - miny) * sy / kCell);
    if (!drawn.insert({cx, cy, g}).second) continue;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", 20 + (cx + 0.5) * kCell);
    std::string x = buf;
    std::snprintf(buf, sizeof buf, "%.1f", 20 + (cy + 0.5) * kCell);
    out["points"].push_back({{"x", x}, {"y", std::string(buf)}, {"colour", kGroupColours[std::min(g, 5)]}});
  }
  return out;
}

}  // namespace goldthread::engagement
