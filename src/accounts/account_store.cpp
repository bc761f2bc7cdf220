#include "accounts/account_store.hpp"

#include <algorithm>

#include "accounts/account_crypto.hpp"
#include "accounts/accounts.hpp"
#include "core/text.hpp"

namespace goldthread::accounts::store {
namespace {

constexpr const char* kUserCols =
    "id, email, name, password_hash, created_at, updated_at, deleted_at, privilege_version, email_verified_at";

User user_from(const core::Row& r, std::size_t o = 0) {
  User u;
  u.id = r.integer(o);
  u.email = r.text(o + 1);
  u.name = r.text(o + 2);
  u.password_hash = r.text(o + 3);
  u.created_at = r.text(o + 4);
  u.updated_at = r.text(o + 5);
  u.deleted = !r.is_null(o + 6);
  u.privilege_version = r.integer(o + 7);
  u.email_verified = !r.is_null(o + 8);
  return u;
}

constexpr const char* kMemberCols =
    "m.id, m.user_id, m.organisation_id, m.status, m.admin, m.requested_at, m.decided_at, u.name, u.email, "
    "u.deleted_at";

MembershipRecord membership_from(const core::Row& r) {
  MembershipRecord m;
  m.id = r.integer(0);
  m.user_id = r.integer(1);
  m.organisation_id = r.integer(2);
  m.status = r.text(3);
  m.admin = r.integer(4) != 0;
  m.requested_at = r.text(5);
  m.decided_at = r.text(6);
  m.user_name = r.text(7);
  m.user_email = r.text(8);
  m.user_deleted = !r.is_null(9);
  return m;
}

std::vector<MembershipRecord> memberships_where(core::Connection& c, const std::string& where, std::int64_t v) {
  std::vector<MembershipRecord> out;
  auto rs =
      c.query(std::string("SELECT ") + kMemberCols + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE " +
                  where + " ORDER BY m.requested_at, m.id",
              {v});
  for (const auto& r : rs.rows) out.push_back(membership_from(r));
  return out;
}

std::string like_pattern(const std::string& s) {
  return core::like_contains(s);
}

}  // namespace

std::int64_t insert_user(core::Connection& c, const std::string& email, const std::string& name,
                         const std::string& password_hash, bool verified) {
  auto now = iso_now();
  auto rs = c.query(
      "INSERT INTO users (email, name, password_hash, created_at, updated_at, email_verified_at) VALUES (?, ?, ?, ?, "
      "?, ?) RETURNING id",
      {email, name, password_hash, now, now, verified ? core::Value(now) : core::Value(nullptr)});
  return rs.rows.at(0).integer(0);
}

std::optional<User> try_find_user(core::Connection& c, std::int64_t id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ?", {id}));
  if (!r) return std::nullopt;
  return user_from(*r);
}

std::optional<User> try_find_user_by_email(core::Connection& c, const std::string& email) {
  auto r = core::first_row(
      c.query(std::string("SELECT ") + kUserCols + " FROM users WHERE email = ? AND deleted_at IS NULL", {email}));
  if (!r) return std::nullopt;
  return user_from(*r);
}

void update_profile(core::Connection& c, std::int64_t id, const std::string& name, const std::string& email) {
  c.query("UPDATE users SET name = ?, email = ?, updated_at = ? WHERE id = ?", {name, email, iso_now(), id});
}

std::string sample_password_hash(core::Connection& c) {
  auto r =
      core::first_row(c.query("SELECT password_hash FROM users WHERE password_hash <> '' ORDER BY id DESC LIMIT 1"));
  return r ? r->text(0) : "";
}

void set_password_hash(core::Connection& c, std::int64_t id, const std::string& hash) {
  c.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, iso_now(), id});
}

void anonymise_user(core::Connection& c, std::int64_t id) {
  auto now = iso_now();
  c.query(
      "UPDATE users SET name = 'deleted user', email = ?, password_hash = '', area_code = '', updated_at = ?, "
      "deleted_at = ? WHERE id = ?",
      {"deleted-" + std::to_string(id) + "@invalid", now, now, id});
  c.query("DELETE FROM user_roles WHERE user_id = ?", {id});
  c.query("DELETE FROM password_resets WHERE user_id = ?", {id});
  c.query("DELETE FROM email_verifications WHERE user_id = ?", {id});
}

