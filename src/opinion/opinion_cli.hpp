#pragma once
// `goldthread opinion analyse`: runs the engine once (cold start) on a Pol.is export and
// prints a human summary; optionally writes the analysis as JSON (format in README.md).
// Errors (missing/unreadable/malformed files, bad arguments) are reported on `err` with a
// non-zero return; nothing throws for bad input.

#include <ostream>
#include <string>
#include <vector>

namespace goldthread::opinion {

struct AnalyseOptions {
  std::string votes_csv, comments_csv, participants_votes_csv, out_json;
};

// Exactly one of votes_csv / participants_votes_csv is used (votes_csv wins when both are
// given); comments_csv is optional (moderation and statement texts). Returns 0 on success,
// 1 on bad input, 2 when the output file cannot be written.
int run_analyse(const AnalyseOptions& options, std::ostream& out, std::ostream& err);

// Parses `--votes F --comments F --participants-votes F --out F` (the arguments after
// `opinion analyse`). Returns false and writes a usage message to err on a bad argument.
bool parse_analyse_args(const std::vector<std::string>& args, AnalyseOptions& options,
                        std::ostream& err);

}  // namespace goldthread::opinion
