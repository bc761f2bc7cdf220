#include "core/auth.hpp"

#include <algorithm>

namespace goldthread::core {

const char* role_name(Role r) {
  switch (r) {
    case Role::resident: return "resident";
    case Role::partner_member: return "partner-member";
    case Role::project_lead: return "project-lead";
    case Role::moderator: return "moderator";
    case Role::place_admin: return "place-admin";
    case Role::site_admin: return "site-admin";
  }
  return "unknown";
}

std::vector<Role> all_roles() {
  return {Role::resident, Role::partner_member, Role::project_lead, Role::moderator, Role::place_admin, Role::site_admin};
}

bool parse_role(std::string_view s, Role& out) {
  std::string norm(s);
  std::replace(norm.begin(), norm.end(), '_', '-');
  for (Role r : all_roles()) {
    if (norm == role_name(r)) {
      out = r;
      return true;
    }
  }
  return false;
}

bool Principal::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool Access::allows(const Principal& p) const {
  switch (kind_) {
    case Kind::anyone: return true;
    case Kind::signed_in: return p.signed_in();
    case Kind::any_of:
      if (!p.signed_in()) return false;
      if (p.has(Role::site_admin)) return true;
      return std::any_of(roles_.begin(), roles_.end(), [&](Role r) { return p.has(r); });
  }
  return false;
}

std::string Access::describe() const {
  switch (kind_) {
    case Kind::anyone: return "anyone";
    case Kind::signed_in: return "signed-in";
    case Kind::any_of: {
      std::string s;
      for (Role r : roles_) s += (s.empty() ? "" : "|") + std::string(role_name(r));
      return s;
    }
  }
  return "";
}

}  // namespace goldthread::core
