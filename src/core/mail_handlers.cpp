#include "core/mail_handlers.hpp"

#include <nlohmann/json_fwd.hpp>

#include "core/app.hpp"
#include "core/context.hpp"
#include "core/mail.hpp"
#include "core/mail_views.hpp"
#include "core/page.hpp"

namespace goldthread::core::mail {
namespace {

constexpr int kPerPage = 50;

Response outbox_page(Context& ctx) {
  OutboxView v;
  v.status = ctx.query("status").value_or("");
  Status parsed;
  if (!v.status.empty() && !parse_status(v.status, parsed)) v.status.clear();
  v.page = page_param(ctx);
  v.per_page = kPerPage;
  {
    auto conn = ctx.db().acquire();
    v.messages = list(*conn, v.status, v.page, kPerPage);
    for (auto s : {Status::queued, Status::sending, Status::sent, Status::dead})
      v.counts.push_back({status_name(s), count_with_status(*conn, s)});
  }
  const auto& cfg = ctx.app().config();
  v.smtp_configured = !cfg.smtp_host.empty();
  v.smtp_host = cfg.smtp_host;
  return render_page(ctx, {.template_name = "core/outbox",
                           .title = "Outbox",
                           .crumbs = {{"Home", "/"}, {"Your account", "/account"}},
                           .resource = [&](nlohmann::json& j) { to_json(j, v); },
                           .screen = [&](nlohmann::json& j) { screen_json(j, v, ctx.csrf_token); }});
}

Response retry_submit(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such message.");
  auto st = retry(ctx.db(), audit::Actor::from(ctx.principal, 0, ctx.request().request_id), *id);
  if (!st) return error_response(ctx, st.error());
  if (ctx.wants_json()) return resource_response([](nlohmann::json& j) { to_json(j, Retried{}); });
  return Response::redirect("/admin/outbox?status=queued");
}

}  // namespace

void register_routes(Registry& r) {
  r.add_route("GET", "/admin/outbox", Access::any_of({Role::site_admin}), outbox_page);
  r.add_route("POST", "/admin/outbox/{id}/retry", Access::any_of({Role::site_admin}), retry_submit);
}

}  // namespace goldthread::core::mail
