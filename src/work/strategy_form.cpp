// The create and edit forms for partner strategies: owner, period, link, and an alignment
// statement per ambition or priority (an empty statement means "does not serve it").
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/form.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "work/work_handlers.hpp"
#include "work/work_rules.hpp"
#include "work/work_store.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

constexpr const char* kForbidden =
    "Only members of the organisation that owns this strategy and place administrators can edit it.";

// The statement field for an ambition (priority 0) or one of its priorities.
std::string statement_field(std::int64_t ambition, std::int64_t priority) {
  return "statement-" + std::to_string(ambition) + "-" + std::to_string(priority);
}

// The form's fields through the binder, in its order (limits: work.hpp, docs/LIMITS.md).
Strategy from_form(core::Form& f, const VisionIndex& v) {
  Strategy s;
  s.title = f.text("title", "Title", kMaxTitle);
  s.summary = f.paragraph("summary", "Summary", kMaxStrategySummary);
  s.owner_organisation_id = f.id("owner_organisation_id", "Select the organisation that owns this strategy");
  s.period_start = f.text("period_start", "Start of the period", 10);
  s.period_end = f.text("period_end", "End of the period", 10);
  f.field("period");
  s.url = f.text("url", "Link", kMaxUrl);
  auto take = [&](std::int64_t a, std::int64_t p) {
    auto text = f.paragraph(statement_field(a, p), "Statement", kMaxStatement);
    if (!text.empty()) s.alignments.push_back({a, p, text});
  };
  for (const auto& a : v.ambitions) {
    take(a.id, 0);
    for (const auto& p : a.priorities) take(a.id, p.id);
  }
  f.field("alignments");
  return s;
}

json form_model(core::Context& ctx, core::Connection& c, const VisionIndex& v, const Strategy& s) {
  auto statement_of = [&](std::int64_t a, std::int64_t p) {
    for (const auto& x : s.alignments)
      if (x.ambition_id == a && x.priority_id == p) return x.statement;
    return std::string();
  };
  json ambitions = json::array();
  for (const auto& a : v.ambitions) {
    json ps = json::array();
    for (const auto& p : a.priorities)
      ps.push_back({{"id", statement_field(a.id, p.id)}, {"text", p.title}, {"value", statement_of(a.id, p.id)}});
    ambitions.push_back(
        {{"title", a.title}, {"id", statement_field(a.id, 0)}, {"value", statement_of(a.id, 0)}, {"priorities", ps}});
  }
  return {{"values",
           {{"title", s.title},
            {"summary", s.summary},
            {"period_start", s.period_start},
            {"period_end", s.period_end},
            {"url", s.url}}},
          {"owner_label", core::text_or_null(s.owner_label)},
          {"owner_options", owner_options(ctx, c, s.owner_organisation_id)},
          {"ambitions", ambitions},
          {"is_edit", s.id != 0},
          {"action", s.id ? "/strategies/" + s.slug : "/strategies"},
          {"error_for", json::object()}};
}

Response show_form(core::Context& ctx, core::Connection& c, const VisionIndex& v, const Strategy& s,
                   const core::Error* err) {
  auto model = form_model(ctx, c, v, s);
  int status = 200;
  if (err) {
    core::attach_errors(model, *err);
    status = 400;
  }
  return core::render_page(ctx, "work/strategy_form", s.id ? "Edit " + s.title : "Add a strategy or plan", model,
                           status, {{"Home", "/"}, {"Strategies and plans", "/strategies"}});
}

Response invalid(core::Context& ctx, core::Connection& c, const VisionIndex& v, const Strategy& s,
                 const core::Error& e) {
  return ctx.wants_json() ? core::error_response(ctx, e) : show_form(ctx, c, v, s, &e);
}

// The service validates and saves in its own transaction; the form is shown again (errors in
// the form's order) after it has ended, or the strategy's page follows.
Response save(core::Context& ctx, core::Connection& c, const VisionIndex& v, Strategy in, core::Form& f,
              bool creating) {
  if (f.ok()) {
    auto actor = core::audit::Actor::from(ctx.principal, in.owner_organisation_id, ctx.request().request_id);
    auto r = save_strategy(ctx.db(), actor, in, creating);
    if (r) {
      if (ctx.wants_json())
        return Response::json(json{{"slug", r->slug}, {"href", "/strategies/" + r->slug}}.dump(), creating ? 201 : 200);
      return Response::redirect("/strategies/" + r->slug + (creating ? "?saved=created" : "?saved=updated"));
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_strategy(c, in));  // every problem at once; nothing is written
  }
  return invalid(ctx, c, v, in, f.invalid("Check the strategy's details"));
}

}  // namespace

Response new_strategy_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  return show_form(ctx, *conn, vision_index(*conn, place->id), Strategy{}, nullptr);
}

Response edit_strategy_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto s = try_find_strategy(*conn, place->id, ctx.param("slug"));
  if (!s) return not_found(ctx, "strategy");
  if (!can_edit(ctx.principal, s->owner_organisation_id))
    return core::error_page(ctx, 403, "You do not have permission", kForbidden);
  return show_form(ctx, *conn, vision_index(*conn, place->id), *s, nullptr);
}

Response create_strategy_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto v = vision_index(*conn, place->id);
  core::Form f(ctx);
  auto in = from_form(f, v);
  in.place_id = place->id;
  if (!can_own(ctx.principal, in.owner_organisation_id))
    f.error("owner_organisation_id", "Select an organisation you are a member of");
  return save(ctx, *conn, v, std::move(in), f, true);
}

Response update_strategy_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto existing = try_find_strategy(*conn, place->id, ctx.param("slug"));
  if (!existing) return not_found(ctx, "strategy");
  if (!can_edit(ctx.principal, existing->owner_organisation_id))
    return core::error_page(ctx, 403, "You do not have permission", kForbidden);
  auto v = vision_index(*conn, place->id);
  core::Form f(ctx);
  auto in = from_form(f, v);
  in.id = existing->id;
  in.place_id = place->id;
  in.slug = existing->slug;  // addresses stay stable
  if (!in.owner_organisation_id) in.owner_label = existing->owner_label;
  if (in.owner_organisation_id != existing->owner_organisation_id && !can_own(ctx.principal, in.owner_organisation_id))
    f.error("owner_organisation_id", "Select an organisation you are a member of");
  return save(ctx, *conn, v, std::move(in), f, false);
}

}  // namespace goldthread::work
