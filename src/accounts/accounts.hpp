#pragma once
// The accounts capability: people, sign-in sessions, CSRF protection, password resets,
// roles, organisation memberships, the audit browser and the admin pages for users.
// Other capabilities include only this header.
//
// Tables: users, user_roles, sessions, password_resets, auth_attempts, memberships,
// account_secrets (migrations/0001_create_accounts.sql). E-mail goes through core::mail.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Context;
}

namespace goldthread::accounts {

// Routes, migrations and the session/CSRF middleware.
void register_module(core::Registry& registry);

// --- Memberships, for other capabilities ------------------------------------------------
// True when the principal is an approved member (or organisation admin) of the organisation.
bool is_member(const core::Principal& p, std::int64_t organisation_id);
bool is_organisation_admin(const core::Principal& p, std::int64_t organisation_id);

// Options for an "Acting for" <select> on a form: "Yourself" (value 0) and each organisation
// the principal belongs to, as [{"value","text","selected"}]. Render with
// {{>accounts/acting_for}} given {"acting_for": <this array>}.
nlohmann::json acting_for_choices(const core::Principal& p, std::int64_t selected = 0);
// Reads the form field `field` (default "acting_for"): 0 for yourself, or an organisation the
// principal is a member of. Error (invalid, on that field) for anything else.
core::Result<std::int64_t> acting_for(core::Context& ctx, const std::string& field = "acting_for");

// The approved administrators of an organisation who still have an account, to mail about
// something only they may decide (a partner claim). One query.
struct Contact {
  std::int64_t user_id = 0;
  std::string name, email;
};
std::vector<Contact> organisation_admins(core::Connection& c, std::int64_t organisation_id);
// A person's name and e-mail address, to mail them an answer; nullopt once the account is gone.
std::optional<Contact> try_contact(core::Connection& c, std::int64_t user_id);

// A person's name for showing beside content they wrote: "deleted user" once the account is gone.
std::string display_name(core::Connection& c, std::int64_t user_id);
// Names and addresses of several people in one query (for lists and mail of other
// capabilities, e.g. an event's attendees). A deleted account reads "deleted user" with no
// address; unknown ids are absent.
struct Person {
  std::string name, email;
};
std::map<std::int64_t, Person> people_by_id(core::Connection& c, const std::vector<std::int64_t>& ids);

// E-mail addresses of live accounts, id → address (one query; deleted or unknown ids are
// absent): for capabilities that mail people they know by id (pledges' reminders).
std::map<std::int64_t, std::string> emails_of(core::Connection& c, const std::vector<std::int64_t>& user_ids);

// A "History" section for any resource page (newest first, at most `limit` events), linking to
// /audit?resource_type=…&resource_id=… for the full list.
core::Section history_section(core::Connection& c, const std::string& resource_type, const std::string& resource_id,
                              int limit = 10);

// Other modules remove a deleted person's name and address from what they store with
// core::Registry::add_person_redaction; the accounts service runs those steps inside the
// transaction that deletes the account.
// What a deleted person's name and address become wherever they are redacted.
inline constexpr const char* kDeletedName = "deleted user";
std::string deleted_email(std::int64_t user_id);

// --- Residents' accounts (issue 14.6) ---------------------------------------------------
// True once the person has confirmed their e-mail address (taking part needs it).
bool email_verified(core::Database& db, std::int64_t user_id);
// The area the person chose on their account (a places area code), "" when none or gone.
// Consultations prefill a response's area with it.
std::string area_of(core::Connection& c, std::int64_t user_id);

// --- Administration ----------------------------------------------------------------------
struct NewUser {
  std::string name, email, password;
  std::vector<core::Role> roles;  // resident is implied
};
// Validates like sign-up (per-field errors), refuses an e-mail already in use (conflict),
// creates the user and audits it in one transaction. Returns the new user's id.
core::Result<std::int64_t> create_user(core::Database& db, const core::audit::Actor& actor, const NewUser& in);

// Lighter argon2id parameters (OPSLIMIT_MIN / MEMLIMIT_MIN) so tests stay fast. The same switch
// is the environment variable GOLDTHREAD_PASSWORD_HASH=fast. Never for production.
void use_fast_password_hashing_for_test();

}  // namespace goldthread::accounts
