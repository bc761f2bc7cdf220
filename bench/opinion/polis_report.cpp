// opinion_polis_report: runs the engine on Pol.is openData conversation folders, once cold
// (one update from the final votes) and once replayed (the vote stream in time order
// through incremental updates, opinion/replay.hpp), and prints a Markdown table: our
// groups vs Pol.is's (summary.csv and the group-id column of participants-votes.csv), the
// adjusted Rand index between the partitions and the share of Pol.is's grouped
// participants that sit in the matching group of ours.
//
//   opinion_polis_report [--window-ms 1000] [--starts N] /work/shared/data/polis/*/
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"
#include "opinion/replay.hpp"

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
  std::int64_t window_ms = 1000;
  int starts = 1;
  int first = 1;
  for (; first + 1 < argc; first += 2) {
    std::string a = argv[first];
    if (a == "--window-ms")
      window_ms = std::atoll(argv[first + 1]);
    else if (a == "--starts")
      starts = std::atoi(argv[first + 1]);
    else
      break;
  }
  std::printf(
      "| conversation | votes source | participants | clustered by Pol.is | groups (summary.csv) | in-conv cold / "
      "replayed | "
      "groups cold / replayed | updates | ARI cold | ARI replayed | share in matching group cold | share replayed |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int i = first; i < argc; ++i) {
    std::string dir = argv[i];
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    std::string name = std::filesystem::path(dir).filename().string();
    auto pv_text = read_text_file(dir + "/participants-votes.csv");
    if (!pv_text) continue;
    auto pv = parse_participants_votes_csv(pv_text.value());
    if (!pv) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), pv.error().message.c_str());
      continue;
    }
    const bool have_votes = std::filesystem::exists(dir + "/votes.csv");
    std::vector<Vote> votes;
    if (have_votes) {
      auto vt = read_text_file(dir + "/votes.csv");
      auto parsed = parse_votes_csv(vt ? vt.value() : "");
      if (!parsed) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), parsed.error().message.c_str());
        continue;
      }
      votes = std::move(parsed.value());
    } else {
      votes = pv.value().votes;
    }
    std::vector<Moderation> moderation;
    if (auto ct = read_text_file(dir + "/comments.csv")) {
      if (auto comments = parse_comments_file(ct.value())) {
        moderation = moderation_of(comments.value().comments);
        for (const auto& w : comments.value().warnings)
          std::fprintf(stderr, "%s: warning: %s\n", name.c_str(), w.c_str());
      }
    }
    Params params;
    params.group_kmeans_starts = starts;
    Engine cold(params), replayed(params);
    cold.set_moderation(moderation);
    cold.add_votes(votes);
    const Analysis& a = cold.update();
    replayed.set_moderation(moderation);
    auto t0 = std::chrono::steady_clock::now();
    ReplayReport rep = replay_votes(replayed, votes, {window_ms});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Analysis& b = replayed.analysis();
    auto agreement = [&](const Engine& e, const Analysis& an) {
      std::vector<int> ours, polis;
      for (const auto& p : pv.value().participants) {
        auto r = e.matrix().try_row(p.pid);
        ours.push_back(r ? an.row_group[*r] : -1);
        polis.push_back(p.group_id ? *p.group_id : -1);
      }
      return compare_partitions(ours, polis);
    };
    int clustered = 0;
    for (const auto& p : pv.value().participants) clustered += p.group_id.has_value();
    auto ca = agreement(cold, a), ra = agreement(replayed, b);
    std::printf("| %s | %s | %d | %d | %d | %zu / %zu | %zu / %zu | %d | %.3f | %.3f | %.3f | %.3f |\n", name.c_str(),
                have_votes ? "votes.csv" : "participants-votes.csv", a.n, clustered, summary_groups(dir),
                a.in_conv.size(), b.in_conv.size(), a.groups.size(), b.groups.size(), rep.updates, ca.ari, ra.ari,
                ca.share_matched, ra.share_matched);
    std::fprintf(stderr, "%s: replay %d updates in %.1f s\n", name.c_str(), rep.updates, secs);
  }
  return 0;
}
