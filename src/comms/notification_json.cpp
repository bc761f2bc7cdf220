// The two representations of notifications, what's happening, following and mail
// preferences, in one place (comms/notification_views.hpp). Handlers build the structs and
// never write JSON themselves.
#include <nlohmann/json.hpp>

#include "comms/comms_service.hpp"
#include "comms/comms_views.hpp"
#include "comms/notification_views.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

json items_of(const core::notifications::Page& p, bool resource) {
  json items = json::array();
  for (const auto& n : p.items) items.push_back(resource ? notification_resource(n) : notification_item(n));
  return items;
}

json choices_of(const std::vector<FilterChoice>& list) {
  json out = json::array();
  for (const auto& c : list) out.push_back({{"value", c.value}, {"text", c.text}, {"selected", c.selected}});
  return out;
}

}  // namespace

void to_json(json& j, const NotificationListView& v) {
  const auto total = v.notifications.total;
  j = {{"notifications", items_of(v.notifications, true)},
       {"total", total},
       {"unread", v.unread},
       {"pagination", core::resource_pagination("/notifications", v.page, v.per_page, total)}};
}

void screen_json(json& j, const NotificationListView& v, const NotificationListScreen& s) {
  auto items = items_of(v.notifications, false);
  j = {{"notifications", items},
       {"has_notifications", !items.empty()},
       {"unread_text", core::count_of(v.unread, "unread notification")},
       {"has_unread", v.unread > 0},
       {"marked", s.marked},
       {"csrf_token", s.csrf_token},
       {"pagination", core::pagination("/notifications", v.page, v.per_page, v.notifications.total)}};
}

void to_json(json& j, const UnreadCount& u) {
  j = {{"unread", u.unread}};
}

void to_json(json& j, const ActivityView& v) {
  const auto total = v.activity.total;
  j = {{"activity", items_of(v.activity, true)},
       {"total", total},
       {"pagination", core::resource_pagination(v.base_href, v.page, v.per_page, total)}};
  if (!v.feed.empty()) {
    j["feed"] = v.feed;
    j["filters"] = {{"ambition", core::text_or_null(v.ambition)}, {"area", core::text_or_null(v.area)}};
  }
}

void screen_json(json& j, const ActivityView& v) {
  auto items = items_of(v.activity, false);
  j = {{"activity", items},
       {"has_activity", !items.empty()},
       {"total_text", core::count_of(v.activity.total, "update")},
       {"ambitions", choices_of(v.ambitions)},
       {"areas", choices_of(v.areas)},
       {"has_areas", !v.areas.empty()},
       {"filtered", v.filtered},
       {"pagination", core::pagination(v.base_href, v.page, v.per_page, v.activity.total)}};
}

void to_json(json& j, const FollowAnswer& f) {
  j = {{"type", f.type}, {"id", f.id}, {"following", f.following}, {"href", f.href}};
}

void to_json(json& j, const FollowForm& f) {
  j = {{"type", f.type}, {"id", f.id}, {"following", f.following}, {"csrf_token", f.csrf_token}};
}

void to_json(json& j, const PreferencesView& v) {
  j = {{"preferences", v.preferences}};
}

void screen_json(json& j, const PreferencesView& v, const PreferencesScreen& s) {
  static const std::map<std::string, std::string> label = {
      {"now", "At once"}, {"daily", "In a daily digest"}, {"weekly", "In a weekly digest"}, {"never", "Never"}};
  json rows = json::array();
  for (const auto& k : kinds()) {
    json options = json::array();
    auto it = v.preferences.find(k.key);
    auto current = it == v.preferences.end() ? std::string(kDefaultFrequency) : it->second;
    for (const auto& fr : frequencies())
      options.push_back(
          {{"value", fr}, {"text", label.at(fr)}, {"id", std::string(k.key) + "-" + fr}, {"checked", fr == current}});
    rows.push_back({{"kind", k.key}, {"label", k.label}, {"options", options}});
  }
  j = {{"kinds", rows}, {"saved", s.saved}, {"csrf_token", s.csrf_token}, {"error_for", json::object()}};
  if (s.error) core::attach_errors(j, *s.error);
}

void to_json(json& j, const StopForm& f) {
  j = {{"token", f.token},
       {"kind", f.kind},
       {"label", f.kind == "daily"    ? "your daily digest"
                 : f.kind == "weekly" ? "your weekly digest"
                                      : "“" + kind_label(f.kind) + "”"},
       {"csrf_token", f.csrf_token}};
}

void to_json(json& j, const Stopped& s) {
  j = {{"kind", s.kind}, {"frequency", "never"}};
}

core::Section account_section(std::int64_t unread) {
  json model = {{"unread_text", core::count_of(unread, "unread notification")}, {"has_unread", unread > 0}};
  return core::make_section("notifications", "Notifications", "comms/account_section", model);
}

}  // namespace goldthread::comms
