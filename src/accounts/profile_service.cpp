// Profile, account deletion, data export, roles and the administrator's create_user.
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/account_crypto.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_service.hpp"
#include "accounts/account_store.hpp"
#include "accounts/accounts.hpp"
#include "core/contributions.hpp"
#include "core/mail.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

using core::Error;
using nlohmann::json;

core::audit::Actor actor_of(const core::Principal& p, const Origin& from) {
  return core::audit::Actor::from(p, 0, from.request_id);
}

json roles_json(const std::vector<core::Role>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(core::role_name(r));
  return out;
}

}  // namespace

std::string deleted_email(std::int64_t user_id) {
  return "deleted-" + std::to_string(user_id) + "@invalid";
}

core::Status delete_account(core::Database& db, const core::Principal& who, const std::string& password,
                            bool remove_contributions, const Origin& from,
                            const std::vector<core::PersonRedaction>& redactions) {
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, who.user_id);
  if (!user || user->deleted) return Error::not_found("There is no such account.");
  if (password.empty()) return Error::invalid("There is a problem", {{"password", "Enter your password"}});
  if (!verify_password(user->password_hash, password))
    return Error::invalid("There is a problem", {{"password", "Your password is not correct"}});
  core::Transaction tx(*conn);
  auto before = json::parse(user_json(*user));
  before["contributions"] = remove_contributions ? "removed" : "kept as deleted user";
  core::audit::record(*conn, actor_of(who, from),
                      {"delete", "user", std::to_string(user->id), core::audit::to_text(before), ""});
  store::delete_sessions_of(*conn, user->id);
  store::delete_memberships_of(*conn, user->id);
  store::anonymise_user(*conn, user->id);
  // Past records stop naming them (issue 9.4): the audit trail, the outbox, other capabilities.
  const auto as_email = deleted_email(user->id);
  core::audit::redact_person(*conn, user->id, user->name, user->email, kDeletedName, as_email);
  core::mail::redact_person(*conn, user->name, user->email, kDeletedName, as_email);
  // Chosen "remove" (issue 14.6): each module's remover first, then the redactions rename
  // whatever is left.
  if (remove_contributions) core::remove_contributions(*conn, user->id);
  const core::RedactedPerson person{user->id, user->name, user->email, kDeletedName, as_email};
  for (const auto& redact : redactions) redact(*conn, person);
  tx.commit();
  return core::ok_status();
}

core::Status set_area(core::Database& db, const core::Principal& who, const std::string& area_code,
                      const Origin& from) {
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto before = store::area_of(*conn, who.user_id);
  if (before == area_code) return core::ok_status();
  store::set_area(*conn, who.user_id, area_code);
  core::audit::record(*conn, actor_of(who, from),
                      {"update", "user", std::to_string(who.user_id), core::audit::to_text(json{{"area_code", before}}),
                       core::audit::to_text(json{{"area_code", area_code}})});
  tx.commit();
  return core::ok_status();
}

std::string area_of(core::Connection& c, std::int64_t user_id) {
  return store::area_of(c, user_id);
}

