#pragma once
// Who is asking, and the rule every route declares about who may use it.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace goldthread::core {

enum class Role { resident, partner_member, project_lead, moderator, place_admin, site_admin };

const char* role_name(Role r);                // "site-admin"
bool parse_role(std::string_view s, Role& out);  // accepts "site-admin" and "site_admin"
std::vector<Role> all_roles();

struct Membership {
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  bool admin = false;
};

struct Principal {
  std::int64_t user_id = 0;  // 0 = anonymous
  std::string name;
  std::string email;
  std::vector<Role> roles;  // a signed-in user always has at least `resident`
  std::vector<Membership> memberships;
  std::string session_id;  // opaque, for CSRF binding
  bool signed_in() const { return user_id != 0; }
  bool has(Role r) const;
};

// A route's access rule. site-admin passes every rule that names roles.
class Access {
 public:
  enum class Kind { anyone, signed_in, any_of };
  static Access anyone() { return Access(Kind::anyone, {}); }
  static Access signed_in() { return Access(Kind::signed_in, {}); }
  static Access any_of(std::initializer_list<Role> roles) { return Access(Kind::any_of, roles); }
  bool allows(const Principal& p) const;
  Kind kind() const { return kind_; }
  const std::vector<Role>& roles() const { return roles_; }
  std::string describe() const;

 private:
  Access(Kind k, std::vector<Role> r) : kind_(k), roles_(std::move(r)) {}
  Kind kind_;
  std::vector<Role> roles_;
};

}  // namespace goldthread::core
