#include "core/page.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/templates.hpp"

namespace goldthread::core {

Response render_page(Context& ctx, const std::string& template_name, const std::string& title,
                     const nlohmann::json& model, int status, const std::vector<Crumb>& crumbs) {
  if (ctx.wants_json()) return Response::json(model.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
  nlohmann::json layout;
  App& app = ctx.app();
  bool has_errors = model.is_object() && model.contains("errors") && !model["errors"].empty();
  layout["title"] = (has_errors ? "Error: " : "") + title + " – " + app.service_name;
  layout["service_name"] = app.service_name;
  layout["path"] = ctx.request().path;
  nlohmann::json nav = nlohmann::json::array();
  for (const auto& n : app.nav()) {
    bool active = n.href == "/" ? ctx.request().path == "/" : ctx.request().path.rfind(n.href, 0) == 0;
    nav.push_back({{"label", n.label}, {"href", n.href}, {"active", active}});
  }
  layout["nav"] = nav;
  nlohmann::json bc = nlohmann::json::array();
  for (const auto& c : crumbs) bc.push_back({{"text", c.text}, {"href", c.href}});
  layout["breadcrumbs"] = bc;
  layout["has_breadcrumbs"] = !crumbs.empty();
  if (ctx.principal.signed_in()) layout["user"] = {{"name", ctx.principal.name}};
  layout["csrf_token"] = ctx.csrf_token;
  nlohmann::json base = {{"csrf_token", ctx.csrf_token}, {"page_title", title}};
  std::string body = model.is_object() ? render_template(template_name, model, base)
                                       : render_template(template_name, nlohmann::json{{"items", model}}, base);
  // The body is spliced in after rendering, so it is not copied through the template data.
  static const std::string kMarker = "\x01goldthread-content\x01";
  layout["content"] = kMarker;
  std::string page = render_template("core/layout", layout);
  if (auto at = page.find(kMarker); at != std::string::npos) page.replace(at, kMarker.size(), body);
  return Response::html(std::move(page), status);
}

Response error_page(Context& ctx, int status, const std::string& title, const std::string& message) {
  nlohmann::json model = {{"error", {{"status", status}, {"title", title}, {"message", message}}}};
  if (ctx.wants_json()) return Response::json(model.dump(), status);
  return render_page(ctx, "core/error", title, {{"title", title}, {"message", message}, {"status", status}}, status);
}

Response error_response(Context& ctx, const Error& e) {
  switch (e.kind) {
    case ErrorKind::not_found: return error_page(ctx, 404, "Page not found", e.message);
    case ErrorKind::forbidden: return error_page(ctx, 403, "You do not have permission", e.message);
    case ErrorKind::conflict: return error_page(ctx, 409, "There is a conflict", e.message);
    case ErrorKind::unauthenticated: return error_page(ctx, 401, "You need to sign in", e.message);
    case ErrorKind::too_many: return error_page(ctx, 429, "Too many attempts", e.message);
    case ErrorKind::internal: return error_page(ctx, 500, "Sorry, there is a problem with the service", e.message);
    case ErrorKind::invalid: break;
  }
  if (ctx.wants_json()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : e.fields) fields.push_back({{"field", f.field}, {"message", f.message}});
    return Response::json(nlohmann::json{{"error", {{"status", 400}, {"message", e.message}, {"fields", fields}}}}.dump(),
                          400);
  }
  if (e.fields.empty()) return error_page(ctx, 400, "There is a problem", e.message);
  // Field errors from a form posted from another page: the GOV.UK error summary names each field.
  nlohmann::json model = {{"title", "There is a problem"}, {"message", e.message}, {"status", 400}};
  attach_errors(model, e);
  return render_page(ctx, "core/error", "There is a problem", model, 400);
}

void attach_errors(nlohmann::json& model, const Error& e) {
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json by_field = nlohmann::json::object();
  for (const auto& f : e.fields) {
    list.push_back({{"text", f.message}, {"href", "#" + f.field}});
    by_field[f.field] = f.message;
  }
  if (list.empty() && !e.message.empty()) list.push_back({{"text", e.message}, {"href", "#main-content"}});
  model["has_errors"] = !list.empty();
  model["errors"] = list;
  model["error_for"] = by_field;
}

nlohmann::json pagination(const std::string& base_href, int page, int per_page, std::int64_t total) {
  per_page = std::max(1, per_page);
  int pages = static_cast<int>((total + per_page - 1) / per_page);
  auto href = [&](int n) {
    return base_href + (base_href.find('?') == std::string::npos ? "?" : "&") + "page=" + std::to_string(n);
  };
  nlohmann::json items = nlohmann::json::array();
  for (int n = 1; n <= pages; ++n) {
    bool near = n == 1 || n == pages || (n >= page - 1 && n <= page + 1);
    if (near) items.push_back({{"number", n}, {"href", href(n)}, {"current", n == page}});
    else if (items.empty() || !items.back().contains("ellipsis")) items.push_back({{"ellipsis", true}});
  }
  nlohmann::json p = {{"show", pages > 1}, {"page", page}, {"pages", pages}, {"total", total}, {"items", items}};
  if (page > 1 && page <= pages) p["previous"] = {{"href", href(page - 1)}};
  if (page < pages) p["next"] = {{"href", href(page + 1)}};
  return p;
}

int page_param(const Context& ctx) {
  auto v = ctx.query("page");
  if (!v || v->empty() || v->size() > 5) return 1;
  for (char ch : *v)
    if (ch < '0' || ch > '9') return 1;
  return std::max(1, std::stoi(*v));
}

}  // namespace goldthread::core