json export_data(core::Database& db, const core::Principal& who) {
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, who.user_id);
  if (!user) return json::object();
  json memberships = json::array();
  for (const auto& m : store::memberships_of_user(*conn, user->id)) {
    auto org = partners::try_find_organisation(*conn, m.organisation_id);
    memberships.push_back({{"organisation_id", m.organisation_id},
                           {"organisation", org ? org->name : ""},
                           {"status", m.status},
                           {"organisation_admin", m.admin},
                           {"requested_at", m.requested_at},
                           {"decided_at", m.decided_at}});
  }
  json changes = json::array();
  core::audit::Filter f;
  f.actor_user_id = user->id;
  f.per_page = 500;
  for (f.page = 1;; ++f.page) {
    auto page = core::audit::list(*conn, f);
    for (const auto& e : page.events)
      changes.push_back({{"at", e.occurred_at},
                         {"action", e.action},
                         {"resource_type", e.resource_type},
                         {"resource_id", e.resource_id},
                         {"organisation_id", e.organisation_id}});
    if (page.events.empty() || static_cast<std::int64_t>(f.page) * f.per_page >= page.total) break;
  }
  json emails = json::array();
  for (const auto& m : core::mail::for_recipient(*conn, user->email))
    emails.push_back(
        {{"queued_at", m.created_at}, {"subject", m.subject}, {"status", m.status}, {"sent_at", m.sent_at}});
  return {{"account",
           {{"id", user->id},
            {"name", user->name},
            {"email", user->email},
            {"created_at", user->created_at},
            {"updated_at", user->updated_at}}},
          {"roles", roles_json(store::roles_of(*conn, user->id))},
          {"memberships", memberships},
          {"signed_in_sessions", store::count_sessions_of(*conn, user->id)},
          {"changes_you_made", changes},
          {"emails_sent_to_you", emails}};
}

core::Status set_user_roles(core::Database& db, const core::Principal& actor, std::int64_t user_id,
                            const std::vector<core::Role>& roles, const Origin& from) {
  auto conn = db.acquire();
  auto user = store::try_find_user(*conn, user_id);
  if (!user || user->deleted) return Error::not_found("There is no such user.");
  auto before = store::roles_of(*conn, user_id);
  if (!may_change_roles_of(actor, before))
    return Error::forbidden("Only a site administrator can change the roles of a site administrator.");
  std::vector<core::Role> next;
  for (auto r : assignable_roles()) {
    bool had = std::find(before.begin(), before.end(), r) != before.end();
    bool wants = std::find(roles.begin(), roles.end(), r) != roles.end();
    if (had != wants && !may_assign(actor, r))
      return Error::forbidden(std::string("Only a site administrator can change the ") + core::role_name(r) + " role.");
    if (wants) next.push_back(r);
  }
  if (next == before) return core::ok_status();
  core::Transaction tx(*conn);
  store::set_roles(*conn, user_id, next);
  store::bump_privilege_version(*conn, user_id);
  core::audit::record(
      *conn, actor_of(actor, from),
      {"update", "user", std::to_string(user_id), core::audit::to_text(json{{"roles", roles_json(before)}}),
       core::audit::to_text(json{{"roles", roles_json(next)}})});
  tx.commit();
  return core::ok_status();
}

core::Result<std::int64_t> create_user(core::Database& db, const core::audit::Actor& actor, const NewUser& in) {
  std::vector<core::FieldError> errs;
  check_name(in.name, "name", errs);
  check_email(in.email, "email", errs);
  check_new_password(in.password, in.email, "password", errs);
  if (!errs.empty()) return Error::invalid("There is a problem", std::move(errs));
  auto email = normalise_email(in.email);
  auto hash = hash_password(in.password);
  auto conn = db.acquire();
  if (store::try_find_user_by_email(*conn, email)) return Error::conflict("There is already an account for " + email);
  core::Transaction tx(*conn);
  User u;
  u.name = trim(in.name);
  u.email = email;
  try {
    u.id = store::insert_user(*conn, email, u.name, hash, true);  // an administrator vouches for the address
  } catch (const core::ConstraintError&) {
    return Error::conflict("There is already an account for " + email);
  }
  std::vector<core::Role> roles;
  for (auto r : in.roles)
    if (r != core::Role::resident && r != core::Role::partner_member) roles.push_back(r);
  store::set_roles(*conn, u.id, roles);
  auto after = json::parse(user_json(u));
  after["roles"] = roles_json(roles);
  core::audit::record(*conn, actor, {"create", "user", std::to_string(u.id), "", core::audit::to_text(after)});
  tx.commit();
  return u.id;
}

void use_fast_password_hashing_for_test() {
  set_fast_password_hashing(true);
}

}  // namespace goldthread::accounts
