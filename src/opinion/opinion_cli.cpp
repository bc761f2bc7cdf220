#include "opinion/opinion_cli.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <unordered_map>

#include "opinion/analysis_json.hpp"
#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"
#include "opinion/replay.hpp"

namespace goldthread::opinion {
namespace {

constexpr const char* kUsage =
    "usage: goldthread opinion analyse --votes votes.csv [--comments comments.csv] [--out result.json]\n"
    "                                  [--replay [--replay-window-ms 1000]] [--starts N]\n"
    "       goldthread opinion analyse --participants-votes participants-votes.csv [--comments ...] [--out ...]\n";

std::string shorten(const std::string& text, std::size_t max_bytes = 100) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "...";
}

}  // namespace

bool parse_analyse_args(const std::vector<std::string>& args, AnalyseOptions& o, std::ostream& err) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--replay") {
      o.replay = true;
      continue;
    }
    if ((a == "--replay-window-ms" || a == "--starts") && i + 1 < args.size()) {
      const std::string& v = args[++i];
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || (a == "--starts" && n > 100)) {
        err << a << " needs a whole number" << (a == "--starts" ? " from 1 to 100" : " of 1 or more") << "\n" << kUsage;
        return false;
      }
      if (a == "--starts")
        o.starts = static_cast<int>(n);
      else
        o.replay_window_ms = n;
      continue;
    }
    std::string* target = a == "--votes" ? &o.votes_csv
                        : a == "--comments" ? &o.comments_csv
                        : a == "--participants-votes" ? &o.participants_votes_csv
                        : a == "--out" ? &o.out_json
                        : nullptr;
    if (!target || i + 1 >= args.size()) {
      err << (target ? "missing value for " + a : "unknown argument: " + a) << "\n" << kUsage;
      return false;
    }
    *target = args[++i];
  }
  return true;
}

int run_analyse(const AnalyseOptions& o, std::ostream& out, std::ostream& err) {
  if (o.votes_csv.empty() && o.participants_votes_csv.empty()) {
    err << "opinion analyse: give --votes or --participants-votes\n" << kUsage;
    return 1;
  }
  if (o.replay && o.votes_csv.empty()) {
    err << "opinion analyse: --replay needs --votes (participants-votes.csv has no vote times)\n";
    return 1;
  }
  Params params;
  params.group_kmeans_starts = o.starts;
  Engine engine(params);
  // Moderation first: a replay applies it from the first update (opinion/replay.hpp).
  std::unordered_map<std::int64_t, std::string> bodies;
  if (!o.comments_csv.empty()) {
    auto text = read_text_file(o.comments_csv);
    if (!text) {
      err << "opinion analyse: " << text.error().message << "\n";
      return 1;
    }
    auto comments = parse_comments_file(text.value());
    if (!comments) {
      err << "opinion analyse: " << o.comments_csv << ": " << comments.error().message << "\n";
      return 1;
    }
    for (const auto& w : comments.value().warnings) err << "opinion analyse: warning: " << w << "\n";
    engine.set_moderation(moderation_of(comments.value().comments));
    for (auto& c : comments.value().comments) bodies[c.tid] = std::move(c.body);
  }
  std::vector<Vote> votes;
  if (!o.votes_csv.empty()) {
    auto text = read_text_file(o.votes_csv);
    if (!text) { err << "opinion analyse: " << text.error().message << "\n"; return 1; }
    auto parsed = parse_votes_csv(text.value());
    if (!parsed) {
      err << "opinion analyse: " << o.votes_csv << ": " << parsed.error().message << "\n";
      return 1;
    }
    votes = std::move(parsed.value());
  } else {
    auto text = read_text_file(o.participants_votes_csv);
    if (!text) { err << "opinion analyse: " << text.error().message << "\n"; return 1; }
    auto pv = parse_participants_votes_csv(text.value());
    if (!pv) { err << "opinion analyse: " << o.participants_votes_csv << ": " << pv.error().message << "\n"; return 1; }
    votes = std::move(pv.value().votes);
  }
  if (o.replay) {
    const bool timed =
        std::any_of(votes.begin(), votes.end(), [&](const Vote& v) { return v.timestamp != votes.front().timestamp; });
    if (!timed && votes.size() > 1)
      err << "opinion analyse: warning: every vote has the same timestamp, so the replay is a single update\n";
    auto rep = replay_votes(engine, votes, {o.replay_window_ms});
    out << "replayed " << rep.votes << " votes in time order: " << rep.updates << " updates, one per "
        << o.replay_window_ms << " ms of conversation time that had votes\n";
  } else {
    engine.add_votes(votes);
  }
  const Analysis& a = o.replay && !votes.empty() ? engine.analysis() : engine.update();
  auto text_of = [&](std::int64_t tid) {
    auto it = bodies.find(tid);
    return it == bodies.end() ? std::string("(no text)") : shorten(it->second);
  };

  out << "participants: " << a.n << "  comments with votes: " << a.n_cmts
      << "  in-conv: " << a.in_conv.size() << "\n";
  out << "groups: " << a.groups.size() << " (k chosen " << a.this_k << ", silhouettes";
  for (auto [k, s] : a.silhouettes) out << " k" << k << "=" << std::fixed << std::setprecision(3) << s;
  out << ")\n";
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    out << "group " << a.groups[g].id << ": " << a.groups[g].rows.size() << " participants\n";
    for (const auto& r : a.repness[g])
      out << "  [" << (r.agree ? "agree   " : "disagree") << " " << std::setprecision(0)
          << std::fixed << 100.0 * r.p_success << "%] #" << r.tid << " " << text_of(r.tid) << "\n";
  }
  out << "consensus (agree):\n";
  for (const auto& c : a.consensus.agree)
    out << "  [" << std::setprecision(0) << 100.0 * c.p_success << "%] #" << c.tid << " " << text_of(c.tid) << "\n";
  out << "consensus (disagree):\n";
  for (const auto& c : a.consensus.disagree)
    out << "  [" << std::setprecision(0) << 100.0 * c.p_success << "%] #" << c.tid << " " << text_of(c.tid) << "\n";
  out << std::defaultfloat;

  if (!o.out_json.empty()) {
    std::ofstream f(o.out_json, std::ios::binary);
    if (!f) { err << "opinion analyse: cannot write " << o.out_json << "\n"; return 2; }
    f << analysis_to_json(a, engine.matrix()) << "\n";
    if (!f) { err << "opinion analyse: cannot write " << o.out_json << "\n"; return 2; }
  }
  return 0;
}

}  // namespace goldthread::opinion
