#pragma once
// The readiness capability's pure part (no database, no HTTP): the framework (blocks,
// statements, versions), aggregation (median and interquartile range of each block's level)
// and the anonymity rule (threshold and complementary suppression). readiness_model.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace goldthread::readiness {

inline constexpr int kMinLevel = 1, kMaxLevel = 5;
inline constexpr int kDefaultThreshold = 5;
inline constexpr int kMinThreshold = 3;
inline constexpr std::size_t kMaxStatementText = 300;
inline constexpr std::size_t kMaxBlockDescription = 2000;
inline constexpr std::size_t kMaxLevelText = 500;
inline constexpr std::size_t kMaxRoundName = 120;
inline constexpr std::size_t kMaxEvidenceText = 2000;
inline constexpr std::size_t kMaxEvidenceUrl = 2000;
inline constexpr std::size_t kMaxInvited = 200;
inline constexpr std::size_t kMaxPaperCsv = 200000;

struct Statement {
  std::string code, text;
  int since = 1;  // comparable with every version from `since` on (same meaning)
};

struct Block {
  std::string slug, title, description;
  int number = 0;
  std::map<int, std::string> levels;  // descriptors at 1, 3 and 5
  std::vector<Statement> statements;
};

struct Recommendation {
  std::string slug, title, horizon, aim;
  std::vector<std::string> building_blocks;
};

struct Framework {
  int version = 1;
  std::string note;
  std::map<int, std::string> scale;
  std::vector<Block> blocks;
  std::vector<Recommendation> recommendations;
  std::string recommendations_note;
  const Statement* statement(const std::string& code) const;
  const Block* block(const std::string& slug) const;
};

// Reads the bundled format (data/readiness/essex-framework.json); errors name the problem.
core::Result<Framework> parse_framework(const std::string& json_text);
std::string framework_json(const Framework& f);
// 3-5 statements a block, each 1-300 characters, unique codes; nine blocks at most 20.
std::vector<core::FieldError> validate_framework(const Framework& f);

// A new version of `f` with one statement reworded. `same_meaning`: the admin maps the new
// wording to the old, so answers stay comparable across the change; otherwise the statement
// is comparable only from the new version on.
Framework reword(const Framework& f, const std::string& code, const std::string& text, bool same_meaning);

// A new version with a statement added at the end of a block (a fresh code): comparable only
// from the new version on, since nothing answered it before.
Framework add_statement(const Framework& f, const std::string& block_slug, const std::string& text);
// A new version without the statement: comparisons with earlier versions leave it out.
Framework remove_statement(const Framework& f, const std::string& code);
// A new version with a block's description and its level descriptors (1, 3, 5) replaced. A
// description explains the block and changes no score. Changed descriptors change what a
// level means, so unless the admin says they mean the same, the block's statements are
// comparable only from the new version on.
Framework edit_block(const Framework& f, const std::string& slug, const std::string& description,
                     const std::map<int, std::string>& levels, bool same_meaning);

// The statement codes answers of versions a and b can be compared on: present in both, and
// in the later version comparable since the earlier one (unchanged, or mapped by an admin).
std::vector<std::string> comparable_statements(const Framework& a, const Framework& b);

// --- Answers and aggregation ------------------------------------------------------------
struct Answer {
  std::string statement_code;
  int current = -1, desired = -1;  // 1-5, 0 = don't know, -1 = not answered yet (a draft)
  std::string evidence_text, evidence_url;
};

struct Submission {
  std::int64_t id = 0;
  std::string respondent_key;  // "org:<id>", "user:<id>" or "paper:<n>"
  std::int64_t organisation_id = 0, user_id = 0;
  std::string organisation_name, sector, area_code;
  std::string status = "draft";   // draft | submitted
  std::string source = "online";  // online | paper
  std::string updated_at, submitted_at;
  std::vector<Answer> answers;
};

// A response's level for a block: the mean of its known answers among `codes` (all of the
// block's statements when `codes` is empty); nullopt when every one is "don't know".
struct BlockLevels {
  std::optional<double> current, desired;
};
BlockLevels block_levels(const Block& b, const Submission& r, const std::vector<std::string>& codes = {});

struct Spread {
  int n = 0;
  double median = 0, q1 = 0, q3 = 0;  // quartiles by linear interpolation (R type 7)
  double iqr() const { return q3 - q1; }
};
Spread spread_of(std::vector<double> values);

// --- Anonymity ------------------------------------------------------------------------------
// The threshold of a round: at least kMinThreshold.
int clamp_threshold(int n);
// Which cells of one partition to hide. `counts`: the answers in each sibling cell (the
// cells together make up the total, which is shown). A cell with 1..threshold-1 answers is
// hidden (primary); then, while the hidden cells with answers could be worked out from the
// total and the shown cells — a single hidden cell, or hidden cells that together hold fewer
// than `threshold` answers — the smallest shown cell with answers is hidden too
// (complementary). A cell with no answers is shown as empty and never hidden. When the total
// is below the threshold, every cell with answers is hidden.
std::vector<bool> suppress(const std::vector<int>& counts, int threshold);

}  // namespace goldthread::readiness
