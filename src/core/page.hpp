#pragma once
// One handler, two representations: a view model (JSON) rendered either into a GOV.UK page or
// returned as the JSON twin when the client asked for application/json.
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"

namespace goldthread::core {

struct Crumb {
  std::string text;
  std::string href;
};

// Renders `template_name` inside the layout (HTML) or returns the model (JSON).
Response render_page(Context& ctx, const std::string& template_name, const std::string& title,
                     const nlohmann::json& model, int status = 200, const std::vector<Crumb>& crumbs = {});

// The `sections` field of a page's model: [{key, heading, model}] for the JSON twin, plus
// `html` (each section's template rendered with its model) only when the answer is HTML. A
// model that is an array is rendered as {items: model, has_items: bool}.
nlohmann::json sections_model(const Context& ctx, const std::vector<Section>& sections);
// Convenience: a section whose model is `model`, rendered (for HTML only) by `template_name`.
Section make_section(std::string key, std::string heading, std::string template_name, nlohmann::json model);

// The data version: the newest audit record's id. Every create, update and delete writes an
// audit record in its own transaction, so one indexed query tells whether anything a page
// shows may have changed (valid across several servers sharing one PostgreSQL database).
// Read at most once per request.
std::int64_t data_version(Context& ctx);

// A page whose content depends on the data and on what the visitor may do (their roles and
// memberships), never on who they are: `build` runs at most once per data version for each
// URL, representation (HTML or JSON) and set of privileges, and every later request gets the
// cached content — an HTML body inside this visitor's own layout (who is signed in, the
// navigation), or the whole JSON answer. Only 200 answers are kept. The handler's I/O and
// rendering then cost nothing until the next audited write.
Response cached_body(Context& ctx, const std::function<Response()>& build);

// The error page in the site's style (HTML) or {"error": {...}} (JSON).
Response error_page(Context& ctx, int status, const std::string& title, const std::string& message);

// Maps an expected error to its page: invalid 400, not_found 404, forbidden 403, conflict 409.
Response error_response(Context& ctx, const Error& e);

// Adds `errors` (for the GOV.UK error summary, each with href "#field") and `error_for`
// (field → message) to a form's model.
void attach_errors(nlohmann::json& model, const Error& e);

// The model for the {{>core/pagination}} partial (GOV.UK pagination) under key "pagination":
// show, previous/next {href}, items [{number, href, current} | {ellipsis}], page, pages, total.
// `base_href` is the path with the page's other query parameters, e.g. "/search?q=x".
nlohmann::json pagination(const std::string& base_href, int page, int per_page, std::int64_t total);
// The `page` query parameter: 1 when absent or not a positive number below 100000.
int page_param(const Context& ctx);

}  // namespace goldthread::core
