// Asking to join an organisation, deciding, organisation admins; and the membership helpers
// other capabilities use (accounts.hpp).
#include <nlohmann/json.hpp>

#include "accounts/account_rules.hpp"
#include "accounts/account_service.hpp"
#include "accounts/account_store.hpp"
#include "accounts/accounts.hpp"
#include "core/context.hpp"
#include "core/form.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

using core::Error;
using nlohmann::json;

std::string membership_json(const MembershipRecord& m) {
  return json{{"id", m.id},
              {"user_id", m.user_id},
              {"organisation_id", m.organisation_id},
              {"status", m.status},
              {"organisation_admin", m.admin}}
      .dump();
}

// The membership must belong to the organisation named in the address.
core::Result<MembershipRecord> membership_in(core::Connection& c, std::int64_t organisation_id, std::int64_t id) {
  auto m = store::try_find_membership(c, id);
  if (!m || m->organisation_id != organisation_id) return Error::not_found("There is no such membership.");
  return *m;
}

}  // namespace

bool is_member(const core::Principal& p, std::int64_t organisation_id) {
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [&](const core::Membership& m) { return m.organisation_id == organisation_id; });
}

bool is_organisation_admin(const core::Principal& p, std::int64_t organisation_id) {
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [&](const core::Membership& m) { return m.organisation_id == organisation_id && m.admin; });
}

bool may_manage_members(const core::Principal& p, std::int64_t organisation_id) {
  return p.has(core::Role::site_admin) || p.has(core::Role::place_admin) || is_organisation_admin(p, organisation_id);
}

json acting_for_choices(const core::Principal& p, std::int64_t selected) {
  json out = json::array();
  out.push_back({{"value", 0}, {"text", "Yourself"}, {"selected", selected == 0}});
  for (const auto& m : p.memberships)
    out.push_back(
        {{"value", m.organisation_id}, {"text", m.organisation_name}, {"selected", selected == m.organisation_id}});
  return out;
}

core::Result<std::int64_t> acting_for(core::Context& ctx, const std::string& field) {
  if (core::trim(ctx.form_value(field)) == "0") return std::int64_t{0};
  core::Form f(ctx);
  auto id = f.id(field, "Choose yourself or an organisation you belong to");
  if (f.ok() && (id == 0 || is_member(ctx.principal, id))) return id;
  return Error::invalid("There is a problem", {{field, "Choose yourself or an organisation you belong to"}});
}

std::vector<Contact> organisation_admins(core::Connection& c, std::int64_t organisation_id) {
  std::vector<Contact> out;
  for (const auto& m : store::memberships_of_organisation(c, organisation_id))
    if (m.admin && m.status == "approved" && !m.user_deleted) out.push_back({m.user_id, m.user_name, m.user_email});
  return out;
}

std::optional<Contact> try_contact(core::Connection& c, std::int64_t user_id) {
  auto u = store::try_find_user(c, user_id);
  if (!u || u->deleted) return std::nullopt;
  return Contact{u->id, u->name, u->email};
}

std::string display_name(core::Connection& c, std::int64_t user_id) {
  auto u = store::try_find_user(c, user_id);
  if (!u || u->deleted) return "deleted user";
  return u->name;
}

core::Status ask_to_join(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                         const Origin& from) {
  auto conn = db.acquire();
  auto org = organisation_id > 0 ? partners::try_find_organisation(*conn, organisation_id) : std::nullopt;
  if (!org) return Error::invalid("There is a problem", {{"organisation_id", "Choose an organisation"}});
  auto existing = store::try_find_membership_of(*conn, who.user_id, organisation_id);
  if (existing && existing->status == "approved")
    return Error::conflict("You are already a member of " + org->name + ".");
  if (existing && existing->status == "pending")
    return Error::conflict("You have already asked to join " + org->name + ".");
  core::Transaction tx(*conn);
  std::int64_t id = existing ? existing->id : store::insert_membership(*conn, who.user_id, organisation_id);
  if (existing) store::reopen_membership(*conn, id);
  auto after = store::try_find_membership(*conn, id);
  core::audit::record(*conn, core::audit::Actor::from(who, 0, from.request_id),
                      {existing ? "update" : "create", "membership", std::to_string(id),
                       existing ? membership_json(*existing) : "", membership_json(*after)});
  for (const auto& m : store::memberships_of_organisation(*conn, organisation_id))
    if (m.admin && m.status == "approved")
      send_email(*conn, m.user_email, who.name + " asked to join " + org->name,
                 who.name + " asked to join " + org->name + ". Approve or decline at " + from.base_url +
                     "/memberships/" + std::to_string(organisation_id));
  tx.commit();
  return core::ok_status();
}

core::Status decide_membership(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                               std::int64_t membership_id, bool approve, const Origin& from) {
  if (!may_manage_members(who, organisation_id))
    return Error::forbidden("Only an administrator of this organisation can approve members.");
  auto conn = db.acquire();
  auto m = membership_in(*conn, organisation_id, membership_id);
  if (!m) return m.error();
  if (m->status != "pending") return Error::conflict("This request has already been decided.");
  auto org = partners::try_find_organisation(*conn, organisation_id);
  core::Transaction tx(*conn);
  store::decide_membership(*conn, m->id, approve ? MembershipStatus::approved : MembershipStatus::declined,
                           who.user_id);
  store::bump_privilege_version(*conn, m->user_id);
  auto after = store::try_find_membership(*conn, m->id);
  auto actor = core::audit::Actor::from(who, is_member(who, organisation_id) ? organisation_id : 0, from.request_id);
  core::audit::record(*conn, actor,
                      {approve ? "approve" : "decline", "membership", std::to_string(m->id), membership_json(*m),
                       membership_json(*after)});
  send_email(*conn, m->user_email,
             std::string("Your request to join ") + (org ? org->name : "the organisation") +
                 (approve ? " was approved" : " was declined"),
             approve ? "You can now act on behalf of the organisation. See " + from.base_url + "/account/organisations"
                     : "Contact the organisation if you think this is a mistake.");
  tx.commit();
  return core::ok_status();
}

core::Status set_organisation_admin(core::Database& db, const core::Principal& who, std::int64_t organisation_id,
                                    std::int64_t membership_id, bool admin, const Origin& from) {
  if (!who.has(core::Role::site_admin) && !who.has(core::Role::place_admin))
    return Error::forbidden("Only a place or site administrator can choose organisation administrators.");
  auto conn = db.acquire();
  auto m = membership_in(*conn, organisation_id, membership_id);
  if (!m) return m.error();
  if (m->status != "approved") return Error::conflict("Only an approved member can be an organisation administrator.");
  if (m->admin == admin) return core::ok_status();
  core::Transaction tx(*conn);
  store::set_membership_admin(*conn, m->id, admin);
  store::bump_privilege_version(*conn, m->user_id);
  auto after = store::try_find_membership(*conn, m->id);
  core::audit::record(*conn, core::audit::Actor::from(who, 0, from.request_id),
                      {"update", "membership", std::to_string(m->id), membership_json(*m), membership_json(*after)});
  tx.commit();
  return core::ok_status();
}

}  // namespace goldthread::accounts
