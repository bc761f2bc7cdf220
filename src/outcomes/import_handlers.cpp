// The upload page: partner members and place admins paste a CSV (the same format as the
// command line), see a per-row report in the GOV.UK error-summary style, fix and try again.
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kSummaryLines = 20;

Response show_import(core::Context& ctx, const json& values, json errors, const json& report, int status) {
  json model = {{"csrf_token", ctx.csrf_token}, {"values", values}, {"report", report}};
  model["has_errors"] = !errors.empty();
  json by_field = json::object();
  for (const auto& e : errors) {
    std::string field = e["href"].get<std::string>().substr(1);
    if (!by_field.contains(field)) by_field[field] = e["text"];
  }
  model["errors"] = std::move(errors);
  model["error_for"] = by_field;
  return core::render_page(ctx, "outcomes/import", "Import indicator data", model, status,
                           {{"Home", "/"}, {"Indicators", "/indicators"}});
}

}  // namespace

Response import_page(core::Context& ctx) {
  return show_import(ctx, json::object(), json::array(), nullptr, 200);
}

Response import_handler(core::Context& ctx) {
  core::Form f(ctx);
  std::string text = f.paragraph("csv", "CSV data", kMaxUploadChars);
  std::string file_name = f.text("file_name", "File name", 200);
  ImportOptions opts;
  opts.provisional = f.flag("provisional");
  opts.embargo_until = f.date("embargo_until", "Embargo date");
  opts.skip_invalid = f.flag("skip_invalid");
  opts.file_name = file_name.empty() ? "upload" : file_name;
  if (f.ok() && text.empty()) f.error("csv", "Paste the CSV data, with its header row");
  json values = {{"csv", text},
                 {"file_name", file_name},
                 {"provisional", opts.provisional},
                 {"embargo_until", opts.embargo_until},
                 {"skip_invalid", opts.skip_invalid}};
  if (!f.ok()) {
    json errors = json::array();
    for (const auto& e : f.errors()) errors.push_back({{"text", e.message}, {"href", "#" + e.field}});
    if (errors.empty()) errors.push_back({{"text", "Check the form"}, {"href", "#csv"}});
    return show_import(ctx, values, errors, nullptr, 400);
  }
  std::int64_t org = ctx.principal.memberships.empty() ? 0 : ctx.principal.memberships.front().organisation_id;
  std::istringstream in(text);
  auto rep =
      import_indicators_csv(ctx.db(), core::audit::Actor::from(ctx.principal, org, ctx.request().request_id), in, opts);
  json problems = json::array();
  for (const auto& p : rep.problems)
    problems.push_back({{"line", p.row}, {"column", p.column.empty() ? "(row)" : p.column}, {"problem", p.problem}});
  json report = {{"rows", rep.rows},
                 {"created", rep.created},
                 {"updated", rep.updated},
                 {"unchanged", rep.unchanged},
                 {"skipped", rep.skipped},
                 {"indicators_created", rep.indicators_created},
                 {"written", rep.written},
                 {"problems", problems},
                 {"has_problems", !problems.empty()},
                 {"problem_count", rep.problem_count},
                 {"import_id", rep.import_id ? json(rep.import_id) : json(nullptr)}};
  if (!ctx.wants_json()) {  // what people read: "1 row", "2 problems"
    report["rows_text"] = core::count_of(static_cast<std::int64_t>(rep.rows), "row");
    report["problems_text"] = core::count_of(static_cast<std::int64_t>(rep.problem_count), "problem");
  }
  if (!rep.error.empty())
    return show_import(ctx, values, json::array({{{"text", rep.error}, {"href", "#csv"}}}), report, 400);
  if (!rep.written) {
    json errors = json::array();
    for (std::size_t i = 0; i < rep.problems.size() && i < kSummaryLines; ++i) {
      const auto& p = rep.problems[i];
      errors.push_back(
          {{"text", "Line " + std::to_string(p.row) + (p.column.empty() ? "" : ", " + p.column) + ": " + p.problem},
           {"href", "#csv"}});
    }
    if (rep.problem_count > kSummaryLines)
      errors.push_back({{"text", "and " + core::with_commas(rep.problem_count - kSummaryLines) +
                                     " more problems (see the row report)"},
                        {"href", "#row-report"}});
    report["nothing_written"] = true;
    return show_import(ctx, values, errors, report, 400);
  }
  report["confirmation"] = true;
  return show_import(ctx, json::object(), json::array(), report, 200);
}

}  // namespace goldthread::outcomes
