// The place admin's readiness forms (changing the framework, opening a round) and actions on
// weak blocks: adding one and updating its progress through the commitment mechanism.
#include <nlohmann/json_fwd.hpp>

#include "core/csv_import.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/admin_views.hpp"
#include "readiness/readiness_handlers.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_page_views.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {
using core::Response;

core::audit::Actor actor_of(core::Context& ctx, std::int64_t organisation_id) {
  return core::audit::Actor::from(ctx.principal, organisation_id, ctx.request().request_id);
}

namespace {

const std::vector<core::Crumb> kFrameworkCrumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}};

// The framework page again, with the form that was sent and its errors.
Response framework_again(core::Context& ctx, const FrameworkFormValues& values, const core::Error& err) {
  auto conn = ctx.db().acquire();
  auto fw = store::latest_framework(*conn);
  if (!fw) return core::error_page(ctx, 404, "Page not found", "There is no readiness framework yet.");
  return core::render_page(
      ctx, {.template_name = "readiness/framework",
            .title = "The readiness framework",
            .crumbs = kFrameworkCrumbs,
            .status = 400,
            .resource = {},
            .screen = [&](nlohmann::json& j) { framework_again_json(j, ctx, *conn, *fw, values, err); }});
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
  return framework_again(
      ctx, {.code = "", .text = "", .add_block = ch.block, .add_text = ch.text, .remove_code = ch.code}, err);
}

std::optional<Block> block_at(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto fw = store::latest_framework(*conn);
  const Block* b = fw ? fw->block(ctx.param("slug")) : nullptr;
  if (!b) return std::nullopt;
  return *b;
}

Response block_form(core::Context& ctx, const Block& b, const FrameworkChange& in, const core::Error* err) {
  BlockForm form{b, in, err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  auto crumbs = kFrameworkCrumbs;
  crumbs.push_back({"The readiness framework", "/readiness/framework"});
  return core::render_page(ctx, {.template_name = "readiness/framework_block",
                                 .title = "Change “" + b.title + "”",
                                 .crumbs = crumbs,
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
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
  return framework_again(ctx, {.code = code, .text = text, .same_meaning = same}, err);
}

Response framework_block_page(core::Context& ctx) {
  auto b = block_at(ctx);
  if (!b) return core::error_page(ctx, 404, "Page not found", "There is no building block at this address.");
  if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, BlockView{*b}); });
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
DateParts date_parts(core::Context& ctx, const std::string& name, const std::string& iso) {
  const auto& posted = ctx.form();
  auto typed = [&](const char* part) {
    auto it = posted.find(name + "-" + part);
    return it == posted.end() ? std::string() : it->second;
  };
  if (posted.count(name + "-day") || posted.count(name + "-month") || posted.count(name + "-year"))
    return {typed("day"), typed("month"), typed("year")};
  if (iso.size() != 10) return {};
  auto no_zero = [](std::string s) { return s.size() == 2 && s[0] == '0' ? s.substr(1) : s; };
  return {no_zero(iso.substr(8, 2)), no_zero(iso.substr(5, 2)), iso.substr(0, 4)};
}

Response round_form(core::Context& ctx, const RoundInput& in, const std::vector<std::string>& invited_lines,
                    const core::Error* err) {
  RoundForm form{in, invited_lines, date_parts(ctx, "opens_on", in.opens_on),
                 date_parts(ctx, "closes_on", in.closes_on), err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "readiness/round_form",
                                 .title = "Open a readiness round",
                                 .crumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}},
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
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
  if (ctx.wants_json()) return core::error_response(ctx, err);
  auto conn = ctx.db().acquire();
  auto p = build_round_page(ctx, *conn, *round);
  return core::render_page(ctx, {.template_name = "readiness/round",
                                 .title = round->name,
                                 .crumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}},
                                 .status = 400,
                                 .resource = {},
                                 .screen = [&](nlohmann::json& j) { action_again_json(j, p, in, err); }});
}

namespace {

Response action_view(core::Context& ctx, const pledges::Commitment& m, const core::Error* err,
                     const pledges::ProgressInput& values) {
  ActionView v;
  v.commitment = m;
  {
    auto conn = ctx.db().acquire();
    auto link = store::action_of(*conn, m.id);
    if (link) {
      v.round = store::find_round_by_id(*conn, link->first);
      v.block_slug = v.block_title = link->second;
    }
    if (v.round)
      if (auto fw = store::framework_of_version(*conn, v.round->framework_version))
        if (const auto* b = fw->block(v.block_slug)) v.block_title = b->title;
    v.updates = pledges::progress_of(*conn, m.id);
  }
  v.staleness =
      pledges::staleness_of(m.last_update_at.empty() ? m.created_at : m.last_update_at, pledges::today_utc(), m.status);
  ActionScreen screen{pledges::can_update_commitment(ctx.principal, m), ctx.query("saved").has_value(), values, err};
  return core::render_page(ctx, {.template_name = "readiness/action",
                                 .title = "Action on " + v.block_title,
                                 .crumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}},
                                 .status = err ? 400 : 200,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
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
  if (ctx.wants_json()) return core::error_response(ctx, err);
  return action_view(ctx, *m, &err, in);
}

}  // namespace goldthread::readiness
