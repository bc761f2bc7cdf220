// `goldthread user create`: the first site administrator comes from here. Registered from
// accounts_module.cpp.
#include <iostream>

#include "accounts/accounts.hpp"
#include "core/command.hpp"
#include "core/registry.hpp"

namespace goldthread::accounts {
namespace {

int create_user_command(core::CommandInput& in) {
  auto& err = *in.err;
  NewUser user{in.value("--name"), in.value("--email"), "", {}};
  for (const auto& r : in.values("--role")) {
    core::Role role;
    if (!core::parse_role(r, role)) {
      err << "goldthread: unknown role '" << r << "' (project-lead, moderator, place-admin, site-admin)\n";
      return 2;
    }
    user.roles.push_back(role);
  }
  std::getline(*in.in, user.password);
  if (!user.password.empty() && user.password.back() == '\r') user.password.pop_back();
  auto db = in.open_database();
  if (!db) return 1;
  auto id = create_user(*db, core::audit::Actor{}, user);
  if (!id) {
    err << "goldthread: " << id.error().message << "\n";
    for (const auto& f : id.error().fields) err << "  " << f.field << ": " << f.message << "\n";
    return 1;
  }
  *in.out << "Created user " << *id << " (" << user.email << ")\n";
  return 0;
}

}  // namespace

void register_commands(core::Registry& r) {
  using core::CommandArg;
  r.add_command_group({{"user"}, "Manage user accounts"});
  r.add_command(
      {{"user", "create"},
       "Create a user (the password is read from standard input)",
       {CommandArg::option("--name", "Full name", true), CommandArg::option("--email", "E-mail address", true),
        CommandArg::repeated("--role", "Role: project-lead, moderator, place-admin, site-admin (repeatable)"),
        CommandArg::flag("--password-stdin", "Read the password from standard input (the default)")},
       create_user_command});
}

}  // namespace goldthread::accounts
