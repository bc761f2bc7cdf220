#pragma once
// The only SQL of the accounts capability. Every function runs one or a few prepared
// statements on the connection it is given; callers own transactions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account.hpp"
#include "core/storage.hpp"

namespace goldthread::accounts::store {

// Users. E-mail addresses are stored normalised (see normalise_email).
// verified: the address is confirmed from the start (an administrator created the account).
std::int64_t insert_user(core::Connection& c, const std::string& email, const std::string& name,
                         const std::string& password_hash, bool verified = false);
std::optional<User> try_find_user(core::Connection& c, std::int64_t id);
std::optional<User> try_find_user_by_email(core::Connection& c, const std::string& email);
void update_profile(core::Connection& c, std::int64_t id, const std::string& name, const std::string& email);
void set_password_hash(core::Connection& c, std::int64_t id, const std::string& hash);
// The newest stored hash (its argon2 parameters shape the dummy hash for unknown accounts);
// "" when there is none.
std::string sample_password_hash(core::Connection& c);
// Keeps the row (content points at it) but removes everything that identifies the person.
void anonymise_user(core::Connection& c, std::int64_t id);
std::vector<User> list_users(core::Connection& c, const std::string& search, int limit, int offset);
std::int64_t count_users(core::Connection& c, const std::string& search);

std::vector<core::Role> roles_of(core::Connection& c, std::int64_t user_id);
// What a signed-in request needs about its user, in one query: the roles, and the approved
// memberships (organisation id, admin) in the order they were asked for. Names are not here
// (they are partners' data).
struct Privileges {
  std::vector<core::Role> roles;
  std::vector<std::pair<std::int64_t, bool>> memberships;
};
Privileges privileges_of(core::Connection& c, std::int64_t user_id);
void set_roles(core::Connection& c, std::int64_t user_id, const std::vector<core::Role>& roles);
// Marks the user's privileges as changed: their sessions are rotated on the next request.
void bump_privilege_version(core::Connection& c, std::int64_t user_id);

// Sessions, keyed by the SHA-256 of the id in the cookie.
// Records the user's current privilege version with the session.
void insert_session(core::Connection& c, const std::string& id_hash, std::int64_t user_id,
                    const std::string& csrf_token, const std::string& expires_at);
std::optional<SessionRecord> try_find_session(core::Connection& c, const std::string& id_hash);
void touch_session(core::Connection& c, const std::string& id_hash);
void delete_session(core::Connection& c, const std::string& id_hash);
std::int64_t delete_sessions_of(core::Connection& c, std::int64_t user_id);
std::int64_t count_sessions_of(core::Connection& c, std::int64_t user_id);

// Password resets, keyed by the SHA-256 of the token in the link.
void insert_reset(core::Connection& c, const std::string& token_hash, std::int64_t user_id,
                  const std::string& expires_at);
// The user id of an unused, unexpired token.
std::optional<std::int64_t> try_valid_reset(core::Connection& c, const std::string& token_hash);
// Marks one unused, unexpired token used; false when another request got there first.
bool claim_reset(core::Connection& c, const std::string& token_hash);
// Marks every unused reset of the user as used (a reset is single use; a new password kills older links).
void use_resets_of(core::Connection& c, std::int64_t user_id);

// E-mail confirmation: a sign-up's address, or the new address of a change (applied only when
// its link is opened). Keyed by the SHA-256 of the token in the link.
void set_email_verified(core::Connection& c, std::int64_t id);
// The account's area code ("" for none, or for an unknown or deleted account).
std::string area_of(core::Connection& c, std::int64_t id);
void set_area(core::Connection& c, std::int64_t id, const std::string& area_code);
// The new address, confirmed.
void change_email(core::Connection& c, std::int64_t id, const std::string& email);
struct Verification {
  std::int64_t user_id = 0;
  std::string email;
};
void insert_verification(core::Connection& c, const std::string& token_hash, std::int64_t user_id,
                         const std::string& email, const std::string& expires_at);
std::optional<Verification> try_valid_verification(core::Connection& c, const std::string& token_hash);
// Marks one unused, unexpired link used; false when another request got there first.
bool claim_verification(core::Connection& c, const std::string& token_hash);
// A new link (or a confirmed address) spends the older ones.
void use_verifications_of(core::Connection& c, std::int64_t user_id);

// Serialises attempts on these keys until the transaction ends (REQUIRES: in a transaction).
// SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL takes an advisory lock per
// key, so a count followed by an insert cannot interleave with another request's.
void lock_attempt_keys(core::Connection& c, const std::string& kind, std::vector<std::string> keys);
// Records an attempt and returns its id (and forgets attempts older than a day).
std::int64_t add_attempt(core::Connection& c, const std::string& kind, const std::string& key);
void delete_attempt(core::Connection& c, std::int64_t id);
std::int64_t count_attempts(core::Connection& c, const std::string& kind, const std::string& key,
                            const std::string& since);
void clear_attempts(core::Connection& c, const std::string& kind, const std::string& key);

// Memberships (organisation names are filled by the service through partners.hpp).
std::optional<MembershipRecord> try_find_membership(core::Connection& c, std::int64_t id);
std::optional<MembershipRecord> try_find_membership_of(core::Connection& c, std::int64_t user_id,
                                                       std::int64_t organisation_id);
std::int64_t insert_membership(core::Connection& c, std::int64_t user_id, std::int64_t organisation_id);
void reopen_membership(core::Connection& c, std::int64_t id);
void decide_membership(core::Connection& c, std::int64_t id, MembershipStatus status, std::int64_t by);
void set_membership_admin(core::Connection& c, std::int64_t id, bool admin);
std::vector<MembershipRecord> memberships_of_user(core::Connection& c, std::int64_t user_id);
std::vector<MembershipRecord> memberships_of_organisation(core::Connection& c, std::int64_t organisation_id);
void delete_memberships_of(core::Connection& c, std::int64_t user_id);
// Requests to join waiting for a decision, per organisation id (one query).
std::map<std::int64_t, std::int64_t> pending_memberships_by_organisation(core::Connection& c);

// A named server secret, created on first use (the same for every server on the database).
std::string secret(core::Connection& c, const std::string& name);

}  // namespace goldthread::accounts::store
