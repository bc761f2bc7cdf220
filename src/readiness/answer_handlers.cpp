// The readiness answer forms: answering a round in parts (save a draft, come back, submit)
// and entering answers given on paper.
#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "core/csv_import.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/answer_views.hpp"
#include "readiness/readiness_handlers.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {
using core::Response;

namespace {

// The trail above every page of one round's answers.
std::vector<core::Crumb> round_crumbs(const Round& round) {
  return {{"Home", "/"}, {"Readiness assessments", "/readiness"}, {round.name, "/readiness/rounds/" + round.slug}};
}

// The answers read from the form, one per statement of the framework that has anything.
std::vector<Answer> read_answers(core::Form& f, const Framework& fw, const Block* only = nullptr) {
  std::vector<Answer> out;
  for (const auto& b : fw.blocks)
    for (const auto& s : b.statements) {
      if (only && only->slug != b.slug) continue;
      Answer a;
      a.statement_code = s.code;
      auto cur = f.number("current-" + s.code, "Current level", 0, kMaxLevel);
      auto des = f.number("desired-" + s.code, "Desired level", 0, kMaxLevel);
      a.current = cur ? static_cast<int>(*cur) : -1;
      a.desired = des ? static_cast<int>(*des) : -1;
      a.evidence_text = f.paragraph("evidence-" + s.code, "Evidence", kMaxEvidenceText);
      a.evidence_url = f.text("url-" + s.code, "Link to evidence", kMaxEvidenceUrl);
      if (a.current >= 0 || a.desired >= 0 || !a.evidence_text.empty() || !a.evidence_url.empty())
        out.push_back(std::move(a));
    }
  return out;
}

// Every statement needs a current and a desired level (or "don't know") before submitting.
void require_complete(core::Form& f, const Framework& fw, const std::vector<Answer>& answers) {
  for (const auto& b : fw.blocks)
    for (const auto& s : b.statements) {
      const Answer* a = nullptr;
      for (const auto& x : answers)
        if (x.statement_code == s.code) a = &x;
      if (!a || a->current < 0)
        f.error("current-" + s.code, "Select the current level for “" + s.text + "”, or don't know");
      if (!a || a->desired < 0)
        f.error("desired-" + s.code, "Select the desired level for “" + s.text + "”, or don't know");
    }
}

// The posted answers over the saved draft: a statement not posted keeps its saved answer.
std::vector<Answer> merge(std::vector<Answer> saved, const std::vector<Answer>& posted) {
  for (const auto& p : posted) {
    bool replaced = false;
    for (auto& s : saved)
      if (s.statement_code == p.statement_code) s = p, replaced = true;
    if (!replaced) saved.push_back(p);
  }
  return saved;
}

}  // namespace

