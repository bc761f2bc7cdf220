#pragma once
// Typed view models of notifications, what's happening, following and mail preferences
// (notification_handlers.cpp, feed_handlers.cpp). Their two representations are written in
// one place, comms/notification_json.cpp: the resource (the JSON twin, docs/API.md
// "Communications") and the screen (the mustache template's model).
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/notifications.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"

namespace goldthread::comms {

// A person's own notifications (/notifications).
struct NotificationListView {
  core::notifications::Page notifications;
  std::int64_t unread = 0;
  int page = 1, per_page = 20;
};
struct NotificationListScreen {
  bool marked = false;  // just marked all as read
  std::string csrf_token;
};
void to_json(nlohmann::json& j, const NotificationListView& v);
void screen_json(nlohmann::json& j, const NotificationListView& v, const NotificationListScreen& s);

// The answer to "mark all as read": {"unread": 0}.
struct UnreadCount {
  std::int64_t unread = 0;
};
void to_json(nlohmann::json& j, const UnreadCount& u);

// A filter choice of the activity page (an ambition by slug, an area by code).
struct FilterChoice {
  std::string value, text;
  bool selected = false;
};
// What's happening (/happening, public, filtered by ambition or area) and on what a person
// follows (/happening/following).
struct ActivityView {
  core::notifications::Page activity;
  int page = 1, per_page = 20;
  std::string base_href;
  std::string feed;                            // the Atom feed of it, "" for none
  std::string ambition, area;                  // the filter applied ("" = none)
  std::vector<FilterChoice> ambitions, areas;  // the screen's filter choices
  bool filtered = false;
};
void to_json(nlohmann::json& j, const ActivityView& v);
void screen_json(nlohmann::json& j, const ActivityView& v);

// The answer to follow / unfollow.
struct FollowAnswer {
  std::string type;
  std::int64_t id = 0;
  bool following = false;
  std::string href;
};
void to_json(nlohmann::json& j, const FollowAnswer& f);

// The follow form (GET /follow?type=&id=): a form page, its twin describes the form.
struct FollowForm {
  std::string type;
  std::int64_t id = 0;
  bool following = false;
  std::string csrf_token;
};
void to_json(nlohmann::json& j, const FollowForm& f);

// Mail preferences: kind → frequency.
struct PreferencesView {
  std::map<std::string, std::string> preferences;
};
struct PreferencesScreen {
  bool saved = false;
  std::string csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const PreferencesView& v);
void screen_json(nlohmann::json& j, const PreferencesView& v, const PreferencesScreen& s);

// The one-click stop page (a form) and its answer {"kind", "frequency": "never"}.
struct StopForm {
  std::string token, kind, csrf_token;
};
void to_json(nlohmann::json& j, const StopForm& f);
struct Stopped {
  std::string kind;
};
void to_json(nlohmann::json& j, const Stopped& s);

// The account page's section: how many notifications are unread.
core::Section account_section(std::int64_t unread);

}  // namespace goldthread::comms
