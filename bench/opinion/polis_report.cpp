// opinion_polis_report: runs a cold engine update on Pol.is openData conversation folders
// and prints a Markdown table: our groups vs Pol.is's (summary.csv and the group-id column
// of participants-votes.csv), and the adjusted Rand index between the two partitions.
//
//   opinion_polis_report /work/shared/data/polis/*/
#include <cstdio>
#include <filesystem>
#include <string>

#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"

using namespace goldthread::opinion;

namespace {

int summary_groups(const std::string& dir) {
  auto text = read_text_file(dir + "/summary.csv");
  if (!text) return -1;
  const std::string& s = text.value();
  auto at = s.find("\ngroups,");
  return at == std::string::npos ? -1 : std::atoi(s.c_str() + at + 8);
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("| conversation | votes source | participants | in-conv (ours) | clustered by Pol.is | groups (ours) | "
              "groups (summary.csv) | silhouettes k=2..K | ARI |\n|---|---|---|---|---|---|---|---|---|\n");
  for (int i = 1; i < argc; ++i) {
    std::string dir = argv[i];
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    std::string name = std::filesystem::path(dir).filename().string();
    auto pv_text = read_text_file(dir + "/participants-votes.csv");
    if (!pv_text) continue;
    auto pv = parse_participants_votes_csv(pv_text.value());
    if (!pv) { std::fprintf(stderr, "%s: %s\n", name.c_str(), pv.error().message.c_str()); continue; }
    Engine e;
    const bool have_votes = std::filesystem::exists(dir + "/votes.csv");
    if (have_votes) {
      auto vt = read_text_file(dir + "/votes.csv");
      auto votes = parse_votes_csv(vt ? vt.value() : "");
      if (!votes) { std::fprintf(stderr, "%s: %s\n", name.c_str(), votes.error().message.c_str()); continue; }
      e.add_votes(votes.value());
    } else {
      e.add_votes(pv.value().votes);
    }
    if (auto ct = read_text_file(dir + "/comments.csv")) {
      if (auto comments = parse_comments_csv(ct.value())) e.set_moderation(moderation_of(comments.value()));
    }
    const Analysis& a = e.update();
    std::vector<int> ours, polis;
    int clustered = 0;
    for (const auto& p : pv.value().participants) {
      clustered += p.group_id.has_value();
      auto r = e.matrix().try_row(p.pid);
      if (!r) continue;
      ours.push_back(a.row_group[*r]);
      polis.push_back(p.group_id ? *p.group_id : -1);
    }
    std::string sil;
    for (auto [k, s] : a.silhouettes) sil += (sil.empty() ? "" : " / ") + std::to_string(s).substr(0, 5);
    std::printf("| %s | %s | %d | %zu | %d | %zu | %d | %s | %.3f |\n", name.c_str(),
                have_votes ? "votes.csv" : "participants-votes.csv", a.n, a.in_conv.size(), clustered,
                a.groups.size(), summary_groups(dir), sil.c_str(), adjusted_rand_index(ours, polis));
  }
  return 0;
}
