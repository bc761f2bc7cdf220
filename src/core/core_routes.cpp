#include "core/core_routes.hpp"

#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/context.hpp"
#include "core/mail_handlers.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"

namespace goldthread::core {
namespace {

Response healthz(Context& ctx) {
  try {
    auto conn = ctx.db().acquire();
    conn->query("SELECT 1");
  } catch (const std::exception&) {
    return Response::json(R"({"status":"unavailable","database":"unreachable"})", 503);
  }
  return Response::json(R"({"status":"ok"})");
}

Response metrics(Context& ctx) {
  ctx.app().metrics().set_pool(ctx.db().stats());
  return Response::text(ctx.app().metrics().serialize(), 200, "text/plain; version=0.0.4; charset=utf-8");
}

Response api_index(Context& ctx) {
  nlohmann::json routes = nlohmann::json::array();
  for (const auto& r : ctx.app().registry().routes())
    if (r.method == "GET" && r.pattern != "/metrics" && r.pattern != "/healthz")
      routes.push_back({{"path", "/api/v1" + r.pattern}, {"page", r.pattern}, {"access", r.access.describe()},
                        {"module", r.module}});
  nlohmann::json model = {{"description",
                           "Every page has a JSON twin: ask for the same address with Accept: application/json, or "
                           "prefix the path with /api/v1."},
                          {"routes", routes}};
  return render_page(ctx, "core/api_index", "JSON API", model, 200, {{"Home", "/"}});
}

Response static_page(Context& ctx, const std::string& name, const std::string& title) {
  return render_page(ctx, "core/" + name, title, {{"service_name", ctx.app().service_name}}, 200, {{"Home", "/"}});
}

}  // namespace

void register_core_routes(Registry& r) {
  r.set_module("core");
  r.add_migrations("core");
  r.add_route("GET", "/healthz", Access::anyone(), healthz);
  r.add_route("GET", "/metrics", Access::anyone(), metrics);
  r.add_route("GET", "/api", Access::anyone(), api_index);
  r.add_route("GET", "/accessibility", Access::anyone(),
              [](Context& c) { return static_page(c, "accessibility", "Accessibility statement"); });
  r.add_route("GET", "/privacy", Access::anyone(), [](Context& c) { return static_page(c, "privacy", "Privacy notice"); });
  r.add_route("GET", "/about-the-data", Access::anyone(),
              [](Context& c) { return static_page(c, "about_the_data", "About the data"); });
  mail::register_routes(r);
}

}  // namespace goldthread::core
