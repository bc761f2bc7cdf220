// The create and edit forms for partner strategies: owner, period, link, and an alignment
// statement per ambition or priority (an empty statement means "does not serve it").
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "work/work_handlers.hpp"
#include "work/work_rules.hpp"
#include "work/work_store.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxStatement = 2000;
constexpr const char* kForbidden =
    "Only members of the organisation that owns this strategy and place administrators can edit it.";

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  auto start = s.find_first_not_of(" \t\r\n");
  return start == std::string::npos ? "" : s.substr(start);
}

// The statement field for an ambition (priority 0) or one of its priorities.
std::string statement_field(std::int64_t ambition, std::int64_t priority) {
  return "statement-" + std::to_string(ambition) + "-" + std::to_string(priority);
}

Strategy from_form(core::Context& ctx, const VisionIndex& v, std::vector<core::FieldError>& errors) {
  Strategy s;
  s.title = trimmed(ctx.form_value("title"));
  s.summary = trimmed(ctx.form_value("summary"));
  s.owner_organisation_id = to_id(ctx.form_value("owner_organisation_id"));
  s.period_start = trimmed(ctx.form_value("period_start"));
  s.period_end = trimmed(ctx.form_value("period_end"));
  s.url = trimmed(ctx.form_value("url"));
  bool too_long = false;
  auto take = [&](std::int64_t a, std::int64_t p) {
    auto text = trimmed(ctx.form_value(statement_field(a, p)));
    if (text.size() > kMaxStatement) too_long = true;
    if (!text.empty()) s.alignments.push_back({a, p, text});
  };
  for (const auto& a : v.ambitions) {
    take(a.id, 0);
    for (const auto& p : a.priorities) take(a.id, p.id);
  }
  if (too_long) errors.push_back({"alignments", "Each statement must be 2,000 characters or fewer"});
  if (s.summary.size() > 2000) errors.push_back({"summary", "Summary must be 2,000 characters or fewer"});
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
    ambitions.push_back({{"title", a.title}, {"id", statement_field(a.id, 0)}, {"value", statement_of(a.id, 0)},
                         {"priorities", ps}});
  }
  return {{"values",
           {{"title", s.title}, {"summary", s.summary}, {"period_start", s.period_start},
            {"period_end", s.period_end}, {"url", s.url}}},
          {"owner_label", opt(s.owner_label)},
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

// Validation errors of the form and the store, one per field, in the form's order.
core::Error merged(std::vector<core::FieldError> errors, const core::Error* store) {
  static const std::vector<std::string> kOrder = {"title", "summary", "owner_organisation_id", "period", "url",
                                                  "alignments"};
  if (store) errors.insert(errors.end(), store->fields.begin(), store->fields.end());
  auto rank = [](const std::string& f) { return std::find(kOrder.begin(), kOrder.end(), f) - kOrder.begin(); };
  std::stable_sort(errors.begin(), errors.end(), [&](const auto& x, const auto& y) { return rank(x.field) < rank(y.field); });
  std::vector<core::FieldError> out;
  for (auto& e : errors)
    if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.field == e.field; })) out.push_back(e);
  return core::Error::invalid("Check the strategy's details", out);
}

// Validates, then writes and audits in one transaction; the redirect or JSON on success.
Response save(core::Context& ctx, core::Connection& c, const VisionIndex& v, Strategy in,
              std::vector<core::FieldError> errors, bool creating) {
  core::Transaction tx(c);
  if (creating && try_find_strategy(c, in.place_id, in.slug))
    errors.push_back({"title", "A strategy with this title already exists; choose another title"});
  auto more = validate_strategy(c, in);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty()) return invalid(ctx, c, v, in, merged(errors, nullptr));
  auto actor = core::audit::Actor::from(ctx.principal, in.owner_organisation_id, ctx.request().request_id);
  auto r = upsert_strategy(c, actor, in);
  if (!r) return invalid(ctx, c, v, in, r.error().kind == core::ErrorKind::invalid ? merged({}, &r.error()) : r.error());
  tx.commit();
  if (ctx.wants_json())
    return Response::json(json{{"slug", r->slug}, {"href", "/strategies/" + r->slug}}.dump(), creating ? 201 : 200);
  return Response::redirect("/strategies/" + r->slug + (creating ? "?saved=created" : "?saved=updated"));
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
  std::vector<core::FieldError> errors;
  auto in = from_form(ctx, v, errors);
  in.place_id = place->id;
  in.slug = slugify(in.title);
  if (!can_own(ctx.principal, in.owner_organisation_id))
    errors.push_back({"owner_organisation_id", "Select an organisation you are a member of"});
  return save(ctx, *conn, v, std::move(in), std::move(errors), true);
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
  std::vector<core::FieldError> errors;
  auto in = from_form(ctx, v, errors);
  in.id = existing->id;
  in.place_id = place->id;
  in.slug = existing->slug;  // addresses stay stable
  if (!in.owner_organisation_id) in.owner_label = existing->owner_label;
  if (in.owner_organisation_id != existing->owner_organisation_id && !can_own(ctx.principal, in.owner_organisation_id))
    errors.push_back({"owner_organisation_id", "Select an organisation you are a member of"});
  return save(ctx, *conn, v, std::move(in), std::move(errors), false);
}

}  // namespace goldthread::work
