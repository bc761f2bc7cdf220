#include "opinion/analysis_json.hpp"

#include <nlohmann/json.hpp>

namespace goldthread::opinion {

std::string analysis_to_json(const Analysis& a, const VoteMatrix& m, int indent) {
  using nlohmann::json;
  const auto& pids = m.row_ids();
  const auto& tids = m.col_ids();
  json j;
  j["n"] = a.n;
  j["n_cmts"] = a.n_cmts;
  j["tids"] = tids;
  json in_conv = json::array();
  for (auto r : a.in_conv) in_conv.push_back(pids[r]);
  j["in_conv"] = std::move(in_conv);
  json mod_out = json::array();
  for (std::size_t c = 0; c < a.mod_out.size(); ++c)
    if (a.mod_out[c]) mod_out.push_back(tids[c]);
  j["mod_out"] = std::move(mod_out);
  j["pca"] = {{"center", a.pca.center},
              {"comps", a.pca.comps},
              {"comment_extremity", a.comment_projection.extremity}};
  json proj = json::object();
  for (std::int32_t r = 0; r < a.n; ++r)
    proj[std::to_string(pids[r])] = {a.proj[2 * static_cast<std::size_t>(r)],
                                     a.proj[2 * static_cast<std::size_t>(r) + 1]};
  j["proj"] = std::move(proj);
  json base = json::array();
  for (const auto& c : a.base_clusters) {
    json members = json::array();
    for (auto r : c.members) members.push_back(pids[r]);
    base.push_back({{"id", c.id}, {"members", std::move(members)}, {"center", {c.x, c.y}}});
  }
  j["base_clusters"] = std::move(base);
  json groups = json::array();
  json repness = json::object();
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    json members = json::array();
    for (auto r : a.groups[g].rows) members.push_back(pids[r]);
    groups.push_back({{"id", a.groups[g].id},
                      {"members", std::move(members)},
                      {"base_clusters", a.groups[g].base_ids}});
    json list = json::array();
    for (const auto& rec : a.repness[g]) {
      json o = {{"tid", rec.tid},
                {"repful_for", rec.agree ? "agree" : "disagree"},
                {"n_success", rec.n_success},
                {"n_trials", rec.n_trials},
                {"p_success", rec.p_success},
                {"p_test", rec.p_test},
                {"repness", rec.repness},
                {"repness_test", rec.repness_test}};
      if (rec.best_agree) {
        o["best_agree"] = true;
        o["n_agree"] = rec.n_agree;
      }
      list.push_back(std::move(o));
    }
    repness[std::to_string(a.groups[g].id)] = std::move(list);
  }
  j["groups"] = std::move(groups);
  j["repness"] = std::move(repness);
  j["this_k"] = a.this_k;
  j["smoothed_k"] = a.smoothed_k;
  auto consensus_list = [](const std::vector<ConsensusRecord>& list) {
    json out = json::array();
    for (const auto& c : list)
      out.push_back({{"tid", c.tid}, {"n_success", c.n_success}, {"n_trials", c.n_trials},
                     {"p_success", c.p_success}, {"p_test", c.p_test}});
    return out;
  };
  j["consensus"] = {{"agree", consensus_list(a.consensus.agree)},
                    {"disagree", consensus_list(a.consensus.disagree)}};
  json gac = json::object(), prio = json::object();
  for (std::size_t c = 0; c < tids.size(); ++c) {
    gac[std::to_string(tids[c])] = a.group_aware_consensus[c];
    prio[std::to_string(tids[c])] = a.comment_priorities[c];
  }
  j["group_aware_consensus"] = std::move(gac);
  j["comment_priorities"] = std::move(prio);
  return j.dump(indent);
}

}  // namespace goldthread::opinion