std::vector<User> list_users(core::Connection& c, const std::string& search, int limit, int offset) {
  std::vector<User> out;
  auto rs = c.query(std::string("SELECT ") + kUserCols +
                        " FROM users WHERE deleted_at IS NULL AND (lower(name) LIKE ? ESCAPE '\\' OR email LIKE ? "
                        "ESCAPE '\\') ORDER BY name, id LIMIT ? OFFSET ?",
                    {like_pattern(search), like_pattern(search), std::int64_t{limit}, std::int64_t{offset}});
  for (const auto& r : rs.rows) out.push_back(user_from(r));
  return out;
}

std::int64_t count_users(core::Connection& c, const std::string& search) {
  return c
      .query(
          "SELECT count(*) FROM users WHERE deleted_at IS NULL AND (lower(name) LIKE ? ESCAPE '\\' OR email LIKE ? "
          "ESCAPE '\\')",
          {like_pattern(search), like_pattern(search)})
      .rows.at(0)
      .integer(0);
}

std::vector<core::Role> roles_of(core::Connection& c, std::int64_t user_id) {
  std::vector<core::Role> out;
  for (const auto& r : c.query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {user_id}).rows) {
    core::Role role;
    if (core::parse_role(r.text(0), role)) out.push_back(role);
  }
  return out;
}

Privileges privileges_of(core::Connection& c, std::int64_t user_id) {
  Privileges out;
  auto rs = c.query(
      "SELECT 0 AS kind, role, 0 AS organisation_id, 0 AS admin, '' AS requested_at, 0 AS id FROM user_roles "
      "WHERE user_id = ? UNION ALL SELECT 1, '', organisation_id, admin, requested_at, id FROM memberships "
      "WHERE user_id = ? AND status = 'approved' ORDER BY kind, role, requested_at, id",
      {user_id, user_id});
  for (const auto& r : rs.rows) {
    if (r.integer(0) == 0) {
      core::Role role;
      if (core::parse_role(r.text(1), role)) out.roles.push_back(role);
    } else {
      out.memberships.emplace_back(r.integer(2), r.integer(3) != 0);
    }
  }
  return out;
}

void set_roles(core::Connection& c, std::int64_t user_id, const std::vector<core::Role>& roles) {
  c.query("DELETE FROM user_roles WHERE user_id = ?", {user_id});
  for (auto role : roles)
    c.query("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {user_id, std::string(core::role_name(role))});
}

void bump_privilege_version(core::Connection& c, std::int64_t user_id) {
  c.query("UPDATE users SET privilege_version = privilege_version + 1 WHERE id = ?", {user_id});
}

void insert_session(core::Connection& c, const std::string& id_hash, std::int64_t user_id,
                    const std::string& csrf_token, const std::string& expires_at) {
  auto now = iso_now();
  c.query("DELETE FROM sessions WHERE expires_at < ?", {now});
  c.query(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, privilege_version, created_at, last_seen_at, "
      "expires_at) SELECT ?, id, ?, privilege_version, ?, ?, ? FROM users WHERE id = ?",
      {id_hash, csrf_token, now, now, expires_at, user_id});
}

std::optional<SessionRecord> try_find_session(core::Connection& c, const std::string& id_hash) {
  auto r = core::first_row(
      c.query("SELECT s.id_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.privilege_version, u.id, "
              "u.email, u.name, u.password_hash, u.created_at, u.updated_at, u.deleted_at, u.privilege_version, "
              "u.email_verified_at "
              "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?",
              {id_hash}));
  if (!r) return std::nullopt;
  SessionRecord s;
  s.id_hash = r->text(0);
  s.csrf_token = r->text(1);
  s.created_at = r->text(2);
  s.last_seen_at = r->text(3);
  s.expires_at = r->text(4);
  s.privilege_version = r->integer(5);
  s.user = user_from(*r, 6);
  return s;
}

void touch_session(core::Connection& c, const std::string& id_hash) {
  c.query("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", {iso_now(), id_hash});
}

void delete_session(core::Connection& c, const std::string& id_hash) {
  c.query("DELETE FROM sessions WHERE id_hash = ?", {id_hash});
}

std::int64_t delete_sessions_of(core::Connection& c, std::int64_t user_id) {
  return c.query("DELETE FROM sessions WHERE user_id = ?", {user_id}).changes;
}

std::int64_t count_sessions_of(core::Connection& c, std::int64_t user_id) {
  return c.query("SELECT count(*) FROM sessions WHERE user_id = ?", {user_id}).rows.at(0).integer(0);
}

void insert_reset(core::Connection& c, const std::string& token_hash, std::int64_t user_id,
                  const std::string& expires_at) {
  c.query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
          {token_hash, user_id, iso_now(), expires_at});
}

