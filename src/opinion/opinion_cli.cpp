#include "opinion/opinion_cli.hpp"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <unordered_map>

#include "opinion/analysis_json.hpp"
#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"

namespace goldthread::opinion {
namespace {

constexpr const char* kUsage =
    "usage: goldthread opinion analyse --votes votes.csv [--comments comments.csv] [--out result.json]\n"
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
  Engine engine;
  if (!o.votes_csv.empty()) {
    auto text = read_text_file(o.votes_csv);
    if (!text) { err << "opinion analyse: " << text.error().message << "\n"; return 1; }
    auto votes = parse_votes_csv(text.value());
    if (!votes) { err << "opinion analyse: " << o.votes_csv << ": " << votes.error().message << "\n"; return 1; }
    engine.add_votes(votes.value());
  } else {
    auto text = read_text_file(o.participants_votes_csv);
    if (!text) { err << "opinion analyse: " << text.error().message << "\n"; return 1; }
    auto pv = parse_participants_votes_csv(text.value());
    if (!pv) { err << "opinion analyse: " << o.participants_votes_csv << ": " << pv.error().message << "\n"; return 1; }
    engine.add_votes(pv.value().votes);
  }
  std::unordered_map<std::int64_t, std::string> bodies;
  if (!o.comments_csv.empty()) {
    auto text = read_text_file(o.comments_csv);
    if (!text) { err << "opinion analyse: " << text.error().message << "\n"; return 1; }
    auto comments = parse_comments_csv(text.value());
    if (!comments) { err << "opinion analyse: " << o.comments_csv << ": " << comments.error().message << "\n"; return 1; }
    engine.set_moderation(moderation_of(comments.value()));
    for (auto& c : comments.value()) bodies[c.tid] = std::move(c.body);
  }
  const Analysis& a = engine.update();
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
