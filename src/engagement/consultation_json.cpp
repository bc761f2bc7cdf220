// Consultation views as JSON: the resources (docs/API.md "Consultations") and the screens.
#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/page.hpp"
#include "core/templates.hpp"
#include "core/text.hpp"
#include "engagement/consultation_views.hpp"

namespace goldthread::engagement {
using nlohmann::json;

namespace {

std::string href(const Consultation& x) {
  return "/consultations/" + x.slug;
}

json named(const std::vector<Named>& list, const char* key_name) {
  json out = json::array();
  for (const auto& n : list) out.push_back({{key_name, n.key}, {"name", n.name}});
  return out;
}

json question_json(const Question& q) {
  json j = {{"number", q.number}, {"kind", q.kind},       {"required", q.required},
            {"text", q.text},     {"options", q.options}, {"condition", nullptr}};
  if (q.if_question) j["condition"] = {{"question", q.if_question}, {"answer", q.if_answer}};
  return j;
}

json options(const std::vector<std::pair<std::string, std::string>>& list, const std::string& selected,
             const std::string& id_prefix = "") {
  json out = json::array();
  int i = 0;
  for (const auto& [v, t] : list)
    out.push_back({{"value", v}, {"text", t}, {"selected", v == selected}, {"id", id_prefix + std::to_string(++i)}});
  return out;
}

std::string state_label(const std::string& s) {
  return s == "open" ? "Open" : s == "closed" ? "Closed" : "Opens soon";
}
std::string state_tag(const std::string& s) {
  return s == "open" ? "govuk-tag--green" : s == "closed" ? "govuk-tag--grey" : "govuk-tag--blue";
}

json summary_json(const Consultation& x, const std::string& today) {
  return {{"slug", x.slug},
          {"title", x.title},
          {"summary", x.summary},
          {"opens_on", x.opens_on},
          {"closes_on", x.closes_on},
          {"state", x.state(today)},
          {"is_example", x.is_example},
          {"ambition_ids", x.ambition_ids},
          {"area_codes", x.area_codes},
          {"href", href(x)}};
}

json summary_screen(const Consultation& x, const std::string& today) {
  auto j = summary_json(x, today);
  j["opens_label"] = core::display_date(x.opens_on);
  j["closes_label"] = core::display_date(x.closes_on);
  j["state_label"] = state_label(x.state(today));
  j["state_tag"] = state_tag(x.state(today));
  return j;
}

std::string pct(std::int64_t n, std::int64_t total) {
  return total ? std::to_string((n * 100 + total / 2) / total) + "%" : "0%";
}

json question_result_json(const QuestionResult& r) {
  json counts = json::array();
  for (const auto& c : r.counts) {
    json o = {{"option", c.option}, {"count", c.count}};
    if (r.question.kind == "ranking") o["mean_position"] = c.mean_position;
    counts.push_back(o);
  }
  return {{"question", question_json(r.question)},
          {"answered", r.answered},
          {"counts", counts},
          {"approved_answers", r.approved_text}};
}

json question_result_screen(const QuestionResult& r) {
  json j = question_result_json(r);
  json rows = json::array();
  for (const auto& c : r.counts) {
    char mean[16];
    std::snprintf(mean, sizeof mean, "%.1f", c.mean_position);
    rows.push_back({{"option", c.option},
                    {"count", c.count},
                    {"percent", pct(c.count, r.answered)},
                    {"mean", c.count ? mean : "–"}});
  }
  j["rows"] = rows;
  j["is_ranking"] = r.question.kind == "ranking";
  j["is_text"] = r.question.free_text();
  j["has_counts"] = !r.counts.empty();
  j["answered_label"] = core::count_of(r.answered, "person", "people") + " answered";
  j["has_approved"] = !r.approved_text.empty();
  if (!r.counts.empty() && r.question.kind != "ranking")
    j["chart"] = bar_chart_svg(r.counts, r.answered, r.question.text);
  return j;
}

}  // namespace

std::string bar_chart_svg(const std::vector<OptionCount>& counts, std::int64_t total, const std::string& title) {
  const int row = 28, width = 320, label_w = 0;
  std::int64_t max = 1;
  for (const auto& c : counts) max = std::max(max, c.count);
  std::string svg = "<svg class=\"goldthread-bar-chart\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(row * static_cast<int>(counts.size()) + 4) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"" + core::html_escape("Chart: " + title) +
                    " (figures in the table)\" focusable=\"false\">";
  int y = 2;
  for (const auto& c : counts) {
    int w = static_cast<int>((width - 60) * c.count / max);
    svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
           std::to_string(std::max(w, 1)) + "\" height=\"18\" fill=\"#1d70b8\"></rect>";
    svg += "<text x=\"" + std::to_string(label_w + std::max(w, 1) + 4) + "\" y=\"" + std::to_string(y + 18) +
           "\" font-size=\"13\" fill=\"#0b0c0c\">" + core::html_escape(c.option) + " " + pct(c.count, total) +
           "</text>";
    y += row;
  }
  return svg + "</svg>";
}

void to_json(json& j, const ConsultationView& v) {
  const auto& x = v.x;
  json docs = json::array();
  for (const auto& d : v.documents) docs.push_back({{"title", d.title}, {"url", d.url}});
  json qs = json::array();
  for (const auto& q : v.survey) qs.push_back(question_json(q));
  j = summary_json(x, v.today);
  j["description"] = x.description;
  j["description_html"] = x.description_html;
  j["organisation_id"] = x.organisation_id ? json(x.organisation_id) : json(nullptr);
  j["organisation_name"] = v.organisation_name.empty() ? json(nullptr) : json(v.organisation_name);
  j["ambitions"] = named(v.ambitions, "id");
  j["areas"] = named(v.areas, "code");
  j["documents"] = docs;
  j["questions"] = qs;
  j["links"] = {{"respond", href(x) + "/respond"}, {"results", href(x) + "/results"}};
  j["outcome"] = nullptr;
  if (!x.outcome_published_at.empty())
    j["outcome"] = {{"you_said", x.you_said},
                    {"we_did", x.we_did},
                    {"html", x.outcome_html},
                    {"published_at", x.outcome_published_at}};
}

void screen_json(json& j, const ConsultationView& v, const ConsultationScreen& s) {
  to_json(j, v);
  j["comments"] = {{"html", s.comments_html}};
  auto state = v.x.state(v.today);
  j["opens_label"] = core::display_date(v.x.opens_on);
  j["closes_label"] = core::display_date(v.x.closes_on);
  j["state_label"] = state_label(state);
  j["state_tag"] = state_tag(state);
  j["is_open"] = state == "open";
  j["is_closed"] = state == "closed";
  j["has_documents"] = !v.documents.empty();
  j["has_ambitions"] = !v.ambitions.empty();
  j["has_areas"] = !v.areas.empty();
  j["count_label"] = core::count_of(static_cast<std::int64_t>(v.survey.size()), "question");
  j["can_manage"] = s.can_manage;
  j["signed_in"] = s.signed_in;
  j["follow"] = {{"type", "consultation"},   {"id", v.x.id},
                 {"noun", "consultation"},   {"return_to", "/consultations/" + v.x.slug},
                 {"signed_in", s.signed_in}, {"following", s.following}};
  j["has_draft"] = s.response_status == "draft";
  j["has_submitted"] = s.response_status == "submitted";
  j["banner"] = s.banner.empty() ? json(nullptr) : json(s.banner);
  j["show_outcome_form"] = s.can_manage && state == "closed";
}

void to_json(json& j, const ListView& v) {
  json items = json::array();
  for (const auto& x : v.page.items) items.push_back(summary_json(x, v.today));
  j = {{"consultations", items},
       {"state", v.filter.state.empty() ? "open" : v.filter.state},
       {"total", v.page.total},
       {"pagination",
        core::resource_pagination("/consultations" + v.query, v.filter.page, v.filter.per_page, v.page.total)}};
}

void screen_json(json& j, const ListView& v) {
  json items = json::array();
  for (const auto& x : v.page.items) items.push_back(summary_screen(x, v.today));
  bool closed = v.filter.state == "closed";
  auto base = std::string("/consultations");
  j = {{"consultations", items},
       {"has_consultations", !items.empty()},
       {"total_label", core::count_of(v.page.total, closed ? "closed consultation" : "open consultation")},
       {"closed", closed},
       {"filtered", v.filter.ambition_id != 0 || !v.filter.area_code.empty()},
       {"ambition_options", options(v.ambition_options, v.ambition_slug)},
       {"area_options", options(v.area_options, v.area_code)},
       {"open_href", "/consultations"},
       {"closed_href", "/consultations?state=closed"},
       {"can_open", v.can_open},
       {"pagination", core::pagination(base + v.query, v.filter.page, v.filter.per_page, v.page.total)}};
}

void respond_model(json& j, const RespondView& v, const core::Error* error) {
  json qs = json::array();
  for (const auto& q : v.c.survey) {
    auto it = v.answers.find(q.number);
    std::vector<std::string> given = it == v.answers.end() ? std::vector<std::string>{} : it->second;
    auto field = "q" + std::to_string(q.number);
    json opts = json::array();
    int i = 0;
    for (const auto& o : q.options) {
      ++i;
      json rank_opts = json::array();
      std::string rank;
      for (std::size_t k = 0; k < given.size(); ++k)
        if (given[k] == o) rank = std::to_string(k + 1);
      for (std::size_t k = 1; k <= q.options.size(); ++k)
        rank_opts.push_back({{"value", std::to_string(k)}, {"selected", std::to_string(k) == rank}});
      opts.push_back({{"value", o},
                      {"id", field + "-" + std::to_string(i)},
                      {"name", q.kind == "ranking" ? field + "-" + std::to_string(i) : field},
                      {"checked", std::find(given.begin(), given.end(), o) != given.end()},
                      {"rank_options", rank_opts}});
    }
    json cq = question_json(q);
    cq["field"] = field;
    cq["options"] = opts;
    cq["value"] = q.free_text() && !given.empty() ? given[0] : "";
    cq["is_short"] = q.kind == "short";
    cq["is_long"] = q.kind == "long";
    cq["is_single"] = q.kind == "single" || q.kind == "scale";
    cq["is_multiple"] = q.kind == "multiple";
    cq["is_ranking"] = q.kind == "ranking";
    cq["is_scale"] = q.kind == "scale";
    cq["condition_text"] = q.if_question ? "Answer this only if you answered \"" + q.if_answer + "\" to question " +
                                               std::to_string(q.if_question) + "."
                                         : "";
    cq["if_field"] = q.if_question ? "q" + std::to_string(q.if_question) : "";
    cq["optional"] = !q.required;
    qs.push_back(cq);
  }
  j = {{"consultation", summary_screen(v.c.x, v.c.today)},
       {"questions", qs},
       {"action", "/consultations/" + v.c.x.slug + "/respond"},
       {"anonymous", v.anonymous},
       {"area_options", options(v.area_options, v.area_code, "area-")}};
  j["closes_label"] = core::display_date(v.c.x.closes_on);
  j["banner"] = v.banner.empty() ? json(nullptr) : json(v.banner);
  if (error) {
    core::attach_errors(j, *error);
    // Field errors are keyed q<N>: place each beside its question.
    for (auto& q : j["questions"])
      if (j["error_for"].contains(q["field"].get<std::string>()))
        q["error"] = j["error_for"][q["field"].get<std::string>()];
  }
}

void verify_model(json& j, const ConsultationView& v) {
  j = {{"consultation", summary_json(v.x, v.today)}, {"account_href", "/account"}};
}

void to_json(json& j, const ResultsView& v) {
  json qs = json::array();
  for (const auto& q : v.results.questions) qs.push_back(question_result_json(q));
  json areas = json::array();
  for (const auto& a : v.results.areas) {
    json aq = json::array();
    for (const auto& q : a.questions) aq.push_back(question_result_json(q));
    areas.push_back({{"area_code", a.area_code},
                     {"area_name", a.area_name},
                     {"respondents", a.shown ? json(a.respondents) : json(nullptr)},
                     {"suppressed", !a.shown},
                     {"questions", aq}});
  }
  j = {{"consultation", summary_json(v.c.x, v.c.today)},
       {"respondents", v.results.respondents},
       {"area_threshold", kAreaThreshold},
       {"questions", qs},
       {"areas", areas}};
}

void screen_json(json& j, const ResultsView& v) {
  json qs = json::array();
  for (const auto& q : v.results.questions) qs.push_back(question_result_screen(q));
  json shown = json::array(), hidden = json::array();
  for (const auto& a : v.results.areas) {
    if (!a.shown) {
      hidden.push_back(a.area_name);
      continue;
    }
    json aq = json::array();
    for (const auto& q : a.questions) aq.push_back(question_result_screen(q));
    shown.push_back({{"area_name", a.area_name},
                     {"respondents_label", core::count_of(a.respondents, "person", "people")},
                     {"questions", aq}});
  }
  std::string hidden_text;
  for (std::size_t i = 0; i < hidden.size(); ++i)
    hidden_text += (i ? (i + 1 == hidden.size() ? " and " : ", ") : "") + hidden[i].get<std::string>();
  j = {{"consultation", summary_screen(v.c.x, v.c.today)},
       {"respondents_label", core::count_of(v.results.respondents, "response")},
       {"has_responses", v.results.respondents > 0},
       {"questions", qs},
       {"areas", shown},
       {"has_areas", !shown.empty()},
       {"hidden_areas", hidden_text.empty() ? json(nullptr) : json(hidden_text)},
       {"threshold", kAreaThreshold},
       {"can_manage", v.can_manage},
       {"csv_href", "/consultations/" + v.c.x.slug + "/responses.csv"},
       {"json_href", "/consultations/" + v.c.x.slug + "/responses.json"},
       {"moderate_href", "/consultations/" + v.c.x.slug + "/moderate"}};
}

void form_model(json& j, const FormView& v, const core::Error* error) {
  std::vector<std::string> amb_selected, area_selected;
  json ambs = json::array(), areas = json::array(), acting = json::array();
  int i = 0;
  for (const auto& [val, text] : v.ambition_options) {
    bool on = std::find(v.in.ambition_ids.begin(), v.in.ambition_ids.end(), std::stoll(val)) != v.in.ambition_ids.end();
    ambs.push_back({{"value", val}, {"text", text}, {"checked", on}, {"id", "ambitions-" + std::to_string(++i)}});
  }
  i = 0;
  for (const auto& [val, text] : v.area_options) {
    bool on = std::find(v.in.area_codes.begin(), v.in.area_codes.end(), val) != v.in.area_codes.end();
    areas.push_back({{"value", val}, {"text", text}, {"checked", on}, {"id", "areas-" + std::to_string(++i)}});
  }
  for (const auto& [val, text] : v.acting_for)
    acting.push_back({{"value", val}, {"text", text}, {"selected", val == std::to_string(v.in.organisation_id)}});
  std::string docs;
  for (const auto& d : v.in.documents) docs += d + "\n";
  j = {{"values",
        {{"title", v.in.title},
         {"summary", v.in.summary},
         {"description", v.in.description},
         {"documents", docs},
         {"survey", v.in.survey},
         {"is_example", v.in.is_example},
         {"opens", {{"day", v.opens_day}, {"month", v.opens_month}, {"year", v.opens_year}}},
         {"closes", {{"day", v.closes_day}, {"month", v.closes_month}, {"year", v.closes_year}}}}},
       {"ambition_options", ambs},
       {"area_options", areas},
       {"acting_for", acting},
       {"action", "/consultations"}};
  if (error) core::attach_errors(j, *error);
}

void moderate_model(json& j, const ConsultationView& v, const std::vector<PendingText>& pending,
                    const std::string& banner) {
  json items = json::array();
  for (const auto& p : pending) {
    std::string q;
    for (const auto& s : v.survey)
      if (s.number == p.question) q = s.text;
    items.push_back({{"id", p.answer_id}, {"question_number", p.question}, {"question", q}, {"value", p.value}});
  }
  j = {{"consultation", summary_screen(v.x, v.today)},
       {"answers", items},
       {"has_answers", !items.empty()},
       {"action", "/consultations/" + v.x.slug + "/moderate"},
       {"banner", banner.empty() ? json(nullptr) : json(banner)}};
}

void outcome_model(json& j, const ConsultationView& v, const std::string& said, const std::string& did,
                   const core::Error* error) {
  j = {{"consultation", summary_screen(v.x, v.today)},
       {"values", {{"you_said", said}, {"we_did", did}}},
       {"action", "/consultations/" + v.x.slug + "/outcome"}};
  if (error) core::attach_errors(j, *error);
}

std::string export_csv_header(const std::vector<Question>& survey) {
  std::vector<std::string> h = {"response_id", "submitted_at", "respondent", "area_code"};
  for (const auto& q : survey) h.push_back("Q" + std::to_string(q.number) + " " + q.text);
  return core::csv::row(h);
}

namespace {
std::string respondent(const Response_& r, const std::map<std::int64_t, std::string>& names) {
  if (r.anonymous) return "Not named";
  auto it = names.find(r.user_id);
  return it == names.end() ? "deleted user" : it->second;
}
}  // namespace

std::string export_csv_rows(const std::vector<Question>& survey, const std::vector<Response_>& batch,
                            const std::map<std::int64_t, std::string>& names) {
  std::string out;
  for (const auto& r : batch) {
    std::vector<std::string> row = {std::to_string(r.id), r.submitted_at, respondent(r, names), r.area_code};
    for (const auto& q : survey) {
      auto it = r.answers.find(q.number);
      row.push_back(it == r.answers.end() ? "" : core::join(it->second, "; "));
    }
    out += core::csv::row(row);
  }
  return out;
}

std::string export_json_items(const std::vector<Question>& survey, const std::vector<Response_>& batch,
                              const std::map<std::int64_t, std::string>& names, bool& first) {
  std::string out;
  for (const auto& r : batch) {
    json answers = json::object();
    for (const auto& q : survey) {
      auto it = r.answers.find(q.number);
      if (it == r.answers.end()) continue;
      answers[std::to_string(q.number)] =
          q.kind == "multiple" || q.kind == "ranking" ? json(it->second) : json(it->second.at(0));
    }
    json item = {{"id", r.id},
                 {"submitted_at", r.submitted_at},
                 {"respondent", respondent(r, names)},
                 {"area_code", r.area_code.empty() ? json(nullptr) : json(r.area_code)},
                 {"answers", answers}};
    out += (first ? "" : ",\n") + item.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  return out;
}

}  // namespace goldthread::engagement
