#include "core/mail_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/context.hpp"
#include "core/mail.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::core::mail {
namespace {

using nlohmann::json;
constexpr int kPerPage = 50;

const char* tag_class(const std::string& status) {
  if (status == "sent") return "govuk-tag--green";
  if (status == "dead") return "govuk-tag--red";
  if (status == "sending") return "govuk-tag--blue";
  return "govuk-tag--grey";
}

Response outbox_page(Context& ctx) {
  std::string status = ctx.query("status").value_or("");
  Status parsed;
  if (!status.empty() && !parse_status(status, parsed)) status.clear();
  int page = page_param(ctx);
  Page p;
  json filters = json::array();
  {
    auto conn = ctx.db().acquire();
    p = list(*conn, status, page, kPerPage);
    std::int64_t all = 0;
    json by_status = json::array();
    for (auto s : {Status::queued, Status::sending, Status::sent, Status::dead}) {
      auto n = count_with_status(*conn, s);
      all += n;
      by_status.push_back({{"text", status_name(s)},
                           {"href", std::string("/admin/outbox?status=") + status_name(s)},
                           {"count", n},
                           {"current", status == status_name(s)}});
    }
    filters.push_back({{"text", "all"}, {"href", "/admin/outbox"}, {"count", all}, {"current", status.empty()}});
    for (auto& f : by_status) filters.push_back(std::move(f));
  }
  json messages = json::array();
  for (const auto& m : p.messages)
    messages.push_back({{"id", m.id},
                        {"to", m.to},
                        {"subject", m.subject},
                        {"status", m.status},
                        {"tag_class", tag_class(m.status)},
                        {"attempts", m.attempts},
                        {"last_error", m.last_error},
                        {"created_at", m.created_at},
                        {"created_at_text", display_date_time(m.created_at)},
                        {"next_attempt_at", m.next_attempt_at},
                        {"sent_at", m.sent_at},
                        {"dead", m.status == "dead"}});
  const auto& cfg = ctx.app().config();
  std::string delivery = cfg.smtp_host.empty()
                             ? "SMTP is not configured (GOLDTHREAD_SMTP_HOST), so messages stay here and are not sent."
                             : "Messages are delivered through " + cfg.smtp_host + ".";
  json model = {{"messages", messages},
                {"has_messages", !messages.empty()},
                {"status", status},
                {"filters", filters},
                {"delivery", delivery},
                {"total_text", count_of(p.total, "message")},
                {"csrf_token", ctx.csrf_token},
                {"pagination", pagination(status.empty() ? "/admin/outbox" : "/admin/outbox?status=" + status, page,
                                          kPerPage, p.total)}};
  return render_page(ctx, "core/outbox", "Outbox", model, 200, {{"Home", "/"}, {"Your account", "/account"}});
}

Response retry_submit(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such message.");
  auto st = retry(ctx.db(), audit::Actor::from(ctx.principal, 0, ctx.request().request_id), *id);
  if (!st) return error_response(ctx, st.error());
  if (ctx.wants_json()) return Response::json(R"({"retried":true})");
  return Response::redirect("/admin/outbox?status=queued");
}

}  // namespace

void register_routes(Registry& r) {
  r.add_route("GET", "/admin/outbox", Access::any_of({Role::site_admin}), outbox_page);
  r.add_route("POST", "/admin/outbox/{id}/retry", Access::any_of({Role::site_admin}), retry_submit);
}

}  // namespace goldthread::core::mail
