#pragma once
// The readiness services: each owns its transaction, validates once, writes and audits.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/csv_import.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"
#include "readiness/readiness_store.hpp"

namespace goldthread::readiness {

// --- Framework ----------------------------------------------------------------------------
// A place admin rewords a statement: a new framework version (audited "update",
// "readiness-framework"). same_meaning maps the new wording to the old for comparisons.
core::Result<Framework> reword_statement(core::Database& db, const core::audit::Actor& actor, const std::string& code,
                                         const std::string& text, bool same_meaning);

// A place admin's other changes to the framework, each a new version (audited "update",
// "readiness-framework", field by field): add a statement to a block, remove one, or change a
// block's description and level descriptors. Field errors name the form's fields (add_text,
// remove_code, description, level_1, level_3, level_5).
struct FrameworkChange {
  std::string kind;  // add | remove | block
  std::string block, code, text, description;
  std::map<int, std::string> levels;
  bool same_meaning = false;
};
core::Result<Framework> change_framework(core::Database& db, const core::audit::Actor& actor,
                                         const FrameworkChange& change);

// --- Rounds -------------------------------------------------------------------------------
struct RoundInput {
  std::string name, mode = "facilitated", invite_scope = "everyone";
  std::vector<std::string> invited;
  std::string opens_on, closes_on;
  int threshold = kDefaultThreshold;
  bool is_example = false;
};
std::vector<core::FieldError> validate_round(const RoundInput& in);
// On the latest framework version; slug from the name.
core::Result<Round> open_round(core::Database& db, const core::audit::Actor& actor, const RoundInput& in);
core::Result<Round> open_round_in(core::Connection& c, const core::audit::Actor& actor, const RoundInput& in);

// --- Answering ----------------------------------------------------------------------------
// Who answers for this person in this round: "org:<id>" (facilitated: the organisation they
// choose among their memberships; 0 = the first) or "user:<id>" (individual). The organisation
// decides the sector and area the response is grouped under.
struct Respondent {
  std::string key;
  std::int64_t organisation_id = 0, user_id = 0;
  std::string organisation_name, sector, area_code;
};
core::Result<Respondent> respondent_for(core::Connection& c, const core::Principal& p, const Round& r,
                                        std::int64_t organisation_id);
bool round_is_open(const Round& r, const std::string& today);

// Per-field checks: levels 0-5 on the round's framework, evidence link http(s).
std::vector<core::FieldError> validate_answers(const Framework& f, const std::vector<Answer>& answers);

// Saves a draft (submit = false) or submits (true): the round must be open and the response
// not yet submitted (else conflict). Audited "save-draft" / "submit", "readiness-response".
core::Result<Submission> save_answers(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                      const Respondent& who, const std::vector<Answer>& answers, bool submit,
                                      const std::string& today);
// An admin enters answers given on paper, each for an organisation (0 = none) with its sector
// and area: submitted at once, source "paper", all in one transaction. Returns how many.
core::Result<int> enter_paper_answers(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                      const std::vector<std::pair<Respondent, std::vector<Answer>>>& sheets);

// Paper answers pasted as CSV (docs/IMPORT_FORMATS.md, "Readiness paper answers"): one row an
// answer to one statement, rows of one sheet together make one response; every sheet answers
// every statement. All or nothing, in one transaction; each response audited.
core::ImportReport import_paper_csv(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                    const std::string& csv_text);

// --- Actions ------------------------------------------------------------------------------
struct ActionInput {
  std::string block_slug, text, due_on;
  std::int64_t organisation_id = 0;
};
// The signed-in person owns the action (it appears on their dashboard); for an organisation
// they are a member of, or none. A commitment of kind "readiness-action".
core::Result<std::int64_t> add_action(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                      const Round& round, const ActionInput& in);

}  // namespace goldthread::readiness
