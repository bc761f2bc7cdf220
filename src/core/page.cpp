#include "core/page.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/app.hpp"
#include "core/audit.hpp"
#include "core/site_map.hpp"
#include "core/templates.hpp"

namespace goldthread::core {

namespace {

// What render_page produced, kept by cached_body: everything but the layout.
struct PageParts {
  std::string title, body;
  int status = 200;
  std::vector<Crumb> crumbs;
  bool has_errors = false;
};
// Context::memo key: while cached_body runs a handler, render_page records its parts here.
struct Capture {
  using type = Capture;
  bool on = false;
  std::optional<PageParts> parts;
};
struct DataVersion {
  using type = std::int64_t;
};
// core::App::state key: the cached bodies of one App.
struct BodyCache {
  using type = BodyCache;
  struct Entry {
    std::int64_t version = 0;
    std::optional<PageParts> html;
    std::optional<Response> json;
  };
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const Entry>> entries;  // GUARDED_BY(mu)
};
constexpr std::size_t kMaxBodies = 1024;

// The feeds advertised on this path (Registry::add_feed_link): a pattern's segments match the
// path's one for one, "{name}" matching any segment and filling "{name}" in the href.
nlohmann::json feeds_model(const Registry& reg, const std::string& path) {
  auto split = [](const std::string& p) {
    std::vector<std::string> out;
    std::size_t at = 1;
    while (at <= p.size()) {
      auto slash = p.find('/', at);
      if (slash == std::string::npos) slash = p.size();
      out.push_back(p.substr(at, slash - at));
      at = slash + 1;
    }
    return out;
  };
  nlohmann::json out = nlohmann::json::array();
  auto segs = split(path);
  for (const auto& f : reg.feed_links()) {
    auto pat = split(f.pattern);
    if (pat.size() != segs.size()) continue;
    std::string href = f.href;
    bool ok = true;
    for (std::size_t i = 0; i < pat.size() && ok; ++i) {
      if (pat[i].size() > 2 && pat[i].front() == '{' && pat[i].back() == '}') {
        auto at = href.find(pat[i]);
        if (at != std::string::npos) href.replace(at, pat[i].size(), segs[i]);
      } else {
        ok = pat[i] == segs[i];
      }
    }
    if (ok) out.push_back({{"title", f.title}, {"href", href}});
  }
  return out;
}

// The page inside the layout: title, navigation, breadcrumbs and who is signed in.
Response layout_page(Context& ctx, const std::string& title, const std::string& body, int status,
                     const std::vector<Crumb>& crumbs, bool has_errors) {
  nlohmann::json layout;
  App& app = ctx.app();
  const std::string& path = ctx.request().path;
  // The home page's title is the service's name; every other page's is "<page> – <service>".
  const bool is_service_name = title == app.service_name;
  layout["title"] = (has_errors ? "Error: " : "") + title + (is_service_name ? "" : " – " + app.service_name);
  layout["service_name"] = app.service_name;
  layout["path"] = path;
  layout["nav"] = navigation_model(ctx, path);
  layout["account_active"] = path == "/account" || path.rfind("/account/", 0) == 0;
  nlohmann::json bc = nlohmann::json::array();
  for (const auto& c : crumbs_with_section(ctx, path, crumbs)) bc.push_back({{"text", c.text}, {"href", c.href}});
  layout["breadcrumbs"] = bc;
  layout["has_breadcrumbs"] = !bc.empty();
  if (ctx.principal.signed_in()) {
    layout["user"] = {{"name", ctx.principal.name}};
    if (const auto& badge = app.registry().account_badge()) {
      auto n = badge(ctx);
      if (n > 0) layout["user"]["unread"] = n > 99 ? std::string("99+") : std::to_string(n);
    }
  }
  layout["feeds"] = feeds_model(app.registry(), path);
  layout["csrf_token"] = ctx.csrf_token;
  return Response::html(render_around("core/layout", layout, "content", body), status);
}

// Roles and memberships, the part of the visitor a cached body may depend on.
std::string privileges_key(const Principal& p) {
  std::string key = p.signed_in() ? "s" : "a";
  for (auto r : p.roles) key += std::string(":") + role_name(r);
  for (const auto& m : p.memberships) key += "/" + std::to_string(m.organisation_id) + (m.admin ? "a" : "m");
  return key;
}

}  // namespace

Response render_page(Context& ctx, const std::string& template_name, const std::string& title,
                     const nlohmann::json& model, int status, const std::vector<Crumb>& crumbs) {
  if (ctx.wants_json())
    return Response::json(model.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
  bool has_errors = model.is_object() && model.contains("errors") && !model["errors"].empty();
  std::string full_title = title;
  // Page 2 of a list is a page of its own: "Projects (page 2 of 5)".
  if (model.is_object() && model.contains("pagination") && model["pagination"].is_object()) {
    const auto& p = model["pagination"];
    int page = p.value("page", 1), pages = p.value("pages", 1);
    if (page > 1 && page <= pages)
      full_title += " (page " + std::to_string(page) + " of " + std::to_string(pages) + ")";
  }
  nlohmann::json base = {{"csrf_token", ctx.csrf_token}, {"page_title", title}};
  std::string body = model.is_object() ? render_template(template_name, model, base)
                                       : render_template(template_name, nlohmann::json{{"items", model}}, base);
  auto& capture = ctx.memo<Capture>([] { return Capture{}; });
  if (capture.on) capture.parts = PageParts{full_title, body, status, crumbs, has_errors};
  return layout_page(ctx, full_title, body, status, crumbs, has_errors);
}

Response render_page(Context& ctx, const Page& page) {
  if (ctx.wants_json()) return resource_response(page.resource, page.status);
  nlohmann::json model = nlohmann::json::object();
  if (page.screen) page.screen(model);
  return render_page(ctx, page.template_name, page.title, model, page.status, page.crumbs);
}

Response resource_response(const JsonWriter& resource, int status) {
  nlohmann::json j = nlohmann::json::object();
  if (resource) resource(j);
  return Response::json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

nlohmann::json resource_pagination(const std::string& base_href, int page, int per_page, std::int64_t total) {
  per_page = std::max(1, per_page);
  const int pages = std::max(1, static_cast<int>((total + per_page - 1) / per_page));
  auto href = [&](int n) {
    if (n == 1) return base_href;
    return base_href + (base_href.find('?') == std::string::npos ? "?" : "&") + "page=" + std::to_string(n);
  };
  nlohmann::json links = {{"self", href(page)}, {"first", href(1)}, {"last", href(pages)}};
  if (page > 1) links["previous"] = href(std::min(page - 1, pages));
  if (page < pages) links["next"] = href(page + 1);
  return {{"page", page}, {"per_page", per_page}, {"pages", pages}, {"total", total}, {"links", links}};
}

std::int64_t data_version(Context& ctx) {
  return ctx.memo<DataVersion>([&] {
    auto conn = ctx.db().acquire();
    return audit::latest_id(*conn);
  });
}

Response cached_body(Context& ctx, const std::function<Response()>& build) {
  const auto version = data_version(ctx);
  const std::string key = (ctx.wants_json() ? "J " : "H ") + privileges_key(ctx.principal) + " " + ctx.request().target;
  auto& cache = ctx.app().state<BodyCache>();
  std::shared_ptr<const BodyCache::Entry> hit;
  {
    std::lock_guard g(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second->version == version) hit = it->second;
  }
  if (hit && hit->json) return *hit->json;
  if (hit && hit->html) {
    const auto& p = *hit->html;
    return layout_page(ctx, p.title, p.body, p.status, p.crumbs, p.has_errors);
  }
  auto& capture = ctx.memo<Capture>([] { return Capture{}; });
  capture.on = true;
  capture.parts.reset();
  Response res = build();
  capture.on = false;
  if (res.status != 200 || res.stream) return res;  // a streamed body is produced once: never kept
  auto entry = std::make_shared<BodyCache::Entry>();
  entry->version = version;
  if (ctx.wants_json())
    entry->json = res;
  else if (capture.parts && capture.parts->status == 200)
    entry->html = std::move(capture.parts);
  else
    return res;  // not a page render_page made: nothing to reuse
  std::lock_guard g(cache.mu);
  if (cache.entries.size() >= kMaxBodies) cache.entries.clear();
  cache.entries[key] = std::move(entry);
  return res;
}

nlohmann::json sections_model(const Context& ctx, const std::vector<Section>& sections) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sections) {
    const nlohmann::json& model = s.model ? *s.model : nlohmann::json();
    nlohmann::json item = {{"key", s.key}, {"heading", s.heading}, {"model", model}};
    if (!ctx.wants_json())
      item["html"] = model.is_array()
                         ? render_template(s.template_name, {{"items", model}, {"has_items", !model.empty()}})
                         : render_template(s.template_name, model);
    out.push_back(std::move(item));
  }
  return out;
}

Section make_section(std::string key, std::string heading, std::string template_name, nlohmann::json model) {
  return {std::move(key), std::move(heading), std::move(template_name),
          std::make_shared<const nlohmann::json>(std::move(model))};
}

Response error_page(Context& ctx, int status, const std::string& title, const std::string& message) {
  nlohmann::json model = {{"error", {{"status", status}, {"title", title}, {"message", message}}}};
  if (ctx.wants_json()) return Response::json(model.dump(), status);
  return render_page(ctx, "core/error", title, {{"title", title}, {"message", message}, {"status", status}}, status);
}

Response error_response(Context& ctx, const Error& e) {
  switch (e.kind) {
    case ErrorKind::not_found:
      return error_page(ctx, 404, "Page not found", e.message);
    case ErrorKind::forbidden:
      return error_page(ctx, 403, "You do not have permission", e.message);
    case ErrorKind::conflict:
      return error_page(ctx, 409, "There is a conflict", e.message);
    case ErrorKind::unauthenticated:
      return error_page(ctx, 401, "You need to sign in", e.message);
    case ErrorKind::too_many:
      return error_page(ctx, 429, "Too many attempts", e.message);
    case ErrorKind::internal:
      return error_page(ctx, 500, "Sorry, there is a problem with the service", e.message);
    case ErrorKind::invalid:
      break;
  }
  if (ctx.wants_json()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : e.fields) fields.push_back({{"field", f.field}, {"message", f.message}});
    return Response::json(
        nlohmann::json{{"error", {{"status", 400}, {"message", e.message}, {"fields", fields}}}}.dump(), 400);
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
    if (!by_field.contains(f.field)) by_field[f.field] = f.message;  // a field shows its first problem
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
    if (near)
      items.push_back({{"number", n}, {"href", href(n)}, {"current", n == page}});
    else if (items.empty() || !items.back().contains("ellipsis"))
      items.push_back({{"ellipsis", true}});
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
