#pragma once
// Sessions and CSRF for every routed request (docs/DECISIONS.md ("Accounts")):
//  before(): reads the session cookie, fills ctx.principal (roles, memberships) and
//            ctx.csrf_token; rotates a session whose user's privileges changed; refuses a
//            state-changing request without a valid token (403 page).
//  after():  writes the session cookie handed over in ctx.locals, clears a dead one, and sets
//            the anonymous CSRF cookie.
// Thread-safe: one instance serves every thread; per-request state lives in ctx.locals.
#include <mutex>
#include <string>

#include "core/registry.hpp"

namespace goldthread::accounts {

// ctx.locals keys.
inline constexpr const char* kLocalNewSession = "accounts.new_session";  // token, or "" to clear
inline constexpr const char* kLocalNewNonce = "accounts.new_csrf_nonce";

class SessionMiddleware : public core::Middleware {
 public:
  std::optional<core::Response> before(core::Context& ctx, const core::Route& route) override;
  void after(core::Context& ctx, core::Response& res) override;

 private:
  const std::string& signing_key(core::Context& ctx);
  void load_session(core::Context& ctx);
  std::once_flag init_;
  std::string key_;
};

// For handlers: send this session's cookie with the response (sign-in, password change).
void begin_session(core::Context& ctx, const std::string& token);
// For handlers: clear the session cookie (sign-out, account deleted).
void clear_session(core::Context& ctx);

}  // namespace goldthread::accounts
