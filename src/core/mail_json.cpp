// The two representations of the outbox, in one place (core/mail_views.hpp).
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/mail_views.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::core::mail {
using nlohmann::json;

namespace {

const char* tag_class(const std::string& status) {
  if (status == "sent") return "govuk-tag--green";
  if (status == "dead") return "govuk-tag--red";
  if (status == "sending") return "govuk-tag--blue";
  return "govuk-tag--grey";
}

}  // namespace

std::string OutboxView::base_href() const {
  return status.empty() ? "/admin/outbox" : "/admin/outbox?status=" + status;
}

void to_json(json& j, const OutboxView& v) {
  json messages = json::array(), counts = json::object();
  for (const auto& m : v.messages.messages)
    messages.push_back({{"id", m.id},
                        {"to", m.to},
                        {"subject", m.subject},
                        {"status", m.status},
                        {"attempts", m.attempts},
                        {"last_error", text_or_null(m.last_error)},
                        {"created_at", m.created_at},
                        {"next_attempt_at", text_or_null(m.next_attempt_at)},
                        {"sent_at", text_or_null(m.sent_at)},
                        {"retry_href", m.status == "dead" ? json("/admin/outbox/" + std::to_string(m.id) + "/retry")
                                                          : json(nullptr)}});
  for (const auto& c : v.counts) counts[c.status] = c.count;
  j = {{"status", text_or_null(v.status)},
       {"messages", messages},
       {"total", v.messages.total},
       {"counts", counts},
       {"smtp_configured", v.smtp_configured},
       {"pagination", resource_pagination(v.base_href(), v.page, v.per_page, v.messages.total)}};
}

void screen_json(json& j, const OutboxView& v, const std::string& csrf_token) {
  json filters = json::array(), messages = json::array();
  std::int64_t all = 0;
  for (const auto& c : v.counts) all += c.count;
  filters.push_back({{"text", "all"}, {"href", "/admin/outbox"}, {"count", all}, {"current", v.status.empty()}});
  for (const auto& c : v.counts)
    filters.push_back({{"text", c.status},
                       {"href", "/admin/outbox?status=" + c.status},
                       {"count", c.count},
                       {"current", v.status == c.status}});
  for (const auto& m : v.messages.messages)
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
  std::string delivery = !v.smtp_configured
                             ? "SMTP is not configured (GOLDTHREAD_SMTP_HOST), so messages stay here and are not sent."
                             : "Messages are delivered through " + v.smtp_host + ".";
  j = {{"messages", messages},     {"has_messages", !messages.empty()},
       {"status", v.status},       {"filters", filters},
       {"delivery", delivery},     {"total_text", count_of(v.messages.total, "message")},
       {"csrf_token", csrf_token}, {"pagination", pagination(v.base_href(), v.page, v.per_page, v.messages.total)}};
}

void to_json(json& j, const Retried&) {
  j = {{"retried", true}};
}

}  // namespace goldthread::core::mail