std::optional<std::int64_t> try_valid_reset(core::Connection& c, const std::string& token_hash) {
  auto r = core::first_row(
      c.query("SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
              {token_hash, iso_now()}));
  if (!r) return std::nullopt;
  return r->integer(0);
}

bool claim_reset(core::Connection& c, const std::string& token_hash) {
  auto now = iso_now();
  return c.query("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                 {now, token_hash, now})
             .changes == 1;
}

void use_resets_of(core::Connection& c, std::int64_t user_id) {
  c.query("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", {iso_now(), user_id});
}

std::string area_of(core::Connection& c, std::int64_t id) {
  auto rs = c.query("SELECT area_code FROM users WHERE id = ? AND deleted_at IS NULL", {id});
  return rs.rows.empty() ? std::string() : rs.rows[0].text(0);
}

void set_area(core::Connection& c, std::int64_t id, const std::string& area_code) {
  c.query("UPDATE users SET area_code = ?, updated_at = ? WHERE id = ?", {area_code, iso_now(), id});
}

void set_email_verified(core::Connection& c, std::int64_t id) {
  c.query("UPDATE users SET email_verified_at = ? WHERE id = ?", {iso_now(), id});
}

void change_email(core::Connection& c, std::int64_t id, const std::string& email) {
  auto now = iso_now();
  c.query("UPDATE users SET email = ?, email_verified_at = ?, updated_at = ? WHERE id = ?", {email, now, now, id});
}

void insert_verification(core::Connection& c, const std::string& token_hash, std::int64_t user_id,
                         const std::string& email, const std::string& expires_at) {
  c.query("INSERT INTO email_verifications (token_hash, user_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          {token_hash, user_id, email, iso_now(), expires_at});
}

std::optional<Verification> try_valid_verification(core::Connection& c, const std::string& token_hash) {
  auto r = core::first_row(c.query(
      "SELECT user_id, email FROM email_verifications WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
      {token_hash, iso_now()}));
  if (!r) return std::nullopt;
  return Verification{r->integer(0), r->text(1)};
}

bool claim_verification(core::Connection& c, const std::string& token_hash) {
  auto now = iso_now();
  return c.query(
              "UPDATE email_verifications SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND "
              "expires_at > ?",
              {now, token_hash, now})
             .changes == 1;
}

void use_verifications_of(core::Connection& c, std::int64_t user_id) {
  c.query("UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND used_at IS NULL", {iso_now(), user_id});
}

void lock_attempt_keys(core::Connection& c, const std::string& kind, std::vector<std::string> keys) {
  if (c.engine() != core::Engine::postgres) return;
  std::sort(keys.begin(), keys.end());  // one order for everyone: no deadlock between two requests
  for (const auto& k : keys) c.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", {kind + " " + k});
}

std::int64_t add_attempt(core::Connection& c, const std::string& kind, const std::string& key) {
  // Attempts older than a day never count towards a limit: forget them (privacy notice).
  c.query("DELETE FROM auth_attempts WHERE occurred_at < ?", {iso(now() - std::chrono::hours(24))});
  return c
      .query("INSERT INTO auth_attempts (kind, attempt_key, occurred_at) VALUES (?, ?, ?) RETURNING id",
             {kind, key, iso_now()})
      .rows.at(0)
      .integer(0);
}

void delete_attempt(core::Connection& c, std::int64_t id) {
  c.query("DELETE FROM auth_attempts WHERE id = ?", {id});
}

std::int64_t count_attempts(core::Connection& c, const std::string& kind, const std::string& key,
                            const std::string& since) {
  return c
      .query("SELECT count(*) FROM auth_attempts WHERE kind = ? AND attempt_key = ? AND occurred_at > ?",
             {kind, key, since})
      .rows.at(0)
      .integer(0);
}

void clear_attempts(core::Connection& c, const std::string& kind, const std::string& key) {
  c.query("DELETE FROM auth_attempts WHERE kind = ? AND attempt_key = ?", {kind, key});
}

std::optional<MembershipRecord> try_find_membership(core::Connection& c, std::int64_t id) {
  auto v = memberships_where(c, "m.id = ?", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<MembershipRecord> try_find_membership_of(core::Connection& c, std::int64_t user_id,
                                                       std::int64_t organisation_id) {
  auto r = core::first_row(
      c.query("SELECT id FROM memberships WHERE user_id = ? AND organisation_id = ?", {user_id, organisation_id}));
  if (!r) return std::nullopt;
  return try_find_membership(c, r->integer(0));
}

std::int64_t insert_membership(core::Connection& c, std::int64_t user_id, std::int64_t organisation_id) {
  return c
      .query(
          "INSERT INTO memberships (user_id, organisation_id, status, admin, requested_at) VALUES (?, ?, "
          "'pending', 0, ?) RETURNING id",
          {user_id, organisation_id, iso_now()})
      .rows.at(0)
      .integer(0);
}

void reopen_membership(core::Connection& c, std::int64_t id) {
  c.query(
      "UPDATE memberships SET status = 'pending', admin = 0, requested_at = ?, decided_at = NULL, "
      "decided_by = NULL WHERE id = ?",
      {iso_now(), id});
}

void decide_membership(core::Connection& c, std::int64_t id, MembershipStatus status, std::int64_t by) {
  c.query("UPDATE memberships SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
          {std::string(status_name(status)), iso_now(), by, id});
}

void set_membership_admin(core::Connection& c, std::int64_t id, bool admin) {
  c.query("UPDATE memberships SET admin = ? WHERE id = ?", {std::int64_t{admin ? 1 : 0}, id});
}

std::vector<MembershipRecord> memberships_of_user(core::Connection& c, std::int64_t user_id) {
  return memberships_where(c, "m.user_id = ?", user_id);
}

std::vector<MembershipRecord> memberships_of_organisation(core::Connection& c, std::int64_t organisation_id) {
  return memberships_where(c, "m.organisation_id = ?", organisation_id);
}

std::map<std::int64_t, std::int64_t> pending_memberships_by_organisation(core::Connection& c) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r :
       c.query("SELECT organisation_id, count(*) FROM memberships WHERE status = 'pending' GROUP BY organisation_id",
               {})
           .rows)
    out[r.integer(0)] = r.integer(1);
  return out;
}

void delete_memberships_of(core::Connection& c, std::int64_t user_id) {
  c.query("DELETE FROM memberships WHERE user_id = ?", {user_id});
}

std::string secret(core::Connection& c, const std::string& name) {
  if (auto r = core::first_row(c.query("SELECT secret FROM account_secrets WHERE name = ?", {name}))) return r->text(0);
  c.query("INSERT INTO account_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
          {name, random_token(32)});
  return c.query("SELECT secret FROM account_secrets WHERE name = ?", {name}).rows.at(0).text(0);
}

}  // namespace goldthread::accounts::store

namespace goldthread::accounts {

std::map<std::int64_t, Person> people_by_id(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Person> out;
  // In chunks, so a list of thousands stays a handful of statements of bounded size.
  constexpr std::size_t kChunk = 200;
  for (std::size_t at = 0; at < ids.size(); at += kChunk) {
    std::string marks;
    std::vector<core::Value> params;
    for (std::size_t i = at; i < std::min(ids.size(), at + kChunk); ++i) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(ids[i]);
    }
    for (const auto& r :
         c.query("SELECT id, name, email, deleted_at FROM users WHERE id IN (" + marks + ")", params).rows)
      out[r.integer(0)] = r.is_null(3) ? Person{r.text(1), r.text(2)} : Person{"deleted user", ""};
  }
  return out;
}

std::map<std::int64_t, std::string> emails_of(core::Connection& c, const std::vector<std::int64_t>& user_ids) {
  std::map<std::int64_t, std::string> out;
  for (auto& [id, person] : people_by_id(c, user_ids))
    if (!person.email.empty()) out[id] = std::move(person.email);
  return out;
}

}  // namespace goldthread::accounts
