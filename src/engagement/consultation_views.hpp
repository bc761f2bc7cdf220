#pragma once
// What consultation pages show, as structs; consultation_json.cpp turns them into the JSON
// twin (the resource) and the templates' models.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/context.hpp"
#include "core/result.hpp"
#include "engagement/consultation.hpp"

namespace goldthread::engagement {

// Shared by the consultation pages (consultation_handlers.cpp) and their administration
// (consultation_admin.cpp): who acts, and the 404 for an address that names no consultation.
core::audit::Actor consultation_actor(core::Context& ctx, std::int64_t organisation_id);
core::Response consultation_not_found(core::Context& ctx);

struct Named {
  std::string key, name;  // ambition id or area code → title or name
};

struct ConsultationView {
  Consultation x;
  std::vector<Question> survey;
  std::vector<Document> documents;
  std::string today, organisation_name;
  std::vector<Named> ambitions, areas;
};

struct ConsultationScreen {
  bool can_manage = false, signed_in = false;
  std::string response_status;  // "", draft, submitted
  std::string banner;
  std::string comments_html;  // core::comments::thread_html, read in the view's read block
  bool following = false;     // the follow button (issue 16.3)
};

struct ListView {
  ListFilter filter;
  ListPage page;
  std::string today, query, ambition_slug, area_code;
  std::vector<std::pair<std::string, std::string>> ambition_options, area_options;  // value, text
  std::map<std::int64_t, std::string> ambition_titles;
  bool can_open = false;
};

struct RespondView {
  ConsultationView c;
  Answers answers;
  bool anonymous = false;
  std::string area_code, banner;
  std::vector<std::pair<std::string, std::string>> area_options;
};

struct ResultsView {
  ConsultationView c;
  Results results;
  bool can_manage = false;
};

struct FormView {
  ConsultationInput in;
  std::string opens_day, opens_month, opens_year, closes_day, closes_month, closes_year;
  std::vector<std::pair<std::string, std::string>> ambition_options, area_options;
  std::vector<std::pair<std::string, std::string>> acting_for;  // organisation id, name ("0" = place)
};

void to_json(nlohmann::json& j, const ConsultationView& v);
void screen_json(nlohmann::json& j, const ConsultationView& v, const ConsultationScreen& s);
void to_json(nlohmann::json& j, const ListView& v);
void screen_json(nlohmann::json& j, const ListView& v);
void respond_model(nlohmann::json& j, const RespondView& v, const core::Error* error);
// The page shown instead of the survey to a person whose address is not confirmed.
void verify_model(nlohmann::json& j, const ConsultationView& v);
void to_json(nlohmann::json& j, const ResultsView& v);
void screen_json(nlohmann::json& j, const ResultsView& v);
void form_model(nlohmann::json& j, const FormView& v, const core::Error* error);
void moderate_model(nlohmann::json& j, const ConsultationView& v, const std::vector<PendingText>& pending,
                    const std::string& banner);
void outcome_model(nlohmann::json& j, const ConsultationView& v, const std::string& said, const std::string& did,
                   const core::Error* error);

// Exports: one batch of responses as CSV rows / JSON objects (names looked up by the caller).
std::string export_csv_header(const std::vector<Question>& survey);
std::string export_csv_rows(const std::vector<Question>& survey, const std::vector<Response_>& batch,
                            const std::map<std::int64_t, std::string>& names);
std::string export_json_items(const std::vector<Question>& survey, const std::vector<Response_>& batch,
                              const std::map<std::int64_t, std::string>& names, bool& first);

// A horizontal bar chart (server-rendered SVG) of counts, labelled; the table beside it carries
// the same figures for screen readers.
std::string bar_chart_svg(const std::vector<OptionCount>& counts, std::int64_t total, const std::string& title);

}  // namespace goldthread::engagement
