// The place admin's readiness forms (changing the framework, opening a round) and actions on
// weak blocks: adding one and updating its progress through the commitment mechanism.
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
#include "readiness/readiness_page_views.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {
using core::Response;
using nlohmann::json;

core::audit::Actor actor_of(core::Context& ctx, std::int64_t organisation_id) {
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

namespace {

const std::vector<core::Crumb> kFrameworkCrumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}};

// The framework page again, with the form that was sent and its errors.
Response framework_again(core::Context& ctx, const json& values, const core::Error& err) {
  auto conn = ctx.db().acquire();
  auto fw = store::latest_framework(*conn);
  if (!fw) return core::error_page(ctx, 404, "Page not found", "There is no readiness framework yet.");
  auto model = framework_model(ctx, *conn, *fw);
  model["values"] = values;
  for (auto& o : model["statement_options"]) o["selected"] = o["value"] == values.value("code", "");
  for (auto& o : model["remove_options"]) o["selected"] = o["value"] == values.value("remove_code", "");
  for (auto& o : model["block_options"]) o["selected"] = o["value"] == values.value("add_block", "");
  core::attach_errors(model, err);
  return core::render_page(ctx, "readiness/framework", "The readiness framework", model, 400, kFrameworkCrumbs);
}

// Adding or removing a statement (the forms under the rewording one).
Response add_or_remove(core::Context& ctx, core::Form& f, const std::string& kind) {
  FrameworkChange ch;
  ch.kind = kind;
  if (kind == "add") {
    ch.block = f.text("add_block", "Building block", 200);
    ch.text = f.text("add_text", "New statement", kMaxStatementText);
    if (f.ok() && ch.block.empty()) f.error("add_block", "Select the building block to add the statement to");
    if (f.ok() && ch.text.empty()) f.error("add_text", "Enter the new statement");
  } else {
    ch.code = f.text("remove_code", "Statement to remove", 200);
    if (f.ok() && ch.code.empty()) f.error("remove_code", "Select the statement to remove");
  }
  if (f.ok()) {
    auto r = change_framework(ctx.db(), actor_of(ctx), ch);
    if (r) return Response::redirect("/readiness/framework?saved=" + kind);
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid(kind == "add" ? "Check the new statement" : "Check the statement to remove");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  return framework_again(ctx, {{"add_block", ch.block}, {"add_text", ch.text}, {"remove_code", ch.code}}, err);
}

std::optional<Block> block_at(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto fw = store::latest_framework(*conn);
  const Block* b = fw ? fw->block(ctx.param("slug")) : nullptr;
  if (!b) return std::nullopt;
  return *b;
}

Response block_form(core::Context& ctx, const Block& b, const FrameworkChange& in, const core::Error* err) {
  auto level = [&](int n) { return in.levels.count(n) ? in.levels.at(n) : std::string(); };
  json model = {{"block", {{"slug", b.slug}, {"title", b.title}, {"number", b.number}}},
                {"action", "/readiness/framework/blocks/" + b.slug},
                {"values",
                 {{"description", in.description},
                  {"level_1", level(1)},
                  {"level_3", level(3)},
                  {"level_5", level(5)},
                  {"same_meaning", in.same_meaning}}}};
  if (err) core::attach_errors(model, *err);
  auto crumbs = kFrameworkCrumbs;
  crumbs.push_back({"The readiness framework", "/readiness/framework"});
  return core::render_page(ctx, "readiness/framework_block", "Change “" + b.title + "”", model, err ? 400 : 200,
                           crumbs);
}

}  // namespace

Response framework_post(core::Context& ctx) {
  core::Form f(ctx);
  auto change = f.text("change", "Change", 20);
  if (change == "add" || change == "remove") return add_or_remove(ctx, f, change);
  auto code = f.text("code", "Statement", 200);
  auto text = f.text("text", "New wording", kMaxStatementText);
  bool same = f.flag("same_meaning");
  if (f.ok() && code.empty()) f.error("code", "Select the statement to reword");
  if (f.ok() && text.empty()) f.error("text", "Enter the new wording of the statement");
  if (f.ok()) {
    auto r = reword_statement(ctx.db(), actor_of(ctx), code, text, same);
    if (r) return Response::redirect("/readiness/framework?saved=1");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the new wording");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  return framework_again(ctx, {{"code", code}, {"text", text}, {"same_meaning", same}}, err);
}

Response framework_block_page(core::Context& ctx) {
  auto b = block_at(ctx);
  if (!b) return core::error_page(ctx, 404, "Page not found", "There is no building block at this address.");
  if (ctx.wants_json()) {
    json levels = json::object();
    for (const auto& [k, v] : b->levels) levels[std::to_string(k)] = v;
    return Response::json(json{{"slug", b->slug},
                               {"number", b->number},
                               {"title", b->title},
                               {"description", b->description},
                               {"levels", levels},
                               {"links", {{"framework", "/readiness/framework"}}}}
                              .dump());
  }
  FrameworkChange in;
  in.description = b->description;
  in.levels = b->levels;
  return block_form(ctx, *b, in, nullptr);
}

Response framework_block_post(core::Context& ctx) {
  auto b = block_at(ctx);
  if (!b) return core::error_page(ctx, 404, "Page not found", "There is no building block at this address.");
  core::Form f(ctx);
  FrameworkChange in;
  in.kind = "block";
  in.block = b->slug;
  in.description = f.paragraph("description", "Description", kMaxBlockDescription);
  for (int n : {1, 3, 5})
    in.levels[n] = f.paragraph("level_" + std::to_string(n), "Level " + std::to_string(n), kMaxLevelText);
  in.same_meaning = f.flag("same_meaning");
  if (f.ok()) {
    auto r = change_framework(ctx.db(), actor_of(ctx), in);
    if (r) return Response::redirect("/readiness/framework?saved=block#" + b->slug);
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the building block");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  return block_form(ctx, *b, in, &err);
}

namespace {

// The day, month and year boxes of a GOV.UK date input: what was typed when the form comes
// back with errors (even an impossible date), else the parts of the ISO date.
json date_parts(core::Context& ctx, const std::string& name, const std::string& iso) {
  const auto& posted = ctx.form();
  auto typed = [&](const char* part) {
    auto it = posted.find(name + "-" + part);
    return it == posted.end() ? std::string() : it->second;
  };
  if (posted.count(name + "-day") || posted.count(name + "-month") || posted.count(name + "-year"))
    return {{"day", typed("day")}, {"month", typed("month")}, {"year", typed("year")}};
  if (iso.size() != 10) return {{"day", ""}, {"month", ""}, {"year", ""}};
  auto no_zero = [](std::string s) { return s.size() == 2 && s[0] == '0' ? s.substr(1) : s; };
  return {{"day", no_zero(iso.substr(8, 2))}, {"month", no_zero(iso.substr(5, 2))}, {"year", iso.substr(0, 4)}};
}

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
        {"opens_on", date_parts(ctx, "opens_on", in.opens_on)},
        {"closes_on", date_parts(ctx, "closes_on", in.closes_on)}}},
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
