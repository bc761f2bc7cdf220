#include "accounts/session_middleware.hpp"

#include <nlohmann/json.hpp>

#include "accounts/account.hpp"
#include "accounts/account_crypto.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_service.hpp"
#include "accounts/account_store.hpp"
#include "core/app.hpp"
#include "core/context.hpp"
#include "core/log.hpp"
#include "core/page.hpp"
#include "core/static_files.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

bool is_token_shaped(const std::string& s) {
  if (s.size() != 43) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'; });
}

bool is_safe_method(const std::string& m) {
  return m == "GET" || m == "HEAD" || m == "OPTIONS";
}

std::string cookie(const std::string& name, const std::string& value, bool secure, long max_age) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

// The token a form or API client sends: the form field, else the X-CSRF-Token header.
std::string presented_token(core::Context& ctx) {
  auto v = ctx.form_value("csrf_token");
  if (!v.empty()) return v;
  return std::string(ctx.request().header("x-csrf-token").value_or(""));
}

core::Response csrf_refused(core::Context& ctx) {
  return core::error_page(ctx, 403, "Your form could not be sent",
                          "This can happen when a page has been open for a long time, or when a form is sent from "
                          "another website. Go back, reload the page and try again. Programs using the JSON API must "
                          "send the csrf_token in an X-CSRF-Token header.");
}

}  // namespace

const std::string& SessionMiddleware::signing_key(core::Context& ctx) {
  std::call_once(init_, [&] {
    auto conn = ctx.db().acquire();
    key_ = store::secret(*conn, "csrf");
    auto root = core::find_assets_root(ctx.app().config().assets_dir);
    auto n = load_common_passwords(root + "/data/common-passwords.txt");
    if (n == 0) core::log::warn("data/common-passwords.txt not found; using the short built-in list", {{"root", root}});
  });
  return key_;
}

void SessionMiddleware::load_session(core::Context& ctx) {
  auto raw = ctx.request().cookie(kSessionCookie);
  if (!raw || !is_token_shaped(*raw)) return;
  auto conn = ctx.db().acquire();
  auto s = store::try_find_session(*conn, sha256_hex(*raw));
  if (!s) return;
  auto now_s = iso_now();
  bool live = !s->user.deleted && s->expires_at > now_s && s->last_seen_at > iso(now() - kSessionIdle);
  if (!live) {
    store::delete_session(*conn, s->id_hash);
    return;
  }
  std::string id_hash = s->id_hash;
  if (s->privilege_version != s->user.privilege_version) {
    // Privileges changed since this session began: a new id, same expiry and CSRF token.
    auto token = random_token(32);
    core::Transaction tx(*conn);
    store::delete_session(*conn, s->id_hash);
    id_hash = sha256_hex(token);
    store::insert_session(*conn, id_hash, s->user.id, s->csrf_token, s->expires_at);
    tx.commit();
    ctx.locals[kLocalNewSession] = token;
  } else if (s->last_seen_at < iso(now() - kSessionTouchEvery)) {
    store::touch_session(*conn, s->id_hash);
  }
  auto& p = ctx.principal;
  p.user_id = s->user.id;
  p.name = s->user.name;
  p.email = s->user.email;
  p.session_id = id_hash;
  p.roles = {core::Role::resident};
  // A fixed number of queries whatever the memberships: roles and memberships together, then
  // the organisations' names in one batch.
  auto privileges = store::privileges_of(*conn, p.user_id);
  for (auto r : privileges.roles) p.roles.push_back(r);
  if (!privileges.memberships.empty()) {
    std::vector<std::int64_t> ids;
    for (const auto& [org, admin] : privileges.memberships) ids.push_back(org);
    auto names = partners::organisation_names(*conn, ids);
    for (const auto& [org, admin] : privileges.memberships) p.memberships.push_back({org, names[org], admin});
  }
  if (!p.memberships.empty()) p.roles.push_back(core::Role::partner_member);
  ctx.csrf_token = s->csrf_token;
}

std::optional<core::Response> SessionMiddleware::before(core::Context& ctx, const core::Route& route) {
  const auto& key = signing_key(ctx);
  load_session(ctx);
  std::string nonce;
  bool cookie_nonce = false;
  if (!ctx.principal.signed_in()) {
    // Signed double submit: the cookie holds a nonce, forms carry nonce.HMAC(key, nonce).
    auto c = ctx.request().cookie(kCsrfCookie);
    if (c && is_token_shaped(*c)) {
      nonce = *c;
      cookie_nonce = true;
    } else {
      nonce = random_token(32);
      ctx.locals[kLocalNewNonce] = nonce;
    }
    ctx.csrf_token = nonce + "." + hmac_sha256_hex(key, "csrf:" + nonce);
  }
  if (is_safe_method(ctx.request().method)) return std::nullopt;
  if (route.token_authenticated) return std::nullopt;  // a one-click link's own token (RFC 8058)
  auto token = presented_token(ctx);
  bool ok = ctx.principal.signed_in() ? constant_time_equal(token, ctx.csrf_token)
                                      : cookie_nonce && constant_time_equal(token, ctx.csrf_token);
  if (!ok) return csrf_refused(ctx);
  return std::nullopt;
}

void SessionMiddleware::after(core::Context& ctx, core::Response& res) {
  bool secure = ctx.request().secure;
  auto it = ctx.locals.find(kLocalNewSession);
  // A page for a signed-in person (or the answer that signs them in or out) is theirs alone:
  // neither a shared cache nor the browser's history keeps it.
  if (ctx.principal.signed_in() || it != ctx.locals.end()) res.headers.set("cache-control", "no-store");
  if (it != ctx.locals.end()) {
    if (it->second.empty())
      res.headers.add("set-cookie", cookie(kSessionCookie, "", secure, 0));
    else
      res.headers.add("set-cookie", cookie(kSessionCookie, it->second, secure, kSessionAbsolute.count()));
  } else if (ctx.request().cookie(kSessionCookie) && !ctx.principal.signed_in()) {
    res.headers.add("set-cookie", cookie(kSessionCookie, "", secure, 0));
  }
  if (auto n = ctx.locals.find(kLocalNewNonce); n != ctx.locals.end())
    res.headers.add("set-cookie", cookie(kCsrfCookie, n->second, secure, -1));
}

void begin_session(core::Context& ctx, const std::string& token) {
  ctx.locals[kLocalNewSession] = token;
}
void clear_session(core::Context& ctx) {
  ctx.locals[kLocalNewSession] = "";
}

}  // namespace goldthread::accounts
