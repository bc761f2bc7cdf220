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

// Writes one representation into a json that core owns. Lets a handler that includes only
// <nlohmann/json_fwd.hpp> hand core its serialisers: `[&](nlohmann::json& j) { to_json(j, view); }`.
using JsonWriter = std::function<void(nlohmann::json&)>;

// A page with two representations (docs/ARCHITECTURE.md, "View models: the JSON twin is the
// resource"): `resource` writes the JSON twin (Accept: application/json and /api/v1/...) — the
// resource's fields and links, no screen state; `screen` writes the template's model and is
// called only for an HTML answer. A page without a JSON twin of its own leaves `resource`
// empty and the twin is {} (never the screen model).
struct Page {
  std::string template_name;
  std::string title;
  std::vector<Crumb> crumbs = {};
  int status = 200;
  JsonWriter resource = {};
  JsonWriter screen = {};
};
Response render_page(Context& ctx, const Page& page);
// A JSON answer written by `resource` (e.g. the answer to a POST asked for as JSON).
Response resource_response(const JsonWriter& resource, int status = 200);

// The resource side of a paged list, under "pagination" in a list's JSON twin:
// {page, per_page, pages, total, links: {self, first, last, next?, previous?}}.
// `base_href` as for pagination() below.
nlohmann::json resource_pagination(const std::string& base_href, int page, int per_page, std::int64_t total);

// Renders `template_name` inside the layout (HTML) or returns the model (JSON). Older form:
// its JSON twin is the screen model; new pages use render_page(ctx, Page).
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
