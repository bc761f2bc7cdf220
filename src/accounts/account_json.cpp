// The account page's two representations, in one place: the resource (docs/API.md "Your
// account") and the template's model.
#include <nlohmann/json.hpp>

#include "accounts/account_service.hpp"
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

void to_json(json& j, const Saved&) {
  j = {{"saved", true}};
}

void to_json(json& j, const Ack& a) {
  j = {{a.field, true}};
}

void to_json(json& j, const SignedIn& s) {
  j = {{"signed_in", s.signed_in}};
  if (s.user_id) j["user_id"] = *s.user_id;
}

void to_json(json& j, const ProfileSaved& p) {
  j = {{"saved", true}, {"email_pending", p.email_pending}};
}

void to_json(json& j, const AreaSaved& a) {
  j = {{"saved", true}, {"area_code", a.area_code}};
}

std::string export_document(core::Database& db, const core::Principal& who) {
  return export_data(db, who).dump(2);
}

bool AreaForm::known(const std::string& code) const {
  if (code.empty()) return true;
  for (const auto& a : areas)
    if (a.code == code) return true;
  return false;
}

void to_json(json& j, const AreaForm& f) {
  json options = json::array();
  for (const auto& a : f.areas)
    options.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == f.selected}});
  j = {{"area_options", options}, {"csrf_token", f.csrf_token}};
  if (f.error) core::attach_errors(j, *f.error);
}

}  // namespace goldthread::accounts
