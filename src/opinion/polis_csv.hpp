#pragma once
// Readers for the Pol.is openData CSV exports (votes.csv, comments.csv in both the older and
// the newer format with is-meta / group-informed-consensus, participants-votes.csv).
// Columns are found by header name, so column order and extra columns do not matter.
// Every function returns a value or an Error with the file line; none throws on bad input.
// Vote values keep the export convention (+1 agree, -1 disagree, 0 pass).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opinion/result.hpp"
#include "opinion/types.hpp"

namespace goldthread::opinion {

struct PolisComment {
  std::int64_t tid = 0;
  std::int64_t author_id = -1;  // -1 when the column is absent
  std::int64_t timestamp = 0;
  int mod = 0;                  // "moderated": -1 rejected, 0 unmoderated, 1 accepted
  bool is_meta = false;         // "is-meta" (newer format only)
  std::int32_t agrees = 0, disagrees = 0;
  std::optional<double> group_informed_consensus;
  std::string body;
};

struct PolisParticipant {
  std::int64_t pid = 0;
  std::optional<int> group_id;  // the group Pol.is assigned; empty = not clustered
  std::string xid;
};

struct PolisParticipantsVotes {
  std::vector<PolisParticipant> participants;  // file order
  std::vector<std::int64_t> tids;              // comment columns, file order
  std::vector<Vote> votes;                     // non-empty cells; timestamp 0
};

// votes.csv: needs comment-id, voter-id, vote; timestamp optional (else 0).
Result<std::vector<Vote>> parse_votes_csv(std::string_view text);
// comments.csv: needs comment-id; moderated, is-meta, comment-body, ... optional.
Result<std::vector<PolisComment>> parse_comments_csv(std::string_view text);

// comments.csv with what a caller must tell the person importing it (docs/DECISIONS.md,
// "comments.csv without a moderated column"): without a `moderated` column every statement
// counts as unmoderated, so none is moderated out — the file is accepted, with a warning
// that says so (naming any column that looks like a misspelt `moderated`). Columns the
// reader does not know are ignored with a warning too. Header names match ignoring case,
// surrounding spaces and '_' for '-'.
struct PolisCommentsFile {
  std::vector<PolisComment> comments;
  bool has_moderation = false;        // the file has a `moderated` column
  std::vector<std::string> warnings;  // one sentence each, for a person
};
Result<PolisCommentsFile> parse_comments_file(std::string_view text);

// Timestamps are milliseconds since the epoch, written as integers or as decimals the way
// the Pol.is API emits them ("1594984322740.0"); decimals are rounded to the nearest ms.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
// participants-votes.csv: needs participant; comment columns are those after n-disagree
// (or every column whose header is an integer when n-disagree is absent).
Result<PolisParticipantsVotes> parse_participants_votes_csv(std::string_view text);

// Whole-file read. Error when the file cannot be opened or read.
Result<std::string> read_text_file(const std::string& path);

// Moderation records for the engine (§2: mod-out = mod == -1 or is_meta).
std::vector<Moderation> moderation_of(const std::vector<PolisComment>& comments);

}  // namespace goldthread::opinion
