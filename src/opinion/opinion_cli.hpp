#pragma once
// `goldthread opinion analyse`: runs the engine once (cold start) on a Pol.is export and
// prints a human summary; optionally writes the analysis as JSON (format in README.md).
// Errors (missing/unreadable/malformed files, bad arguments) are reported on `err` with a
// non-zero return; nothing throws for bad input.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace goldthread::opinion {

struct AnalyseOptions {
  std::string votes_csv, comments_csv, participants_votes_csv, out_json;
  // --replay: feed votes.csv in time order through incremental updates, one per
  // replay_window_ms of conversation time (opinion/replay.hpp) instead of one cold update.
  bool replay = false;
  std::int64_t replay_window_ms = 1000;
  // --starts N: keep the best of N group k-means starts (Params::group_kmeans_starts).
  int starts = 1;
};

// Exactly one of votes_csv / participants_votes_csv is used (votes_csv wins when both are
// given); comments_csv is optional (moderation and statement texts). Returns 0 on success,
// 1 on bad input, 2 when the output file cannot be written.
int run_analyse(const AnalyseOptions& options, std::ostream& out, std::ostream& err);

// Parses `--votes F --comments F --participants-votes F --out F --replay
// --replay-window-ms T --starts N` (the arguments after `opinion analyse`). Returns false and writes a usage message to err on a bad argument.
bool parse_analyse_args(const std::vector<std::string>& args, AnalyseOptions& options,
                        std::ostream& err);

}  // namespace goldthread::opinion
