// The readiness answer forms' models, in one place (readiness/answer_views.hpp).
#include <map>
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "readiness/answer_views.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_views.hpp"

namespace goldthread::readiness {
using core::text_or_null;
using nlohmann::json;

bool block_complete(const Block& b, const std::vector<Answer>& answers) {
  for (const auto& s : b.statements) {
    bool ok = false;
    for (const auto& a : answers) ok = ok || (a.statement_code == s.code && a.current >= 0 && a.desired >= 0);
    if (!ok) return false;
  }
  return true;
}

Framework one_block(const Framework& fw, std::size_t part) {
  Framework out = fw;
  out.blocks = {fw.blocks.at(part)};
  return out;
}

namespace {

json blocks_model(const Framework& fw, const std::vector<Answer>& answers, const core::Error* err) {
  std::map<std::string, std::string> errors;
  if (err)
    for (const auto& e : err->fields) errors.emplace(e.field, e.message);
  json blocks = json::array();
  for (const auto& b : fw.blocks) {
    json st = json::array();
    for (const auto& s : b.statements) {
      Answer a;
      for (const auto& x : answers)
        if (x.statement_code == s.code) a = x;
      auto radios = [&](const std::string& kind, int value) {
        json out = json::array();
        for (int level = 1; level <= kMaxLevel; ++level)
          out.push_back({{"id", kind + "-" + s.code + "-" + std::to_string(level)},
                         {"value", level},
                         {"text", std::to_string(level) + (b.levels.count(level) ? ": " + b.levels.at(level) : "")},
                         {"checked", value == level}});
        out.push_back(
            {{"id", kind + "-" + s.code + "-0"}, {"value", 0}, {"text", "Don't know"}, {"checked", value == 0}});
        return out;
      };
      auto error_of = [&](const std::string& name) { return text_or_null(errors.count(name) ? errors[name] : ""); };
      st.push_back({{"code", s.code},
                    {"text", s.text},
                    {"current", radios("current", a.current)},
                    {"desired", radios("desired", a.desired)},
                    {"current_error", error_of("current-" + s.code)},
                    {"desired_error", error_of("desired-" + s.code)},
                    {"url_error", error_of("url-" + s.code)},
                    {"evidence_error", error_of("evidence-" + s.code)},
                    {"evidence", a.evidence_text},
                    {"url", a.evidence_url}});
    }
    blocks.push_back({{"number", b.number}, {"title", b.title}, {"description", b.description}, {"statements", st}});
  }
  return {{"blocks", blocks}};
}

}  // namespace

void to_json(json& j, const AnswerForm& f) {
  const auto& fw = f.framework;
  const auto& round = f.round;
  const auto& who = f.who;
  const auto part = f.part;
  auto model = blocks_model(one_block(fw, part), f.answers, f.error);
  const std::string base = "/readiness/rounds/" + round.slug + "/answer";
  std::string org_q = who.organisation_id ? "&organisation=" + std::to_string(who.organisation_id) : "";
  json parts = json::array();
  bool complete = true;
  for (std::size_t i = 0; i < fw.blocks.size(); ++i) {
    bool done = block_complete(fw.blocks[i], f.answers);
    complete = complete && done;
    parts.push_back({{"number", i + 1},
                     {"title", fw.blocks[i].title},
                     {"href", base + "?part=" + std::to_string(i + 1) + org_q},
                     {"done", done},
                     {"current", i == part}});
  }
  model["parts"] = parts;
  model["part"] = part + 1;
  model["parts_total"] = fw.blocks.size();
  model["is_last"] = part + 1 == fw.blocks.size();
  model["complete"] = complete;
  model["round"] = round_summary(round, f.today);
  model["action"] = base;
  model["organisation_id"] = who.organisation_id ? json(who.organisation_id) : json(nullptr);
  model["for_label"] =
      round.mode == "facilitated" ? "the agreed answer of " + who.organisation_name : std::string("your own answer");
  model["is_draft"] = f.status == "draft";
  model["threshold"] = clamp_threshold(round.threshold);
  if (f.error) core::attach_errors(model, *f.error);
  j = std::move(model);
}

void to_json(json& j, const PaperForm& f) {
  json problems = json::array();
  if (f.report)
    for (const auto& p : f.report->problems)
      problems.push_back({{"row", p.row}, {"column", p.column}, {"problem", p.problem}});
  j = {{"round", round_summary(f.round, f.today)},
       {"action", "/readiness/rounds/" + f.round.slug + "/paper"},
       {"values", {{"csv", f.csv}}},
       {"problems", problems},
       {"has_problems", !problems.empty()}};
  if (f.error) core::attach_errors(j, *f.error);
}

}  // namespace goldthread::readiness
