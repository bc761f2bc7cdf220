#pragma once
// The account page as a typed view. Its two representations — the resource (the JSON twin,
// docs/API.md "Your account") and the template's model — are written in account_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/registry.hpp"

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

}  // namespace goldthread::accounts
