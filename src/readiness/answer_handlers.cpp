// The readiness forms: rewording the framework, opening a round, answering (draft and
// submit), entering a paper answer, adding an action and updating it.
#include <nlohmann/json.hpp>

#include "core/csv_import.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/readiness_handlers.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {
using core::Response;
using nlohmann::json;

json framework_model(core::Context& ctx, core::Connection& c, const Framework& f);

namespace {

core::audit::Actor actor_of(core::Context& ctx, std::int64_t organisation_id = 0) {
  return core::audit::Actor::from(ctx.principal, organisation_id, ctx.request().request_id);
}

// kainjow mustache treats "" as true: an absent text is null in a template model.
json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

json options(const std::vector<std::pair<std::string, std::string>>& items, const std::string& selected) {
  json out = json::array();
  for (const auto& [v, t] : items) out.push_back({{"value", v}, {"text", t}, {"selected", v == selected}});
  return out;
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

bool block_complete(const Block& b, const std::vector<Answer>& answers) {
  for (const auto& s : b.statements) {
    bool ok = false;
    for (const auto& a : answers) ok = ok || (a.statement_code == s.code && a.current >= 0 && a.desired >= 0);
    if (!ok) return false;
  }
  return true;
}

// The framework cut down to one block (the part of the form on show).
Framework one_block(const Framework& fw, std::size_t part) {
  Framework out = fw;
  out.blocks = {fw.blocks.at(part)};
  return out;
}

json answer_form_model(const Framework& fw, const std::vector<Answer>& answers, const core::Error* err) {
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

Response framework_post(core::Context& ctx) {
  core::Form f(ctx);
  auto code = f.text("code", "Statement", 200);
  auto text = f.text("text", "New wording", kMaxStatementText);
  bool same = f.flag("same_meaning");
  if (f.ok() && code.empty()) f.error("code", "Select the statement to reword");
  if (f.ok() && text.empty()) f.error("text", "Enter the new wording of the statement");
  std::optional<core::Error> err;
  if (f.ok()) {
    auto r = reword_statement(ctx.db(), actor_of(ctx), code, text, same);
    if (r) return Response::redirect("/readiness/framework?saved=1");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  err = f.invalid("Check the new wording");
  auto conn = ctx.db().acquire();
  auto fw = store::latest_framework(*conn);
  if (!fw) return core::error_page(ctx, 404, "Page not found", "There is no readiness framework yet.");
  auto model = framework_model(ctx, *conn, *fw);
  model["values"] = {{"code", code}, {"text", text}, {"same_meaning", same}};
  for (auto& o : model["statement_options"]) o["selected"] = o["value"] == code;
  core::attach_errors(model, *err);
  return core::render_page(ctx, "readiness/framework", "The readiness framework", model, 400,
                           {{"Home", "/"}, {"Readiness assessments", "/readiness"}});
}

namespace {

Response round_form(core::Context& ctx, const RoundInput& in, const std::vector<std::string>& invited_lines,
                    const core::Error* err) {
  json model = {
      {"values",
       {{"name", in.name},
        {"invited",
         [&] {
           std::string s;
           for (const auto& l : invited_lines) s += l + "\n";
           return s;
         }()},
        {"threshold", std::to_string(in.threshold)},
        {"opens_on", in.opens_on},
        {"closes_on", in.closes_on}}},
      {"mode_options",
       options({{"facilitated", mode_label("facilitated")}, {"individual", mode_label("individual")}}, in.mode)},
      {"scope_options", options({{"everyone", "Every partner"},
                                 {"organisations", "Named organisations (their ids on the site)"},
                                 {"sectors", "Sectors (codes such as nhs, voluntary-community)"},
                                 {"areas", "Areas (ONS codes such as E07000066)"}},
                                in.invite_scope)}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "readiness/round_form", "Open a readiness round", model, err ? 400 : 200,
                           {{"Home", "/"}, {"Readiness assessments", "/readiness"}});
}

}  // namespace

Response new_round_page(core::Context& ctx) {
  RoundInput in;
  in.opens_on = pledges::today_utc();
  return round_form(ctx, in, {}, nullptr);
}

Response new_round_post(core::Context& ctx) {
  core::Form f(ctx);
  RoundInput in;
  in.name = f.text("name", "Name", kMaxRoundName);
  in.mode = f.text("mode", "Who answers", 20);
  in.invite_scope = f.text("invite_scope", "Who is invited", 20);
  auto lines = f.lines("invited", "Who is invited", kMaxInvited, 100);
  in.invited = lines;
  in.opens_on = f.date("opens_on", "Opening date");
  in.closes_on = f.date("closes_on", "Closing date");
  auto t = f.number("threshold", "Smallest group shown", kMinThreshold, 100);
  in.threshold = t ? static_cast<int>(*t) : kDefaultThreshold;
  if (f.ok()) f.add(validate_round(in));
  if (f.ok()) {
    auto r = open_round(ctx.db(), actor_of(ctx), in);
    if (r) return Response::redirect("/readiness/rounds/" + r->slug + "?saved=opened");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the round's details");
  return round_form(ctx, in, lines, &err);
}

namespace {

Response answer_form(core::Context& ctx, const Round& round, const Framework& fw, const Respondent& who,
                     const std::vector<Answer>& answers, const std::string& status, std::size_t part,
                     const core::Error* err) {
  part = std::min(part, fw.blocks.size() - 1);
  auto model = answer_form_model(one_block(fw, part), answers, err);
  const std::string base = "/readiness/rounds/" + round.slug + "/answer";
  std::string org_q = who.organisation_id ? "&organisation=" + std::to_string(who.organisation_id) : "";
  json parts = json::array();
  bool complete = true;
  for (std::size_t i = 0; i < fw.blocks.size(); ++i) {
    bool done = block_complete(fw.blocks[i], answers);
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
  model["round"] = round_summary(round, pledges::today_utc());
  model["action"] = base;
  model["organisation_id"] = who.organisation_id ? json(who.organisation_id) : json(nullptr);
  model["for_label"] =
      round.mode == "facilitated" ? "the agreed answer of " + who.organisation_name : std::string("your own answer");
  model["is_draft"] = status == "draft";
  model["threshold"] = clamp_threshold(round.threshold);
  if (err) core::attach_errors(model, *err);
  return core::render_page(
      ctx, "readiness/answer",
      "Answer: " + round.name + " (part " + std::to_string(part + 1) + " of " + std::to_string(fw.blocks.size()) + ")",
      model, err ? 400 : 200,
      {{"Home", "/"}, {"Readiness assessments", "/readiness"}, {round.name, "/readiness/rounds/" + round.slug}});
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
  json problems = json::array();
  if (rep)
    for (const auto& p : rep->problems)
      problems.push_back({{"row", p.row}, {"column", p.column}, {"problem", p.problem}});
  json model = {{"round", round_summary(round, pledges::today_utc())},
                {"action", "/readiness/rounds/" + round.slug + "/paper"},
                {"values", {{"csv", csv}}},
                {"problems", problems},
                {"has_problems", !problems.empty()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(
      ctx, "readiness/paper", "Enter paper answers: " + round.name, model, err ? 400 : 200,
      {{"Home", "/"}, {"Readiness assessments", "/readiness"}, {round.name, "/readiness/rounds/" + round.slug}});
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

Response action_post(core::Context& ctx) {
  std::optional<Round> round;
  {
    auto conn = ctx.db().acquire();
    round = round_of(ctx, *conn);
  }
  if (!round) return no_round(ctx);
  core::Form f(ctx);
  ActionInput in;
  in.block_slug = f.text("block", "Building block", 100);
  in.text = f.paragraph("text", "Action", pledges::kMaxCommitmentText);
  in.due_on = f.date("due_on", "Due date");
  in.organisation_id = f.id("organisation_id", "Select one of your organisations");
  if (f.ok() && in.text.empty()) f.error("text", "Enter what will be done");
  if (f.ok()) {
    auto r = add_action(ctx.db(), ctx.principal, actor_of(ctx, in.organisation_id), *round, in);
    if (r) return Response::redirect("/readiness/rounds/" + round->slug + "?saved=action#actions");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the action");
  auto conn = ctx.db().acquire();
  auto p = build_round_page(ctx, *conn, *round);
  auto model = round_model(p);
  model["action_values"] = {{"text", in.text}, {"block", in.block_slug}};
  for (auto& o : model["block_options"]) o["selected"] = o["value"] == in.block_slug;
  core::attach_errors(model, err);
  return core::render_page(ctx, "readiness/round", round->name, model, 400,
                           {{"Home", "/"}, {"Readiness assessments", "/readiness"}});
}

namespace {

Response action_view(core::Context& ctx, const pledges::Commitment& m, const core::Error* err,
                     const pledges::ProgressInput& values) {
  auto conn = ctx.db().acquire();
  auto link = store::action_of(*conn, m.id);
  std::optional<Round> round;
  if (link) round = store::find_round_by_id(*conn, link->first);
  std::string block_title = link ? link->second : "";
  if (round)
    if (auto fw = store::framework_of_version(*conn, round->framework_version))
      if (const auto* b = fw->block(link->second)) block_title = b->title;
  auto today = pledges::today_utc();
  auto st = pledges::staleness_of(m.last_update_at.empty() ? m.created_at : m.last_update_at, today, m.status);
  json history = json::array();
  auto updates = pledges::progress_of(*conn, m.id);
  for (auto it = updates.rbegin(); it != updates.rend(); ++it)
    history.push_back({{"status", it->status},
                       {"status_label", pledges::completion_label(it->status)},
                       {"note", it->note},
                       {"evidence_text", text_or_null(it->evidence_text)},
                       {"evidence_url", it->evidence_url},
                       {"author", it->author_name},
                       {"date", it->created_at.substr(0, 10)},
                       {"date_label", core::display_date(it->created_at)}});
  json resource = {{"id", m.id},
                   {"kind", m.kind},
                   {"text", m.text},
                   {"href", m.href},
                   {"owner_name", m.owner_name},
                   {"organisation_name", m.organisation_name.empty() ? json(nullptr) : json(m.organisation_name)},
                   {"due_on", m.due_on.empty() ? json(nullptr) : json(m.due_on)},
                   {"status", m.status},
                   {"staleness", pledges::staleness_code(st)},
                   {"building_block", link ? json(link->second) : json(nullptr)},
                   {"round", round ? json("/readiness/rounds/" + round->slug) : json(nullptr)},
                   {"progress", history}};
  if (ctx.wants_json()) return Response::json(resource.dump());
  json status_options = json::array();
  for (const auto& [code, label] : pledges::completion_scale())
    status_options.push_back(
        {{"id", "status-" + code}, {"value", code}, {"text", label}, {"checked", code == values.status}});
  json model = {
      {"action", resource},
      {"status_label", pledges::completion_label(m.status)},
      {"staleness_label", text_or_null(pledges::staleness_label(st))},
      {"due_label", m.due_on.empty() ? "No due date" : core::display_date(m.due_on)},
      {"block_title", block_title},
      {"round_name", text_or_null(round ? round->name : "")},
      {"history", history},
      {"has_history", !history.empty()},
      {"can_update", pledges::can_update_commitment(ctx.principal, m)},
      {"status_options", status_options},
      {"values",
       {{"note", values.note}, {"evidence_text", values.evidence_text}, {"evidence_url", values.evidence_url}}},
      {"progress_href", m.href + "/progress"},
      {"banner", text_or_null(ctx.query("saved") ? "Your progress update has been saved." : "")}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "readiness/action", "Action on " + block_title, model, err ? 400 : 200,
                           {{"Home", "/"}, {"Readiness assessments", "/readiness"}});
}

std::optional<pledges::Commitment> action_commitment(core::Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return std::nullopt;
  auto conn = ctx.db().acquire();
  auto m = pledges::try_find_commitment(*conn, *id);
  if (!m || m->kind != "readiness-action") return std::nullopt;
  return m;
}

}  // namespace

Response action_page(core::Context& ctx) {
  auto m = action_commitment(ctx);
  if (!m) return core::error_page(ctx, 404, "Page not found", "There is no action at this address.");
  return action_view(ctx, *m, nullptr, {});
}

Response action_progress_post(core::Context& ctx) {
  auto m = action_commitment(ctx);
  if (!m) return core::error_page(ctx, 404, "Page not found", "There is no action at this address.");
  if (!pledges::can_update_commitment(ctx.principal, *m))
    return core::error_page(ctx, 403, "You cannot update this action",
                            "Only its owner, members of its organisation and place admins can update it.");
  core::Form f(ctx);
  pledges::ProgressInput in;
  in.status = f.text("status", "Status", 20);
  in.note = f.paragraph("note", "What has happened", pledges::kMaxProgressNote);
  in.evidence_text = f.paragraph("evidence_text", "Evidence", pledges::kMaxEvidenceText);
  in.evidence_url = f.text("evidence_url", "Link to the evidence", pledges::kMaxEvidenceUrl);
  if (f.ok()) f.add(pledges::validate_progress(in));
  if (f.ok()) {
    auto r = pledges::record_progress(ctx.db(), ctx.principal, actor_of(ctx, m->organisation_id), m->id, in);
    if (r) return Response::redirect(m->href + "?saved=1");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the progress update");
  return action_view(ctx, *m, &err, in);
}

}  // namespace goldthread::readiness
