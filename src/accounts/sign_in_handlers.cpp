// Sign up, sign in, sign out and password resets.
#include "accounts/account_handlers.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_views.hpp"
#include "accounts/account_web.hpp"
#include "accounts/session_middleware.hpp"
#include "core/form.hpp"

namespace goldthread::accounts {
namespace {

using web::Field;

std::vector<Field> sign_up_fields(const std::string& name, const std::string& email) {
  return {{"name", "Full name", "text", "name", name, ""},
          {"email", "E-mail address", "email", "email", email,
           "We will only use this to send you messages about your account"},
          {"password", "Create a password", "password", "new-password", "",
           "At least 10 characters. A few unrelated words make a strong password"}};
}

std::vector<Field> sign_in_fields(const std::string& email) {
  return {{"email", "E-mail address", "email", "username", email, ""},
          {"password", "Password", "password", "current-password", "", ""}};
}

std::vector<Field> new_password_fields() {
  return {{"new_password", "New password", "password", "new-password", "", "At least 10 characters"}};
}

Response sign_in_page(Context& ctx, const std::string& email, const std::string& next, const core::Error* e) {
  return web::form_page(ctx, "accounts/sign_in", "Sign in", {.next = next}, sign_in_fields(email), e);
}

}  // namespace

Response sign_up_form(Context& ctx) {
  if (ctx.principal.signed_in()) return Response::redirect("/account");
  return web::form_page(ctx, "accounts/sign_up", "Create an account", {}, sign_up_fields("", ""));
}

Response sign_up_submit(Context& ctx) {
  core::Form f(ctx);
  SignUpInput in{f.text("name", "Full name", kMaxNameLength), f.text("email", "E-mail address", kMaxEmailLength),
                 f.secret("password", "Password", kMaxPasswordLength)};
  // A form the binder refuses never reaches the service, so it does not count against the
  // sign-up limit.
  if (f.ok()) {
    auto st = sign_up(ctx.db(), in, web::origin(ctx));
    if (st)
      return web::panel(ctx, "Check your e-mail", "We have sent a message to " + normalise_email(in.email),
                        "It tells you what to do next. If you have just created an account, you can now sign in.",
                        "/sign-in", "Sign in");
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    f.add(st.error());
  }
  auto e = f.invalid("There is a problem");
  return web::form_page(ctx, "accounts/sign_up", "Create an account", {}, sign_up_fields(in.name, in.email), &e);
}

Response sign_in_form(Context& ctx) {
  auto next = safe_next(ctx.query("next").value_or(""));
  if (ctx.principal.signed_in()) return Response::redirect(next);
  return sign_in_page(ctx, "", next, nullptr);
}

Response sign_in_submit(Context& ctx) {
  core::Form f(ctx);
  auto email = f.text("email", "E-mail address", kMaxEmailLength);
  auto password = f.secret("password", "Password", kMaxPasswordLength);
  auto next = safe_next(f.text("next", "Next page", 2000));
  if (!f.ok()) {
    auto e = f.invalid("There is a problem");
    return sign_in_page(ctx, email, next, &e);
  }
  auto s = sign_in(ctx.db(), email, password, web::origin(ctx));
  if (!s) {
    if (!web::is_form_error(s.error())) return core::error_response(ctx, s.error());
    return sign_in_page(ctx, email, next, &s.error());
  }
  // A new id at sign-in (no fixation); an earlier anonymous session has nothing to carry over.
  if (!ctx.principal.session_id.empty()) end_session(ctx.db(), ctx.principal.session_id);
  begin_session(ctx, s->token);
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, SignedIn{true, s->user_id}); });
  return Response::redirect(next);
}

Response sign_out(Context& ctx) {
  end_session(ctx.db(), ctx.principal.session_id);
  clear_session(ctx);
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, SignedIn{}); });
  return Response::redirect("/");
}

Response sign_out_everywhere(Context& ctx) {
  end_all_sessions(ctx.db(), ctx.principal.user_id);
  clear_session(ctx);
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, SignedIn{}); });
  return Response::redirect("/");
}

Response reset_request_form(Context& ctx) {
  return web::form_page(ctx, "accounts/reset_request", "Reset your password", {},
                        {{"email", "E-mail address", "email", "email", "", ""}});
}

Response reset_request_submit(Context& ctx) {
  core::Form f(ctx);
  auto email = f.text("email", "E-mail address", kMaxEmailLength);
  auto st = f.ok() ? request_password_reset(ctx.db(), email, web::origin(ctx))
                   : core::Status(f.invalid("There is a problem"));
  if (!st) {
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    return web::form_page(ctx, "accounts/reset_request", "Reset your password", {},
                          {{"email", "E-mail address", "email", "email", email, ""}}, &st.error());
  }
  return web::panel(
      ctx, "Check your e-mail", "If there is an account for " + normalise_email(email) + ", we have sent it a link",
      "The link works once, for 1 hour. Check your spam folder if you cannot find it.", "/sign-in", "Back to sign in");
}

Response reset_form(Context& ctx) {
  auto token = ctx.param("token");
  if (!reset_token_valid(ctx.db(), token))
    return core::error_page(ctx, 404, "This link does not work",
                            "The link has expired or has already been used. You can ask for a new one on the reset "
                            "your password page.");
  return web::form_page(ctx, "accounts/reset_new", "Choose a new password", {.token = token}, new_password_fields());
}

Response reset_submit(Context& ctx) {
  auto token = ctx.param("token");
  core::Form f(ctx);
  auto password = f.secret("new_password", "New password", kMaxPasswordLength);
  auto st = f.ok() ? reset_password(ctx.db(), token, password, web::origin(ctx))
                   : core::Status(f.invalid("There is a problem"));
  if (!st) {
    if (st.error().kind == core::ErrorKind::not_found)
      return core::error_page(ctx, 404, "This link does not work", st.error().message);
    if (!web::is_form_error(st.error())) return core::error_response(ctx, st.error());
    return web::form_page(ctx, "accounts/reset_new", "Choose a new password", {.token = token}, new_password_fields(),
                          &st.error());
  }
  return web::panel(ctx, "Your password has been changed", "",
                    "You have been signed out everywhere. Sign in with your new password.", "/sign-in", "Sign in");
}

}  // namespace goldthread::accounts
