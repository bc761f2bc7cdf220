#pragma once
// One handler, two representations: a view model (JSON) rendered either into a GOV.UK page or
// returned as the JSON twin when the client asked for application/json.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/context.hpp"
#include "core/result.hpp"

namespace goldthread::core {

struct Crumb {
  std::string text;
  std::string href;
};

// Renders `template_name` inside the layout (HTML) or returns the model (JSON).
Response render_page(Context& ctx, const std::string& template_name, const std::string& title,
                     const nlohmann::json& model, int status = 200, const std::vector<Crumb>& crumbs = {});

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
