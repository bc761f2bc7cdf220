// The two representations of the administrators' pages, in one place (accounts/admin_views.hpp).
// Handlers build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "accounts/admin_views.hpp"
#include "accounts/audit_view.hpp"
#include "core/page.hpp"
#include "core/templates.hpp"
#include "core/text.hpp"

namespace goldthread::accounts {
using nlohmann::json;

namespace {

// The accounts pages' pagination partial (accounts/pagination): previous / next links keeping
// the other query values.
json screen_pagination(const std::string& base, const std::string& qs, int page, int per_page, std::int64_t total) {
  std::int64_t pages = (total + per_page - 1) / per_page;
  json j = {{"page", page}, {"pages", pages}, {"total", total}};
  auto link = [&](int p) { return base + "?" + qs + (qs.empty() ? "" : "&") + "page=" + std::to_string(p); };
  if (page > 1) j["previous"] = link(page - 1);
  if (page < pages) j["next"] = link(page + 1);
  j["has_pages"] = pages > 1;
  return j;
}

std::string with_query(const std::string& base, const std::string& qs) {
  return qs.empty() ? base : base + "?" + qs;
}

json roles_of(const std::vector<core::Role>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(core::role_name(r));
  return out;
}

json user_resource(const UserRow& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"email", u.email},
          {"roles", roles_of(u.roles)},
          {"href", "/admin/users/" + std::to_string(u.id)}};
}

json events_of(const std::vector<core::audit::Event>& events, const std::map<std::int64_t, std::string>& names,
               bool with_json) {
  json out = json::array();
  for (const auto& e : events) out.push_back(readable_event(e, names, with_json));
  return out;
}

json waiting_of(const AdminHubView& v) {
  json out = json::array();
  for (const auto& w : v.waiting)
    out.push_back(
        {{"name", w.name}, {"href", "/memberships/" + std::to_string(w.organisation_id)}, {"count", w.count}});
  return out;
}

json hub_links(const AdminHubView& v, bool with_about) {
  struct L {
    const char *href, *text, *about;
  };
  std::vector<L> links = {{"/admin/users", "Users", "Find people and change their roles"},
                          {"/audit", "Audit trail", "Who changed what, and when"},
                          {"/admin/newsletter", "Newsletter", "Write, test and send issues"}};
  if (v.site_admin) links.push_back({"/admin/outbox", "Outbox", "E-mail waiting, sent and failed"});
  json out = json::array();
  for (const auto& l : links) {
    json item = {{"href", l.href}, {"text", l.text}};
    if (with_about) item["about"] = l.about;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

void to_json(json& j, const AdminHubView& v) {
  j = {{"users", v.users}, {"pending", v.pending}, {"waiting", waiting_of(v)}, {"links", hub_links(v, false)}};
}

void screen_json(json& j, const AdminHubView& v) {
  auto waiting = waiting_of(v);
  j = {{"users", v.users},           {"pending", v.pending},
       {"waiting", waiting},         {"has_waiting", !waiting.empty()},
       {"site_admin", v.site_admin}, {"links", hub_links(v, true)}};
}

namespace {
std::string users_query(const UserListView& v) {
  return v.q.empty() ? "" : "q=" + core::url_encode(v.q);
}
}  // namespace

void to_json(json& j, const UserListView& v) {
  json users = json::array();
  for (const auto& u : v.users) users.push_back(user_resource(u));
  j = {{"q", v.q},
       {"users", users},
       {"total", v.total},
       {"pagination",
        core::resource_pagination(with_query("/admin/users", users_query(v)), v.page, v.per_page, v.total)}};
}

void screen_json(json& j, const UserListView& v) {
  json users = json::array();
  for (const auto& u : v.users)
    users.push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}, {"roles", roles_of(u.roles)}});
  j = {{"q", v.q},
       {"users", users},
       {"has_users", !users.empty()},
       {"total_text", core::count_of(v.total, "user")},
       {"pagination", screen_pagination("/admin/users", users_query(v), v.page, v.per_page, v.total)}};
}

void to_json(json& j, const UserView& v) {
  j = user_resource(v.user);
  if (v.history.model) j["history"] = *v.history.model;
}

void screen_json(json& j, const UserView& v, const UserScreen& s) {
  json choices = json::array();
  for (const auto& r : s.roles)
    choices.push_back({{"value", core::role_name(r.role)},
                       {"id", std::string("role-") + core::role_name(r.role)},
                       {"checked", r.checked},
                       {"disabled", r.disabled}});
  j = {{"user", {{"id", v.user.id}, {"name", v.user.name}, {"email", v.user.email}}},
       {"roles", choices},
       {"csrf_token", s.csrf_token}};
  if (v.history.model) {
    json data = *v.history.model;
    data["has_events"] = !data["events"].empty();
    j["history_html"] = core::render_template(v.history.template_name, data);
  }
}

namespace {
json filter_of(const AuditFilterValues& f) {
  return {{"person", f.person},
          {"organisation", f.organisation},
          {"resource_type", f.resource_type},
          {"resource_id", f.resource_id},
          {"from", f.from},
          {"to", f.to}};
}
}  // namespace

void to_json(json& j, const AuditListView& v) {
  j = {{"filter", filter_of(v.filter)},
       {"events", events_of(v.events, v.organisations, true)},
       {"total", v.total},
       {"pagination", core::resource_pagination(with_query("/audit", v.query), v.page, v.per_page, v.total)}};
}

void screen_json(json& j, const AuditListView& v) {
  auto events = events_of(v.events, v.organisations, true);
  j = {{"filter", filter_of(v.filter)},
       {"filtered", !v.query.empty()},
       {"events", events},
       {"has_events", !events.empty()},
       {"total_text", core::count_of(v.total, "change")},
       {"pagination", screen_pagination("/audit", v.query, v.page, v.per_page, v.total)}};
  if (v.error) core::attach_errors(j, *v.error);
}

core::Section history_section_of(const HistoryView& v) {
  std::string more =
      "/audit?resource_type=" + core::url_encode(v.resource_type) + "&resource_id=" + core::url_encode(v.resource_id);
  return core::make_section("history", "History", "accounts/history",
                            {{"events", events_of(v.events, v.organisations, false)},
                             {"total", v.total},
                             {"total_text", core::count_of(v.total, "change")},
                             {"more", more}});
}

}  // namespace goldthread::accounts
