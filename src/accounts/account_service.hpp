#pragma once
// One function per user intent. Each owns its transaction and records every change with
// core::audit::record inside it; e-mails go to core::mail in the same transaction.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "accounts/account.hpp"
#include "core/audit.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::accounts {

struct SignUpInput {
  std::string name, email, password;
};

struct NewSession {
  std::string token;  // goes in the cookie; only its hash is stored
  std::int64_t user_id = 0;
};

// Where a request comes from, for rate limits and e-mail links.
struct Origin {
  std::string address;   // client address
  std::string base_url;  // for links in e-mails
  std::string request_id;
};

// Always the same outcome for a new and an existing e-mail address (no enumeration): a new
// address gets an account and a welcome e-mail, an existing one an e-mail saying so.
core::Status sign_up(core::Database& db, const SignUpInput& in, const Origin& from);
// invalid (one message for any wrong e-mail/password pair), too_many, or a new session.
core::Result<NewSession> sign_in(core::Database& db, const std::string& email, const std::string& password,
                                 const Origin& from);
NewSession start_session(core::Connection& c, std::int64_t user_id);
void end_session(core::Database& db, const std::string& id_hash);
void end_all_sessions(core::Database& db, std::int64_t user_id);

// Checks the current password; ends every session and returns a fresh one for this browser.
core::Result<NewSession> change_password(core::Database& db, const core::Principal& who, const std::string& current,
                                         const std::string& next, const Origin& from);
// Always ok for a well-formed address (no enumeration) unless rate-limited (too_many).
core::Status request_password_reset(core::Database& db, const std::string& email, const Origin& from);
bool reset_token_valid(core::Database& db, const std::string& token);
// not_found when the link is unknown, used or expired; invalid for a weak password.
core::Status reset_password(core::Database& db, const std::string& token, const std::string& password,
                            const Origin& from);

// The name changes at once. A new e-mail address needs the current password and changes only
// when the link sent to it is opened; the answer is the same whether or not another account
// has that address (its owner gets an e-mail instead of a link). too_many after
// kEmailChangesPerHour requests.
struct ProfileChange {
  bool email_pending = false;  // a confirmation link went to (or was "sent" to) pending_email
  std::string pending_email;
};
core::Result<ProfileChange> update_profile(core::Database& db, const core::Principal& who, const std::string& name,
                                           const std::string& email, const std::string& current_password,
                                           const Origin& from);
// E-mail confirmation links (/verify-email/{token}): sign-up and change of address.
bool verification_valid(core::Database& db, const std::string& token);
// not_found for an unknown, used or expired link; conflict when another account took the
// address meanwhile.
core::Status verify_email(core::Database& db, const std::string& token, const Origin& from);
// A fresh link for an unconfirmed address (older links stop working). too_many past the limit.
core::Status resend_verification(core::Database& db, const core::Principal& who, const Origin& from);
// Checks the password, then keeps the row as "deleted user" and removes personal data: its
// own, the audit trail's, the outbox's, and — through `redactions` (the registry's
// person_redactions()) — every other module's, all in one transaction. With
// `remove_contributions` the modules remove what the person wrote instead of keeping it as
// "deleted user" (issue 14.6); the audit record says which was chosen.
core::Status delete_account(core::Database& db, const core::Principal& who, const std::string& password,
                            bool remove_contributions, const Origin& from,
                            const std::vector<core::PersonRedaction>& redactions);
// The person's area (a places area code, "" for none), audited. The handler checks the code is
// one of the place's areas.
core::Status set_area(core::Database& db, const core::Principal& who, const std::string& area_code, const Origin& from);
nlohmann::json export_data(core::Database& db, const core::Principal& who);
// forbidden when the actor may not give or take one of the changed roles.
core::Status set_user_roles(core::Database& db, const core::Principal& actor, std::int64_t user_id,
                            const std::vector<core::Role>& roles, const Origin& from);

// Memberships.
core::Status ask_to_join(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                         const Origin& from);
core::Status decide_membership(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                               std::int64_t membership_id, bool approve, const Origin& from);
core::Status set_organisation_admin(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                                    std::int64_t membership_id, bool admin, const Origin& from);
bool may_manage_members(const core::Principal& p, std::int64_t organisation_id);

// Queues a plain-text e-mail with core::mail::enqueue, in the caller's transaction.
void send_email(core::Connection& c, const std::string& to, const std::string& subject, const std::string& body);
std::string user_json(const User& u);

}  // namespace goldthread::accounts
