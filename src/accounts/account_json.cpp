// The account page's two representations, in one place: the resource (docs/API.md "Your
// account") and the template's model.
#include <nlohmann/json.hpp>

#include "accounts/account_views.hpp"
#include "core/page.hpp"

namespace goldthread::accounts {
using nlohmann::json;

namespace {

std::string members_href(std::int64_t organisation_id) {
  return "/memberships/" + std::to_string(organisation_id);
}

json user_json(const AccountView& v) {
  json area = nullptr;
  if (!v.area_code.empty()) area = {{"code", v.area_code}, {"name", v.area_name}};
  return {
      {"id", v.user_id}, {"name", v.name}, {"email", v.email}, {"email_verified", v.email_verified}, {"area", area}};
}

}  // namespace

void to_json(json& j, const AccountView& v, const core::Context& ctx) {
  json orgs = json::array(), waiting = json::array();
  for (const auto& o : v.organisations)
    orgs.push_back({{"id", o.id}, {"name", o.name}, {"admin", o.admin}, {"pending", o.pending}});
  for (const auto& w : v.waiting)
    waiting.push_back({{"organisation", {{"id", w.organisation_id}, {"name", w.organisation_name}}},
                       {"href", members_href(w.organisation_id)},
                       {"count", w.count}});
  j = {{"user", user_json(v)},
       {"roles", v.roles},
       {"organisations", orgs},
       {"waiting", waiting},
       {"sections", core::sections_model(ctx, v.sections)},
       {"csrf_token", v.csrf_token}};
}

void screen_json(json& j, const AccountView& v, const core::Context& ctx) {
  json orgs = json::array(), waiting = json::array(), admin = json::array();
  for (const auto& o : v.organisations) {
    json item = {{"id", o.id}, {"name", o.name}, {"admin", o.admin}};
    if (o.pending) item["pending"] = true;
    orgs.push_back(std::move(item));
  }
  for (const auto& w : v.waiting) {
    waiting.push_back({{"href", members_href(w.organisation_id)},
                       {"text", "Requests to join " + w.organisation_name},
                       {"count", w.count},
                       {"note", w.count == 1 ? "1 person waits for your decision"
                                             : std::to_string(w.count) + " people wait for your decision"}});
    admin.push_back({{"href", members_href(w.organisation_id)}, {"text", "Members of " + w.organisation_name}});
  }
  if (v.admin)
    admin.push_back({{"href", "/admin"}, {"text", "Administration: users, memberships, e-mail and the audit trail"}});
  j = {{"user", user_json(v)},
       {"roles", v.roles},
       {"organisations", orgs},
       {"waiting", waiting},
       {"has_waiting", !waiting.empty()},
       {"sections", core::sections_model(ctx, v.sections)},
       {"admin_links", admin},
       {"csrf_token", v.csrf_token}};
}

}  // namespace goldthread::accounts
