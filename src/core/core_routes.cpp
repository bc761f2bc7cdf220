#include "core/core_routes.hpp"

#include <sodium.h>

#include <cstdlib>
#include <nlohmann/json_fwd.hpp>

#include "core/app.hpp"
#include "core/comments.hpp"
#include "core/context.hpp"
#include "core/core_views.hpp"
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

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Metrics name routes and show traffic: only for the machine itself (a Prometheus on
// loopback) or whoever presents the configured token as "Authorization: Bearer <token>".
bool may_read_metrics(const Context& ctx, const std::string& token) {
  if (is_loopback(ctx.request().remote_addr)) return true;
  if (token.empty()) return false;
  auto auth = ctx.request().header("authorization").value_or("");
  static constexpr std::string_view kBearer = "Bearer ";
  if (auth.substr(0, kBearer.size()) != kBearer) return false;
  auto given = auth.substr(kBearer.size());
  return given.size() == token.size() && sodium_memcmp(given.data(), token.data(), token.size()) == 0;
}

Response metrics(Context& ctx) {
  if (!may_read_metrics(ctx, ctx.app().config().metrics_token))
    return Response::text("Metrics are served to the loopback address, or with the metrics token.\n", 403);
  ctx.app().metrics().set_pool(ctx.db().stats());
  return Response::text(ctx.app().metrics().serialize(), 200, "text/plain; version=0.0.4; charset=utf-8");
}

Response api_index(Context& ctx) {
  ApiIndexView v;
  for (const auto& r : ctx.app().registry().routes())
    if (r.method == "GET" && r.pattern != "/metrics" && r.pattern != "/healthz")
      v.routes.push_back({r.pattern, r.access.describe(), r.module});
  auto write = [&](nlohmann::json& j) { to_json(j, v); };
  return render_page(ctx, {.template_name = "core/api_index",
                           .title = "JSON API",
                           .crumbs = {{"Home", "/"}},
                           .resource = write,
                           .screen = write});
}

// The address to write to about the site: GOLDTHREAD_CONTACT_EMAIL, else the one inside
// GOLDTHREAD_MAIL_FROM ("Essex <noreply@example.org>" → noreply@example.org).
// (Read here rather than kept on Config: only this page needs it.)
std::string contact_email(const Config& cfg) {
  if (const char* v = std::getenv("GOLDTHREAD_CONTACT_EMAIL"); v && *v) return v;
  auto from = cfg.mail_from;
  auto lt = from.find('<'), gt = from.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt + 1, gt - lt - 1);
  return from;
}

Response static_page(Context& ctx, const std::string& name, const std::string& title) {
  StaticPageView v{ctx.app().service_name, contact_email(ctx.app().config())};
  auto write = [&](nlohmann::json& j) { to_json(j, v); };
  return render_page(
      ctx,
      {.template_name = "core/" + name, .title = title, .crumbs = {{"Home", "/"}}, .resource = write, .screen = write});
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
  r.add_route("GET", "/privacy", Access::anyone(),
              [](Context& c) { return static_page(c, "privacy", "Privacy notice"); });
  r.add_route("GET", "/about-the-data", Access::anyone(),
              [](Context& c) { return static_page(c, "about_the_data", "About the data"); });
  mail::register_routes(r);
  comments::register_routes(r);
}

}  // namespace goldthread::core
