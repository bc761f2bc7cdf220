#pragma once
// Typed view models of the administrators' pages (admin_handlers.cpp): the hub, users, one
// user and the audit trail. Their two representations are written in one place,
// accounts/admin_json.cpp: the resource (the JSON twin, docs/API.md "Administration") and the
// screen (the mustache template's model).
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_views.hpp"
#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"

namespace goldthread::accounts {

struct WaitingOrganisation {  // requests to join, by organisation
  std::int64_t organisation_id = 0;
  std::string name;
  std::int64_t count = 0;
};
struct AdminHubView {
  std::int64_t users = 0, pending = 0;
  std::vector<WaitingOrganisation> waiting;
  bool site_admin = false;  // decides which links the hub has
};
void to_json(nlohmann::json& j, const AdminHubView& v);
void screen_json(nlohmann::json& j, const AdminHubView& v);

struct UserRow {
  std::int64_t id = 0;
  std::string name, email;
  std::vector<core::Role> roles;
};
struct UserListView {
  std::string q;
  std::vector<UserRow> users;
  std::int64_t total = 0;
  int page = 1, per_page = 25;
};
void to_json(nlohmann::json& j, const UserListView& v);
void screen_json(nlohmann::json& j, const UserListView& v);

// One user with their roles and the last changes to their account.
struct UserView {
  UserRow user;
  core::Section history;
};
struct RoleChoice {
  core::Role role;
  bool checked = false, disabled = false;
};
struct UserScreen {
  std::vector<RoleChoice> roles;
  std::string csrf_token;
};
void to_json(nlohmann::json& j, const UserView& v);
void screen_json(nlohmann::json& j, const UserView& v, const UserScreen& s);

// The audit trail, filtered, a page at a time.
struct AuditFilterValues {
  std::string person, organisation, resource_type, resource_id, from, to;
};
struct AuditListView {
  AuditFilterValues filter;
  std::string query;  // the filters as a query string, for page links ("" = none)
  std::vector<core::audit::Event> events;
  std::map<std::int64_t, std::string> organisations;  // names of those the events mention
  std::int64_t total = 0;
  int page = 1, per_page = 25;
  const core::Error* error = nullptr;  // a filter that is not valid
};
void to_json(nlohmann::json& j, const AuditListView& v);
void screen_json(nlohmann::json& j, const AuditListView& v);

// A resource's history (the "history" section on its page): the newest changes and a link to
// all of them.
struct HistoryView {
  std::string resource_type, resource_id;
  std::vector<core::audit::Event> events;
  std::map<std::int64_t, std::string> organisations;
  std::int64_t total = 0;
};
core::Section history_section_of(const HistoryView& v);

}  // namespace goldthread::accounts
