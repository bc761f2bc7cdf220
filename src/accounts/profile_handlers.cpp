// The account page, profile, password change, data download and account deletion.
#include <algorithm>

#include "accounts/account_handlers.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_views.hpp"
#include "accounts/account_web.hpp"
#include "accounts/accounts.hpp"
#include "accounts/session_middleware.hpp"
#include "core/app.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::accounts {
namespace {

using web::Field;

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Your account", "/account"}};

web::FormModel form_model(const std::string& action, const std::string& button) {
  return {.action = action, .button = button};
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

// The place's areas to choose from, the chosen one selected.
AreaForm area_form_of(Context& ctx, core::Connection& c, const std::string& selected) {
  AreaForm form{{}, selected, ctx.csrf_token};
  const auto& place = places::current_place(ctx, c);
  if (place)
    for (const auto& a : places::list_areas(c, place->id)) form.areas.push_back({a.code, a.name});
  return form;
}

Response area_page(Context& ctx, core::Connection& c, const std::string& selected, const core::Error* e) {
  auto form = area_form_of(ctx, c, selected);
  form.error = e;
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "accounts/area",
                                 .title = "Which area do you live in?",
                                 .crumbs = kCrumbs,
                                 .status = e ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

Response delete_page(Context& ctx, const std::string& choice, const core::Error* e) {
  return web::form_page(ctx, "accounts/delete", "Delete your account", {.choice = choice}, delete_fields(), e, kCrumbs);
}

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
  {
    auto conn = ctx.db().acquire();
    v.area_code = store::area_of(*conn, p.user_id);
    if (!v.area_code.empty()) {
      const auto& place = places::current_place(ctx, *conn);
      auto area = place ? places::try_find_area(*conn, place->id, v.area_code) : std::nullopt;
      v.area_name = area ? area->name : v.area_code;
    }
  }
  // Slot "account" (subject: the signed-in core::Principal): other capabilities list what
  // this person has to do (pledges and commitments, registrations) here.
  v.sections = ctx.app().registry().sections_for("account", ctx, p);
  return core::render_page(ctx, {.template_name = "accounts/account",
                                 .title = "Your account",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v, ctx); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, ctx); }});
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
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, ProfileSaved{st->email_pending}); });
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
  auto r = Response::json(export_document(ctx.db(), ctx.principal));
  if (!ctx.wants_json()) r.headers.set("content-disposition", "attachment; filename=\"my-goldthread-data.json\"");
  r.headers.set("cache-control", "no-store");
  return r;
}

Response area_form(Context& ctx) {
  auto conn = ctx.db().acquire();
  return area_page(ctx, *conn, store::area_of(*conn, ctx.principal.user_id), nullptr);
}

Response area_submit(Context& ctx) {
  core::Form f(ctx);
  auto code = f.text("area", "Area", 9);
  {
    auto conn = ctx.db().acquire();
    if (f.ok() && !area_form_of(ctx, *conn, code).known(code)) f.error("area", "Select your area from the list");
    if (!f.ok()) {
      auto err = f.invalid("There is a problem");
      return area_page(ctx, *conn, code, &err);
    }
  }
  auto st = set_area(ctx.db(), ctx.principal, code, web::origin(ctx));
  if (!st) return core::error_response(ctx, st.error());
  if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, AreaSaved{code}); });
  return web::panel(ctx, code.empty() ? "Your area has been removed" : "Your area has been saved", "",
                    "Your next answers to consultations start with it; each answer can still say another area.",
                    "/account", "Back to your account");
}

Response delete_form(Context& ctx) {
  return delete_page(ctx, "", nullptr);
}

Response delete_submit(Context& ctx) {
  core::Form f(ctx);
  auto choice = f.text("contributions", "What should happen to what you wrote", 10);
  if (choice != "keep" && choice != "remove")
    f.error("contributions", "Select whether to keep or remove what you wrote");
  auto password = f.secret("password", "Password", kMaxPasswordLength);
  bool remove = choice == "remove";
  auto st = f.ok() ? delete_account(ctx.db(), ctx.principal, password, remove, web::origin(ctx),
                                    ctx.app().registry().person_redactions())
                   : core::Status(f.invalid("There is a problem"));
  if (!st) {
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    return delete_page(ctx, choice, &st.error());
  }
  clear_session(ctx);
  ctx.principal = core::Principal{};
  return web::panel(
      ctx, "Your account has been deleted", "",
      remove ? "What you wrote has been removed." : "What you wrote stays on the site as \"deleted user\".", "/",
      "Go to the home page");
}

}  // namespace goldthread::accounts