namespace {

Response answer_form(core::Context& ctx, const Round& round, const Framework& fw, const Respondent& who,
                     const std::vector<Answer>& answers, const std::string& status, std::size_t part,
                     const core::Error* err) {
  part = std::min(part, fw.blocks.size() - 1);
  AnswerForm form{round, fw, who, answers, status, part, pledges::today_utc(), err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "readiness/answer",
                                 .title = "Answer: " + round.name + " (part " + std::to_string(part + 1) + " of " +
                                          std::to_string(fw.blocks.size()) + ")",
                                 .crumbs = round_crumbs(round),
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

std::size_t part_param(core::Context& ctx, const Framework& fw, const std::string& value) {
  auto n = core::parse_id(value).value_or(1);
  if (n < 1 || static_cast<std::size_t>(n) > fw.blocks.size()) n = 1;
  (void)ctx;
  return static_cast<std::size_t>(n - 1);
}

}  // namespace

Response answer_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  std::int64_t org = 0;
  if (auto q = ctx.query("organisation")) org = core::parse_id(*q).value_or(0);
  auto who = respondent_for(*conn, ctx.principal, *round, org);
  if (!who) return core::error_response(ctx, who.error());
  auto fw = store::framework_of_version(*conn, round->framework_version);
  if (!fw) return no_round(ctx);
  auto existing = store::find_response(*conn, round->id, who->key);
  if (existing && existing->status == "submitted")
    return core::error_page(ctx, 409, "Already submitted",
                            "This answer was submitted on " + core::display_date(existing->submitted_at) +
                                " and can no longer be changed.");
  if (!round_is_open(*round, pledges::today_utc()))
    return core::error_page(ctx, 409, "This round is closed",
                            "Answers were taken from " + core::display_date(round->opens_on) + " to " +
                                core::display_date(round->closes_on) + ".");
  return answer_form(ctx, *round, *fw, *who, existing ? existing->answers : std::vector<Answer>{},
                     existing ? existing->status : "", part_param(ctx, *fw, ctx.query("part").value_or("1")), nullptr);
}

namespace {
// The round and its framework, read on a connection given back before any write.
bool load_round(core::Context& ctx, std::optional<Round>& round, std::optional<Framework>& fw) {
  auto conn = ctx.db().acquire();
  round = round_of(ctx, *conn);
  if (round) fw = store::framework_of_version(*conn, round->framework_version);
  return round && fw;
}
}  // namespace

Response answer_post(core::Context& ctx) {
  std::optional<Round> round;
  std::optional<Framework> fw;
  if (!load_round(ctx, round, fw)) return no_round(ctx);
  core::Form f(ctx);
  auto org = f.id("organisation_id", "Select your organisation");
  auto part_text = f.text("part", "Part", 4);
  bool submit = f.text("submit", "Action", 20) == "submit";
  // A part of the form posts one block; a client without parts (JSON) may post every block.
  std::size_t part = part_param(ctx, *fw, part_text);
  auto posted = read_answers(f, *fw, part_text.empty() ? nullptr : &fw->blocks[part]);
  std::optional<Submission> saved;
  auto who = [&] {
    auto conn = ctx.db().acquire();
    auto w = respondent_for(*conn, ctx.principal, *round, org);
    if (w) saved = store::find_response(*conn, round->id, w->key);
    return w;
  }();
  if (!who) return core::error_response(ctx, who.error());
  auto answers = merge(saved ? saved->answers : std::vector<Answer>{}, posted);
  if (f.ok()) f.add(validate_answers(*fw, answers));
  if (f.ok() && submit) {
    // Every statement answered (don't know is an answer); else show the first part missing one.
    for (std::size_t i = 0; i < fw->blocks.size(); ++i)
      if (!block_complete(fw->blocks[i], answers)) {
        part = i;
        require_complete(f, one_block(*fw, i), answers);
        break;
      }
  }
  if (f.ok()) {
    auto r = save_answers(ctx.db(), actor_of(ctx, who->organisation_id), *round, *who, answers, submit,
                          pledges::today_utc());
    if (r) {
      if (submit) return Response::redirect("/readiness/rounds/" + round->slug + "?saved=submitted");
      std::string org_q = who->organisation_id ? "&organisation=" + std::to_string(who->organisation_id) : "";
      if (!part_text.empty() && part + 1 < fw->blocks.size())
        return Response::redirect("/readiness/rounds/" + round->slug + "/answer?part=" + std::to_string(part + 2) +
                                  org_q);
      return Response::redirect("/readiness/rounds/" + round->slug + "?saved=draft");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err =
      f.invalid(submit ? "Answer every statement before you submit (don't know is an answer)" : "Check your answers");
  return answer_form(ctx, *round, *fw, *who, answers, "draft", part, &err);
}

namespace {

Response paper_form(core::Context& ctx, const Round& round, const std::string& csv, const core::ImportReport* rep,
                    const core::Error* err) {
  PaperForm form{round, csv, pledges::today_utc(), rep, err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "readiness/paper",
                                 .title = "Enter paper answers: " + round.name,
                                 .crumbs = round_crumbs(round),
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

}  // namespace

Response paper_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  return paper_form(ctx, *round, "", nullptr, nullptr);
}

Response paper_post(core::Context& ctx) {
  std::optional<Round> round;
  std::optional<Framework> fw;
  if (!load_round(ctx, round, fw)) return no_round(ctx);
  core::Form f(ctx);
  auto csv = f.paragraph("csv", "Answers", kMaxPaperCsv);
  if (f.ok() && csv.empty()) f.error("csv", "Paste the answers as CSV, with the header row");
  core::ImportReport rep;
  if (f.ok()) {
    rep = import_paper_csv(ctx.db(), actor_of(ctx), *round, csv);
    if (rep.written) return Response::redirect("/readiness/rounds/" + round->slug + "?saved=paper");
    f.error("csv", core::count_of(static_cast<std::int64_t>(rep.problems.size()), "problem") +
                       " in the answers: nothing was entered");
  }
  auto err = f.invalid("Check the paper answers");
  return paper_form(ctx, *round, csv, &rep, &err);
}

}  // namespace goldthread::readiness
