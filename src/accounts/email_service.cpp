// E-mail addresses: confirmation links for sign-up and for a change of address, and the
// profile form (name at once; a new address only once its link is opened).
#include <nlohmann/json.hpp>

#include "accounts/account_crypto.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_service.hpp"
#include "accounts/account_store.hpp"

namespace goldthread::accounts {
namespace {

using core::Error;

const char* kUsedLink = "This link has expired or has already been used.";

core::audit::Actor actor_of(const core::Principal& p, const Origin& from) {
  return core::audit::Actor::from(p, 0, from.request_id);
}

Error too_many_changes() {
  return {core::ErrorKind::too_many,
          "You have asked to change or confirm your e-mail address too many times. Wait 1 hour, then try again.",
          {}};
}

// Counts one request against the account's hourly limit; false when over it.
bool within_limit(core::Connection& c, std::int64_t user_id) {
  auto key = "account:" + std::to_string(user_id);
  if (store::count_attempts(c, "email-change", key, iso(now() - std::chrono::hours(1))) >= kEmailChangesPerHour)
    return false;
  store::add_attempt(c, "email-change", key);
  return true;
}

void send_link(core::Connection& c, std::int64_t user_id, const std::string& email, const std::string& subject,
               const std::string& intro, const Origin& from) {
  store::use_verifications_of(c, user_id);
  auto token = random_token(32);
  store::insert_verification(c, sha256_hex(token), user_id, email, iso_in(kVerifyLifetime));
  send_email(c, email, subject,
             intro + "\n\nTo confirm this is your e-mail address, open this link within 24 hours:\n\n" + from.base_url +
                 "/verify-email/" + token + "\n\nIf you did not ask for this, you can ignore this e-mail.");
}

}  // namespace

core::Result<ProfileChange> update_profile(core::Database& db, const core::Principal& who, const std::string& name,
                                           const std::string& email_in, const std::string& current_password,
                                           const Origin& from) {
  std::vector<core::FieldError> errs;
  check_name(name, "name", errs);
  check_email(email_in, "email", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto email = normalise_email(email_in);
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, who.user_id);
  if (!user || user->deleted) return Error::not_found("There is no such account.");
  bool changes_email = email != user->email;
  if (changes_email) {
    if (current_password.empty())
      errs.push_back({"current_password", "Enter your current password to change your e-mail address"});
    else if (!verify_password(user->password_hash, current_password))
      errs.push_back({"current_password", "Your current password is not correct"});
    if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  }
  User after = *user;
  after.name = trim(name);
  core::Transaction tx(*conn);
  if (changes_email && !within_limit(*conn, user->id)) {
    tx.commit();  // the attempt counts
    return too_many_changes();
  }
  if (after.name != user->name) {
    store::update_profile(*conn, user->id, after.name, user->email);
    core::audit::record(*conn, actor_of(who, from),
                        {"update", "user", std::to_string(user->id), user_json(*user), user_json(after)});
  }
  ProfileChange out;
  if (changes_email) {
    out.email_pending = true;
    out.pending_email = email;
    // The same answer either way; only the mail differs (no probing for addresses in use).
    if (store::try_find_user_by_email(*conn, email))
      send_email(*conn, email, "Someone tried to use your e-mail address",
                 "Someone asked to move another account on " + from.base_url +
                     " to this e-mail address, which already has an account. Nothing has changed.\n\nIf it was you, "
                     "sign in to this account at " +
                     from.base_url + "/sign-in instead. If it was not you, you can ignore this e-mail.");
    else
      send_link(*conn, user->id, email, "Confirm your new e-mail address",
                "Hello " + after.name + ",\n\nYou asked to change the e-mail address of your account on " +
                    from.base_url + " to this one. It changes when you open the link below.",
                from);
  }
  tx.commit();
  return out;
}

bool verification_valid(core::Database& db, const std::string& token) {
  if (token.empty() || token.size() > 100) return false;
  auto conn = db.acquire();
  return store::try_valid_verification(*conn, sha256_hex(token)).has_value();
}

core::Status verify_email(core::Database& db, const std::string& token, const Origin& from) {
  if (token.empty() || token.size() > 100) return Error::not_found(kUsedLink);
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto v = store::try_valid_verification(*conn, sha256_hex(token));
  auto user = v ? store::try_find_user(*conn, v->user_id) : std::nullopt;
  if (!user || user->deleted || !store::claim_verification(*conn, sha256_hex(token)))
    return Error::not_found(kUsedLink);
  core::audit::Actor actor;
  actor.user_id = user->id;
  actor.name = user->name;
  actor.request_id = from.request_id;
  if (v->email == user->email) {
    store::set_email_verified(*conn, user->id);
    core::audit::record(
        *conn, actor,
        {"verify", "user", std::to_string(user->id), R"({"email_verified":false})", R"({"email_verified":true})"});
  } else {
    auto other = store::try_find_user_by_email(*conn, v->email);
    if (other && other->id != user->id)
      return Error::conflict("Another account now uses " + v->email + ". Your e-mail address has not changed.");
    User after = *user;
    after.email = v->email;
    try {
      store::change_email(*conn, user->id, v->email);
    } catch (const core::ConstraintError&) {
      return Error::conflict("Another account now uses " + v->email + ". Your e-mail address has not changed.");
    }
    core::audit::record(*conn, actor, {"update", "user", std::to_string(user->id), user_json(*user), user_json(after)});
    send_email(*conn, user->email, "Your e-mail address has been changed",
               "The e-mail address for your account on " + from.base_url + " was changed to " + v->email +
                   ".\n\nIf you did not do this, reset your password at " + from.base_url +
                   "/reset-password and contact the site administrators.");
  }
  store::use_verifications_of(*conn, user->id);
  tx.commit();
  return core::ok_status();
}

core::Status resend_verification(core::Database& db, const core::Principal& who, const Origin& from) {
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, who.user_id);
  if (!user || user->deleted) return Error::not_found("There is no such account.");
  if (user->email_verified) return core::ok_status();
  core::Transaction tx(*conn);
  if (!within_limit(*conn, user->id)) {
    tx.commit();
    return too_many_changes();
  }
  send_link(*conn, user->id, user->email, "Confirm your e-mail address",
            "Hello " + user->name + ",\n\nYou asked for a new link to confirm the e-mail address of your account on " +
                from.base_url + ".",
            from);
  tx.commit();
  return core::ok_status();
}

bool email_verified(core::Database& db, std::int64_t user_id) {
  auto conn = db.acquire();
  auto u = store::try_find_user(*conn, user_id);
  return u && u->email_verified;
}

}  // namespace goldthread::accounts
