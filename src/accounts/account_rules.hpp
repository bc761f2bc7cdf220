#pragma once
// Validation and small decisions for accounts: pure functions (the common-password list is
// loaded once from data/common-passwords.txt).
#include <optional>
#include <string>
#include <vector>

#include "core/auth.hpp"
#include "core/result.hpp"
#include "core/text.hpp"

namespace goldthread::accounts {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMaxEmailLength = 254;

using core::trim;
std::string normalise_email(const std::string& s);  // trimmed, lower-case
bool looks_like_email(const std::string& normalised);

// Each appends a FieldError for `field` when the value is not acceptable.
void check_name(const std::string& name, const std::string& field, std::vector<core::FieldError>& out);
void check_email(const std::string& email, const std::string& field, std::vector<core::FieldError>& out);
// Length, the common-password list, and not the person's own e-mail address.
void check_new_password(const std::string& password, const std::string& email, const std::string& field,
                        std::vector<core::FieldError>& out);

// Loads the list (one password a line, '#' comments); returns the number loaded. Without it a
// built-in short list is used.
std::size_t load_common_passwords(const std::string& path);
bool is_common_password(const std::string& password);

// A safe place to go after signing in: a local path only ("/…", not "//…"), else "/account".
std::string safe_next(const std::string& next);

// Roles an administrator sets by hand (resident is implied, partner member comes from memberships).
std::vector<core::Role> assignable_roles();
// May `actor` give or take away `role`? Only a site admin manages site admins.
bool may_assign(const core::Principal& actor, core::Role role);

}  // namespace goldthread::accounts
