// Table of contents of the accounts capability: the session/CSRF middleware, migrations and
// every route with who may use it.
#include <memory>

#include "accounts/account_handlers.hpp"
#include "accounts/accounts.hpp"
#include "accounts/session_middleware.hpp"
#include "core/registry.hpp"

namespace goldthread::accounts {

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("accounts");
  r.add_migrations("accounts");
  r.add_middleware(std::make_shared<SessionMiddleware>());

  r.add_route("GET", "/sign-up", Access::anyone(), sign_up_form);
  r.add_route("POST", "/sign-up", Access::anyone(), sign_up_submit);
  r.add_route("GET", "/sign-in", Access::anyone(), sign_in_form);
  r.add_route("POST", "/sign-in", Access::anyone(), sign_in_submit);
  r.add_route("POST", "/sign-out", Access::signed_in(), sign_out);
  r.add_route("POST", "/sign-out-everywhere", Access::signed_in(), sign_out_everywhere);
  r.add_route("GET", "/reset-password", Access::anyone(), reset_request_form);
  r.add_route("POST", "/reset-password", Access::anyone(), reset_request_submit);
  r.add_route("GET", "/reset-password/{token}", Access::anyone(), reset_form);
  r.add_route("POST", "/reset-password/{token}", Access::anyone(), reset_submit);

  r.add_route("GET", "/verify-email/{token}", Access::anyone(), verify_form);
  r.add_route("POST", "/verify-email/{token}", Access::anyone(), verify_submit);

  r.add_route("GET", "/account", Access::signed_in(), account_home);
  r.add_route("GET", "/account/profile", Access::signed_in(), profile_form);
  r.add_route("POST", "/account/profile", Access::signed_in(), profile_submit);
  r.add_route("POST", "/account/verify-email", Access::signed_in(), resend_verification_submit);
  r.add_route("GET", "/account/password", Access::signed_in(), password_form);
  r.add_route("POST", "/account/password", Access::signed_in(), password_submit);
  r.add_route("GET", "/account/export", Access::signed_in(), export_data_download);
  r.add_route("GET", "/account/area", Access::signed_in(), area_form);
  r.add_route("POST", "/account/area", Access::signed_in(), area_submit);
  r.add_route("GET", "/account/delete", Access::signed_in(), delete_form);
  r.add_route("POST", "/account/delete", Access::signed_in(), delete_submit);

  r.add_route("GET", "/account/organisations", Access::signed_in(), my_organisations);
  r.add_route("POST", "/account/organisations", Access::signed_in(), join_organisation);
  // Organisation admins are partner members; the handler checks which organisation.
  r.add_route("GET", "/memberships/{id}", Access::any_of({Role::partner_member, Role::place_admin}),
              organisation_members);
  r.add_route("POST", "/memberships/{id}/decide", Access::any_of({Role::partner_member, Role::place_admin}),
              decide_member);
  r.add_route("POST", "/memberships/{id}/admin", Access::any_of({Role::place_admin}), set_member_admin);

  r.add_route("GET", "/admin", Access::any_of({Role::place_admin}), admin_hub);
  r.add_route("GET", "/admin/users", Access::any_of({Role::place_admin}), users_list);
  r.add_route("GET", "/admin/users/{id}", Access::any_of({Role::place_admin}), user_page);
  r.add_route("POST", "/admin/users/{id}/roles", Access::any_of({Role::place_admin}), user_roles_submit);
  r.add_route("GET", "/audit", Access::any_of({Role::place_admin}), audit_list);
  r.add_section<partners::Organisation>("organisation", people_section);
  // These hash or verify a password (argon2id, ~64 MiB and tens of milliseconds each).
  for (const char* p :
       {"/sign-up", "/sign-in", "/reset-password/{token}", "/account/profile", "/account/password", "/account/delete"})
    r.set_heavy("POST", p);
  register_commands(r);  // account_commands.cpp: user create
}

}  // namespace goldthread::accounts
