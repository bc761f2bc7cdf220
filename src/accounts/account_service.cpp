// Sign-up, sign-in, sessions, passwords and resets.
#include "accounts/account_service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/account_crypto.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_store.hpp"
#include "core/log.hpp"
#include "core/mail.hpp"

namespace goldthread::accounts {
namespace {

using core::Error;
using core::ErrorKind;

Error too_many(const std::string& what) {
  return {ErrorKind::too_many, "There have been too many attempts to " + what + ". Wait 1 hour, then try again.", {}};
}

std::string since(std::chrono::seconds window) {
  return iso(now() - window);
}

core::audit::Actor actor_for(const User& u, const Origin& from) {
  core::audit::Actor a;
  a.user_id = u.id;
  a.name = u.name;
  a.request_id = from.request_id;
  return a;
}

const char* kWrongCredentials = "Enter the e-mail address and password for your account";

struct KeyLimit {
  std::string key;
  int limit;
};

// Records one attempt under every key, unless a key has reached its limit in the window:
// counting and recording happen under one lock, so concurrent requests cannot pass a limit
// together. Returns the attempts' ids, or nothing (and records nothing) when limited.
std::optional<std::vector<std::int64_t>> claim_attempt(core::Connection& c, const std::string& kind,
                                                       const std::vector<KeyLimit>& limits,
                                                       std::chrono::seconds window) {
  core::Transaction tx(c);
  std::vector<std::string> keys;
  for (const auto& l : limits) keys.push_back(l.key);
  store::lock_attempt_keys(c, kind, keys);
  auto from = since(window);
  for (const auto& l : limits)
    if (store::count_attempts(c, kind, l.key, from) >= l.limit) return std::nullopt;
  std::vector<std::int64_t> ids;
  for (const auto& l : limits) ids.push_back(store::add_attempt(c, kind, l.key));
  tx.commit();
  return ids;
}

}  // namespace

std::string user_json(const User& u) {
  return core::audit::to_text(nlohmann::json{{"id", u.id}, {"name", u.name}, {"email", u.email}});
}

void send_email(core::Connection& c, const std::string& to, const std::string& subject, const std::string& body) {
  core::mail::enqueue(c, {to, subject, body, ""});
}

core::Status sign_up(core::Database& db, const SignUpInput& in, const Origin& from) {
  std::vector<core::FieldError> errs;
  check_name(in.name, "name", errs);
  check_email(in.email, "email", errs);
  check_new_password(in.password, in.email, "password", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto email = normalise_email(in.email);
  {
    auto conn = db.acquire();
    auto lim = limits();
    if (!claim_attempt(*conn, "sign-up", {{"address:" + from.address, lim.sign_up_per_address}}, lim.sign_up_window))
      return too_many("create an account from your network");
  }
  // Hash before looking the address up, so both paths cost the same.
  auto hash = hash_password(in.password);
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  if (store::try_find_user_by_email(*conn, email)) {
    send_email(*conn, email, "Someone tried to create an account with your e-mail address",
               "Someone tried to create an account on " + from.base_url +
                   " with this e-mail address, which "
                   "already has an account.\n\nIf it was you, sign in at " +
                   from.base_url +
                   "/sign-in or reset your "
                   "password at " +
                   from.base_url + "/reset-password.\n\nIf it was not you, you can ignore this e-mail.");
    tx.commit();
    return core::ok_status();
  }
  User u;
  u.name = trim(in.name);
  u.email = email;
  u.id = store::insert_user(*conn, email, u.name, hash);
  core::audit::record(*conn, actor_for(u, from), {"create", "user", std::to_string(u.id), "", user_json(u)});
  auto token = random_token(32);
  store::insert_verification(*conn, sha256_hex(token), u.id, email, iso_in(kVerifyLifetime));
  send_email(*conn, email, "Your account has been created",
             "Hello " + u.name + ",\n\nYour account is ready. Sign in at " + from.base_url +
                 "/sign-in.\n\nTo confirm this is your e-mail address, open this link within 24 hours:\n\n" +
                 from.base_url + "/verify-email/" + token +
                 "\n\nIf you did not create an account, you can ignore this e-mail.");
  tx.commit();
  return core::ok_status();
}

NewSession start_session(core::Connection& c, std::int64_t user_id) {
  NewSession s;
  s.token = random_token(32);
  s.user_id = user_id;
  store::insert_session(c, sha256_hex(s.token), user_id, random_token(32), iso_in(kSessionAbsolute));
  return s;
}

core::Result<NewSession> sign_in(core::Database& db, const std::string& email_in, const std::string& password,
                                 const Origin& from) {
  std::vector<core::FieldError> errs;
  auto email = normalise_email(email_in);
  check_email(email_in, "email", errs);
  if (password.empty()) errs.push_back({"password", "Enter your password"});
  if (password.size() > kMaxPasswordLength) errs.push_back({"password", kWrongCredentials});
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto conn = db.acquire();
  auto lim = limits();
  // The attempt is recorded before the password is checked, so N concurrent guesses check at
  // most the limit; a success takes its record back.
  auto pair_key = "account:" + email + " address:" + from.address;
  auto claimed = claim_attempt(*conn, "sign-in",
                               {{pair_key, lim.sign_in_per_account_address},
                                {"account:" + email, lim.sign_in_per_account},
                                {"address:" + from.address, lim.sign_in_per_address}},
                               lim.sign_in_window);
  if (!claimed)
    return Error{ErrorKind::too_many,
                 "There have been too many attempts to sign in to this account. Wait 15 minutes, then try again, or "
                 "reset your password.",
                 {}};
  auto user = store::try_find_user_by_email(*conn, email);
  bool ok = false;
  if (user)
    ok = verify_password(user->password_hash, password);
  else
    verify_dummy_password(password, store::sample_password_hash(*conn));
  if (!ok) return Error::invalid(kWrongCredentials, {{"email", kWrongCredentials}});
  // Hashes made with older argon2 settings are brought up to date while the password is here.
  std::string rehashed = password_needs_rehash(user->password_hash) ? hash_password(password) : "";
  core::Transaction tx(*conn);
  for (auto id : *claimed) store::delete_attempt(*conn, id);
  store::clear_attempts(*conn, "sign-in", pair_key);
  if (!rehashed.empty()) store::set_password_hash(*conn, user->id, rehashed);
  auto s = start_session(*conn, user->id);
  tx.commit();
  return s;
}

void end_session(core::Database& db, const std::string& id_hash) {
  auto conn = db.acquire();
  store::delete_session(*conn, id_hash);
}

void end_all_sessions(core::Database& db, std::int64_t user_id) {
  auto conn = db.acquire();
  store::delete_sessions_of(*conn, user_id);
}

core::Result<NewSession> change_password(core::Database& db, const core::Principal& who, const std::string& current,
                                         const std::string& next, const Origin& from) {
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, who.user_id);
  if (!user || user->deleted) return Error::not_found("There is no such account.");
  std::vector<core::FieldError> errs;
  if (current.empty())
    errs.push_back({"current_password", "Enter your current password"});
  else if (!verify_password(user->password_hash, current))
    errs.push_back({"current_password", "Your current password is not correct"});
  check_new_password(next, user->email, "new_password", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto hash = hash_password(next);
  core::Transaction tx(*conn);
  store::set_password_hash(*conn, user->id, hash);
  store::delete_sessions_of(*conn, user->id);
  store::use_resets_of(*conn, user->id);
  auto s = start_session(*conn, user->id);
  core::audit::record(
      *conn, actor_for(*user, from),
      {"update", "user", std::to_string(user->id), R"j({"password":"(unchanged)"})j", R"j({"password":"(changed)"})j"});
  send_email(*conn, user->email, "Your password has been changed",
             "Your password was changed. If you did not do this, reset your password at " + from.base_url +
                 "/reset-password straight away.");
  tx.commit();
  return s;
}

core::Status request_password_reset(core::Database& db, const std::string& email_in, const Origin& from) {
  std::vector<core::FieldError> errs;
  check_email(email_in, "email", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto email = normalise_email(email_in);
  auto conn = db.acquire();
  auto lim = limits();
  if (!claim_attempt(*conn, "reset",
                     {{"account:" + email, lim.reset_per_account}, {"address:" + from.address, lim.reset_per_address}},
                     lim.reset_window))
    return too_many("reset a password");
  core::Transaction tx(*conn);
  if (auto user = store::try_find_user_by_email(*conn, email)) {
    auto token = random_token(32);
    store::insert_reset(*conn, sha256_hex(token), user->id, iso_in(kResetLifetime));
    send_email(*conn, email, "Reset your password",
               "Hello " + user->name + ",\n\nTo choose a new password, open this link within 1 hour:\n\n" +
                   from.base_url + "/reset-password/" + token +
                   "\n\nThe link works once. If you did not ask to reset your password, you can ignore this e-mail.");
  }
  tx.commit();
  return core::ok_status();
}

bool reset_token_valid(core::Database& db, const std::string& token) {
  if (token.empty() || token.size() > 100) return false;
  auto conn = db.acquire();
  return store::try_valid_reset(*conn, sha256_hex(token)).has_value();
}

core::Status reset_password(core::Database& db, const std::string& token, const std::string& password,
                            const Origin& from) {
  if (token.empty() || token.size() > 100) return Error::not_found("This link has expired or has already been used.");
  auto conn = db.acquire();
  auto user_id = store::try_valid_reset(*conn, sha256_hex(token));
  auto user = user_id ? store::try_find_user(*conn, *user_id) : std::nullopt;
  if (!user || user->deleted) return Error::not_found("This link has expired or has already been used.");
  std::vector<core::FieldError> errs;
  check_new_password(password, user->email, "new_password", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto hash = hash_password(password);
  core::Transaction tx(*conn);
  // Claimed inside the transaction so two requests with one link cannot both succeed.
  if (!store::claim_reset(*conn, sha256_hex(token)))
    return Error::not_found("This link has expired or has already been used.");
  store::use_resets_of(*conn, user->id);
  store::set_password_hash(*conn, user->id, hash);
  store::delete_sessions_of(*conn, user->id);
  store::clear_attempts(*conn, "sign-in", "account:" + user->email);  // the owner has proved who they are
  core::audit::record(
      *conn, actor_for(*user, from),
      {"update", "user", std::to_string(user->id), R"j({"password":"(unchanged)"})j", R"j({"password":"(reset)"})j"});
  send_email(*conn, user->email, "Your password has been changed",
             "Your password was reset. If you did not do this, contact the site administrators.");
  tx.commit();
  return core::ok_status();
}

}  // namespace goldthread::accounts
