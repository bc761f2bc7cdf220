#pragma once
// Consultations (issue 14.1): types, the survey's pure rules, the store and the services.
// Internal to engagement; other capabilities use engagement.hpp.
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::engagement {

// Limits (docs/LIMITS.md).
inline constexpr std::size_t kMaxConsultationTitle = 150;
inline constexpr std::size_t kMaxConsultationSummary = 600;
inline constexpr std::size_t kMaxConsultationDescription = 20000;
inline constexpr std::size_t kMaxDocuments = 20;
inline constexpr std::size_t kMaxDocumentLine = 600;
inline constexpr std::size_t kMaxQuestions = 40;
inline constexpr std::size_t kMaxQuestionLine = 1000;
inline constexpr std::size_t kMaxOptions = 12;
inline constexpr std::size_t kMaxShortAnswer = 200;
inline constexpr std::size_t kMaxLongAnswer = 3000;
inline constexpr std::size_t kMaxOutcome = 10000;
// "People in <area> said" is shown only for areas where at least this many people answered.
inline constexpr std::int64_t kAreaThreshold = 5;

// --- The survey ----------------------------------------------------------------------------
// One question a line: `kind[*] | question | options separated by ; | if N = answer`
// kinds: short, long, single, multiple, scale (options are the points' labels), ranking.
// `*` marks a required question. The condition (optional) names an earlier single-choice or
// scale question and one of its options.
struct Question {
  int number = 0;
  std::string kind;
  bool required = false;
  std::string text;
  std::vector<std::string> options;
  int if_question = 0;
  std::string if_answer;
  bool free_text() const { return kind == "short" || kind == "long"; }
};
bool is_question_kind(const std::string& kind);
// Errors name the line: "Line 3: ...". Empty survey → no questions (allowed).
core::Result<std::vector<Question>> parse_survey(const std::string& text);

struct Consultation;
// A stored survey's questions (none if it no longer parses).
std::vector<Question> survey_of(const Consultation& x);

// Answers by question number: one value (short, long, single, scale), several (multiple) or
// the options in ranked order (ranking).
using Answers = std::map<int, std::vector<std::string>>;
std::string answers_to_text(const Answers& a);
Answers answers_from_text(const std::string& text);
// Whether question q is shown given the answers (its condition holds, or it has none).
bool is_shown(const Question& q, const Answers& a);
// Drops answers to hidden questions and checks values and lengths; when `final`, also that
// every shown required question has an answer. Errors are on fields "q<N>".
std::vector<core::FieldError> check_answers(const std::vector<Question>& survey, Answers& a, bool final);

// --- Consultations -------------------------------------------------------------------------
struct Document {
  std::string title, url;
};
std::vector<Document> parse_documents(const std::vector<std::string>& lines, std::vector<core::FieldError>& errors);

struct Consultation {
  std::int64_t id = 0;
  std::string slug, title, summary, description, description_html, documents, survey, opens_on, closes_on;
  std::int64_t organisation_id = 0, created_by = 0;
  bool is_example = false;
  std::string you_said, we_did, outcome_html, outcome_published_at, created_at;
  std::vector<std::int64_t> ambition_ids;
  std::vector<std::string> area_codes;
  // "upcoming", "open" or "closed" on `today` (YYYY-MM-DD).
  std::string state(const std::string& today) const;
};

struct ConsultationInput {
  std::string title, summary, description, opens_on, closes_on;
  std::vector<std::string> documents;  // "title | url" lines
  std::string survey;
  std::vector<std::int64_t> ambition_ids;
  std::vector<std::string> area_codes;
  std::int64_t organisation_id = 0;
  bool is_example = false;
};

struct Response_ {
  std::int64_t id = 0, consultation_id = 0, user_id = 0;
  std::string status;  // draft | submitted
  bool anonymous = false;
  std::string area_code, updated_at, submitted_at;
  Answers answers;
};

struct ListFilter {
  std::string state;  // "open" (default: open and upcoming) or "closed"
  std::int64_t ambition_id = 0;
  std::string area_code;
  int page = 1, per_page = 20;
};
struct ListPage {
  std::vector<Consultation> items;
  std::int64_t total = 0;
};

struct OptionCount {
  std::string option;
  std::int64_t count = 0;
  double mean_position = 0;  // ranking only
};
struct QuestionResult {
  Question question;
  std::int64_t answered = 0;
  std::vector<OptionCount> counts;         // choice, scale, ranking (options in order)
  std::vector<std::string> approved_text;  // free text, approved by a moderator
};
struct AreaResult {
  std::string area_code, area_name;
  std::int64_t respondents = 0;
  bool shown = false;                     // respondents >= kAreaThreshold
  std::vector<QuestionResult> questions;  // only when shown: choice and scale questions
};
struct Results {
  std::int64_t respondents = 0;
  std::vector<QuestionResult> questions;
  std::vector<AreaResult> areas;
};

struct PendingText {
  std::int64_t answer_id = 0;
  int question = 0;
  std::string value;
};

namespace store {
std::int64_t insert_consultation(core::Connection& c, const Consultation& x);
void update_outcome(core::Connection& c, std::int64_t id, const std::string& said, const std::string& did,
                    const std::string& html, const std::string& at);
std::optional<Consultation> try_find(core::Connection& c, const std::string& slug);
std::optional<Consultation> try_find_by_id(core::Connection& c, std::int64_t id);
bool slug_taken(core::Connection& c, const std::string& slug);
ListPage list(core::Connection& c, const ListFilter& f, const std::string& today);
// Consultations open on `today` that close by `until` and whose closing is not yet announced.
std::vector<Consultation> closing_unannounced(core::Connection& c, const std::string& today, const std::string& until);
// Marks the closing announced; false when another run did it first.
bool mark_closing_announced(core::Connection& c, std::int64_t id, const std::string& today);
std::optional<Response_> try_response(core::Connection& c, std::int64_t consultation_id, std::int64_t user_id);
void save_response(core::Connection& c, Response_& r);
void insert_answers(core::Connection& c, const Response_& r, const std::vector<Question>& survey);
Results results(core::Connection& c, const Consultation& x, const std::vector<Question>& survey);
std::vector<PendingText> pending_text(core::Connection& c, std::int64_t consultation_id, int limit);
bool moderate(core::Connection& c, std::int64_t consultation_id, std::int64_t answer_id, const std::string& decision);
// Submitted responses after `after_id`, at most `limit`, in id order (export batches).
std::vector<Response_> submitted_after(core::Connection& c, std::int64_t consultation_id, std::int64_t after_id,
                                       int limit);
void redact_person(core::Connection& c, std::int64_t user_id, bool remove);
}  // namespace store

// --- Services (each one transaction, audited) ----------------------------------------------
bool can_manage(const core::Principal& p, const Consultation& x);
bool can_open_consultation(const core::Principal& p, std::int64_t organisation_id);
core::Result<Consultation> open_consultation(core::Database& db, const core::audit::Actor& actor,
                                             const ConsultationInput& in);
core::Result<Consultation> open_consultation_in(core::Connection& c, const core::audit::Actor& actor,
                                                const ConsultationInput& in);
// Saves the draft (final = false) or submits (final = true). Invalid with field errors;
// conflict when already submitted; invalid when the consultation is not open.
core::Result<Response_> save_answers(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                                     Answers answers, bool anonymous, const std::string& area_code, bool final,
                                     const std::string& today);
core::Status moderate_answer(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                             std::int64_t answer_id, const std::string& decision);
core::Status publish_outcome(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                             const std::string& said, const std::string& did, const std::string& today);
std::string today_iso();
// Tells the followers of each consultation open on `today` that closes within `days` days
// that it is closing (a "consultation-closing" notification), once per consultation; audited.
// Returns how many were announced.
int announce_closing(core::Database& db, const std::string& today, int days);

}  // namespace goldthread::engagement
