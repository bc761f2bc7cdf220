#pragma once
// The account page as a typed view. Its two representations — the resource (the JSON twin,
// docs/API.md "Your account") and the template's model — are written in account_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/auth.hpp"
#include "core/context.hpp"
#include "core/registry.hpp"
#include "core/storage.hpp"

namespace goldthread::accounts {

struct AccountOrganisation {
  std::int64_t id = 0;
  std::string name;
  bool admin = false, pending = false;
};
// What waits for this person's decision: requests to join an organisation they administer.
struct AccountWaiting {
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  std::int64_t count = 0;
};
struct AccountView {
  std::int64_t user_id = 0;
  std::string name, email;
  bool email_verified = false;
  std::string area_code, area_name;  // the area they chose (issue 14.6), "" for none
  std::vector<std::string> roles;
  std::vector<AccountOrganisation> organisations;
  std::vector<AccountWaiting> waiting;
  bool admin = false;                   // a site or place admin: reaches /admin
  std::vector<core::Section> sections;  // the "account" slot
  std::string csrf_token;               // the session's token: an API client sends it in X-CSRF-Token
};
void to_json(nlohmann::json& j, const AccountView& v, const core::Context& ctx);
void screen_json(nlohmann::json& j, const AccountView& v, const core::Context& ctx);

// The JSON answers of account actions that return no resource of their own.
struct Saved {};  // {"saved": true}
void to_json(nlohmann::json& j, const Saved&);
struct Ack {  // {"<field>": true}: "confirmed", "sent", "requested"
  const char* field;
};
void to_json(nlohmann::json& j, const Ack& a);
struct SignedIn {  // {"signed_in", "user_id"?}
  bool signed_in = false;
  std::optional<std::int64_t> user_id;
};
void to_json(nlohmann::json& j, const SignedIn& s);
struct ProfileSaved {  // {"saved": true, "email_pending"}
  bool email_pending = false;
};
void to_json(nlohmann::json& j, const ProfileSaved& p);
struct AreaSaved {  // {"saved": true, "area_code"}: "" when removed
  std::string area_code;
};
void to_json(nlohmann::json& j, const AreaSaved& a);

// "Which area do you live in?" (a form page: its twin describes the form).
struct AreaChoice {
  std::string code, name;
};
struct AreaForm {
  std::vector<AreaChoice> areas;
  std::string selected, csrf_token;
  const core::Error* error = nullptr;
  bool known(const std::string& code) const;  // "" (none) or one of the areas
};
void to_json(nlohmann::json& j, const AreaForm& f);

// The data download (export_data), indented for people to read.
std::string export_document(core::Database& db, const core::Principal& who);

}  // namespace goldthread::accounts
