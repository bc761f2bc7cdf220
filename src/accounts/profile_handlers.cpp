// The account page, profile, password change, data download and account deletion.
#include "accounts/account_handlers.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_views.hpp"
#include "accounts/account_web.hpp"
#include "accounts/session_middleware.hpp"
#include "core/app.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

using nlohmann::json;
using web::Field;

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Your account", "/account"}};

json form_model(const std::string& action, const std::string& button, const std::string& intro = "",
                bool warning = false) {
  return {{"action", action}, {"button", button}, {"intro", intro}, {"warning", warning}};
}

std::vector<Field> profile_fields(const std::string& name, const std::string& email) {
  return {{"name", "Full name", "text", "name", name, ""},
          {"email", "E-mail address", "email", "email", email,
           "A new address changes when you open the link we send to it"},
          {"current_password", "Current password", "password", "current-password", "",
           "Needed only to change your e-mail address"}};
}

std::vector<Field> password_fields() {
  return {{"current_password", "Current password", "password", "current-password", "", ""},
          {"new_password", "New password", "password", "new-password", "", "At least 10 characters"}};
}

std::vector<Field> delete_fields() {
  return {{"password", "Enter your password to confirm", "password", "current-password", "", ""}};
}

const char* kDeleteIntro =
    "This removes your name, e-mail address, password, roles and organisation memberships. What you wrote stays on the "
    "site, shown as written by \"deleted user\". You cannot undo this.";

}  // namespace

Response account_home(Context& ctx) {
  const auto& p = ctx.principal;
  AccountView v;
  v.user_id = p.user_id;
  v.name = p.name;
  v.email = p.email;
  v.csrf_token = ctx.csrf_token;
  for (auto r : p.roles) v.roles.push_back(core::role_name(r));
  for (const auto& m : p.memberships)
    v.organisations.push_back({m.organisation_id, m.organisation_name, m.admin, false});
  {
    auto conn = ctx.db().acquire();
    // Requests this person made that nobody has decided yet (memberships hold approved ones only).
    std::vector<std::int64_t> pending_ids;
    for (const auto& m : store::memberships_of_user(*conn, p.user_id))
      if (m.status == "pending") pending_ids.push_back(m.organisation_id);
    for (const auto& [id, name] : partners::organisation_names(*conn, pending_ids))
      v.organisations.push_back({id, name, false, true});
    // Organisation admins land here: how many ask to join each of their organisations.
    for (const auto& m : p.memberships) {
      if (!m.admin) continue;
      std::int64_t n = 0;
      for (const auto& r : store::memberships_of_organisation(*conn, m.organisation_id)) n += r.status == "pending";
      v.waiting.push_back({m.organisation_id, m.organisation_name, n});
    }
  }
  v.admin = p.has(core::Role::site_admin) || p.has(core::Role::place_admin);
  v.email_verified = email_verified(ctx.db(), p.user_id);
  // Slot "account" (subject: the signed-in core::Principal): other capabilities list what
  // this person has to do (pledges and commitments, registrations) here.
  v.sections = ctx.app().registry().sections_for("account", ctx, p);
  return core::render_page(ctx, {.template_name = "accounts/account",
                                 .title = "Your account",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v, ctx); },
                                 .screen = [&](json& j) { screen_json(j, v, ctx); }});
}

Response profile_form(Context& ctx) {
  return web::form_page(ctx, "accounts/form", "Change your details", form_model("/account/profile", "Save changes"),
                        profile_fields(ctx.principal.name, ctx.principal.email), nullptr, kCrumbs);
}

Response profile_submit(Context& ctx) {
  core::Form f(ctx);
  auto name = f.text("name", "Full name", kMaxNameLength);
  auto email = f.text("email", "E-mail address", kMaxEmailLength);
  auto current = f.secret("current_password", "Current password", kMaxPasswordLength);
  auto st = f.ok() ? update_profile(ctx.db(), ctx.principal, name, email, current, web::origin(ctx))
                   : core::Result<ProfileChange>(f.invalid("There is a problem"));
  if (!st) {
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    return web::form_page(ctx, "accounts/form", "Change your details", form_model("/account/profile", "Save changes"),
                          profile_fields(name, email), &st.error(), kCrumbs);
  }
  if (ctx.wants_json()) return Response::json(json{{"saved", true}, {"email_pending", st->email_pending}}.dump());
  if (!st->email_pending) return Response::redirect("/account");
  // The same page whether or not another account has the address (no probing).
  return web::panel(ctx, "Check your e-mail", "We have sent a link to " + st->pending_email,
                    "Your e-mail address changes when you open it. The link works once, for 24 hours.", "/account",
                    "Back to your account");
}

Response password_form(Context& ctx) {
  return web::form_page(ctx, "accounts/form", "Change your password", form_model("/account/password", "Save password"),
                        password_fields(), nullptr, kCrumbs);
}

Response password_submit(Context& ctx) {
  core::Form f(ctx);
  auto current = f.secret("current_password", "Current password", kMaxPasswordLength);
  auto next = f.secret("new_password", "New password", kMaxPasswordLength);
  auto s = f.ok() ? change_password(ctx.db(), ctx.principal, current, next, web::origin(ctx))
                  : core::Result<NewSession>(f.invalid("There is a problem"));
  if (!s) {
    if (!web::is_form_error(s.error())) return core::error_response(ctx, s.error());
    return web::form_page(ctx, "accounts/form", "Change your password",
                          form_model("/account/password", "Save password"), password_fields(), &s.error(), kCrumbs);
  }
  begin_session(ctx, s->token);
  return web::panel(ctx, "Your password has been changed", "",
                    "You have been signed out on your other devices. We have sent you an e-mail to confirm.",
                    "/account", "Back to your account");
}

Response export_data_download(Context& ctx) {
  auto r = Response::json(export_data(ctx.db(), ctx.principal).dump(2));
  if (!ctx.wants_json()) r.headers.set("content-disposition", "attachment; filename=\"my-goldthread-data.json\"");
  r.headers.set("cache-control", "no-store");
  return r;
}

Response delete_form(Context& ctx) {
  return web::form_page(ctx, "accounts/form", "Delete your account",
                        form_model("/account/delete", "Delete my account", kDeleteIntro, true), delete_fields(),
                        nullptr, kCrumbs);
}

Response delete_submit(Context& ctx) {
  core::Form f(ctx);
  auto password = f.secret("password", "Password", kMaxPasswordLength);
  auto st = f.ok() ? delete_account(ctx.db(), ctx.principal, password, web::origin(ctx),
                                    ctx.app().registry().person_redactions())
                   : core::Status(f.invalid("There is a problem"));
  if (!st) {
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    return web::form_page(ctx, "accounts/form", "Delete your account",
                          form_model("/account/delete", "Delete my account", kDeleteIntro, true), delete_fields(),
                          &st.error(), kCrumbs);
  }
  clear_session(ctx);
  ctx.principal = core::Principal{};
  return web::panel(ctx, "Your account has been deleted", "", "What you wrote stays on the site as \"deleted user\".",
                    "/", "Go to the home page");
}

}  // namespace goldthread::accounts
