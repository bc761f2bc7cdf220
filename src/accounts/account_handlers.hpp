#pragma once
// Request in, Response out, for every accounts route (registered in accounts_module.cpp).
#include <optional>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
using core::Context;
using core::Response;

// sign_in_handlers.cpp
Response sign_up_form(Context& ctx);
Response sign_up_submit(Context& ctx);
Response sign_in_form(Context& ctx);
Response sign_in_submit(Context& ctx);
Response sign_out(Context& ctx);
Response sign_out_everywhere(Context& ctx);
Response reset_request_form(Context& ctx);
Response reset_request_submit(Context& ctx);
Response reset_form(Context& ctx);
Response reset_submit(Context& ctx);

// profile_handlers.cpp
Response account_home(Context& ctx);
Response profile_form(Context& ctx);
Response profile_submit(Context& ctx);
Response password_form(Context& ctx);
Response password_submit(Context& ctx);
Response export_data_download(Context& ctx);
Response delete_form(Context& ctx);
Response delete_submit(Context& ctx);
Response area_form(Context& ctx);
Response area_submit(Context& ctx);

// email_handlers.cpp
Response verify_form(Context& ctx);
Response verify_submit(Context& ctx);
Response resend_verification_submit(Context& ctx);

// membership_handlers.cpp
Response my_organisations(Context& ctx);
Response join_organisation(Context& ctx);
Response organisation_members(Context& ctx);
Response decide_member(Context& ctx);
Response set_member_admin(Context& ctx);
std::optional<core::Section> people_section(Context& ctx, const partners::Organisation& organisation);

// admin_handlers.cpp
Response admin_hub(Context& ctx);
Response users_list(Context& ctx);
Response user_page(Context& ctx);
Response user_roles_submit(Context& ctx);
Response audit_list(Context& ctx);

// `user create`; account_commands.cpp.
void register_commands(core::Registry& r);

}  // namespace goldthread::accounts
