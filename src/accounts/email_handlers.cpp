// E-mail confirmation links (/verify-email/{token}) and asking for a new one.
#include "accounts/account_handlers.hpp"
#include "accounts/account_views.hpp"
#include "accounts/account_web.hpp"

namespace goldthread::accounts {

Response verify_form(Context& ctx) {
  auto token = ctx.param("token");
  if (!verification_valid(ctx.db(), token))
    return core::error_page(ctx, 404, "This link does not work",
                            "The link has expired or has already been used. You can ask for a new one from your "
                            "account page.");
  web::FormModel model{.action = "/verify-email/" + token,
                       .button = "Confirm your e-mail address",
                       .intro = "Confirm that this e-mail address belongs to you."};
  return web::form_page(ctx, "accounts/form", "Confirm your e-mail address", model, {});
}

Response verify_submit(Context& ctx) {
  auto st = verify_email(ctx.db(), ctx.param("token"), web::origin(ctx));
  if (!st) {
    if (st.error().kind == core::ErrorKind::not_found)
      return core::error_page(ctx, 404, "This link does not work", st.error().message);
    return core::error_response(ctx, st.error());
  }
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, Ack{"confirmed"}); });
  return web::panel(ctx, "Your e-mail address is confirmed", "", "",
                    ctx.principal.signed_in() ? "/account" : "/sign-in",
                    ctx.principal.signed_in() ? "Back to your account" : "Sign in");
}

Response resend_verification_submit(Context& ctx) {
  auto st = resend_verification(ctx.db(), ctx.principal, web::origin(ctx));
  if (!st) return core::error_response(ctx, st.error());
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, Ack{"sent"}); });
  return web::panel(ctx, "Check your e-mail", "We have sent a new link to " + ctx.principal.email,
                    "The link works once, for 24 hours. Check your spam folder if you cannot find it.", "/account",
                    "Back to your account");
}

}  // namespace goldthread::accounts
