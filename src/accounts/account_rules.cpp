#include "accounts/account_rules.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <set>

#include "accounts/account.hpp"

namespace goldthread::accounts {
namespace {

std::mutex g_mu;
Limits g_limits;  // GUARDED_BY(g_mu): tests change it while server threads read it
std::set<std::string> g_common = {"password",   "password1", "password123", "123456789", "1234567890",
                                  "qwertyuiop", "iloveyou",  "letmein123",  "passw0rd",  "qwerty123"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool has_control(const std::string& s) {
  return !core::is_valid_utf8(s) || core::has_control_characters(s);
}

}  // namespace

const char* status_name(MembershipStatus s) {
  switch (s) {
    case MembershipStatus::pending:
      return "pending";
    case MembershipStatus::approved:
      return "approved";
    case MembershipStatus::declined:
      return "declined";
  }
  return "pending";
}

Limits limits() {
  std::lock_guard lock(g_mu);
  return g_limits;
}
void set_limits_for_test(const Limits& l) {
  std::lock_guard lock(g_mu);
  g_limits = l;
}

std::string normalise_email(const std::string& s) {
  return lower(trim(s));
}

bool looks_like_email(const std::string& e) {
  if (e.empty() || e.size() > kMaxEmailLength || has_control(e)) return false;
  if (e.find(' ') != std::string::npos) return false;
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  auto domain = e.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && domain.back() != '.';
}

void check_name(const std::string& name, const std::string& field, std::vector<core::FieldError>& out) {
  auto n = trim(name);
  if (n.empty())
    out.push_back({field, "Enter your full name"});
  else if (core::utf8_length(n) > kMaxNameLength)
    out.push_back({field, "Your name must be 100 characters or fewer"});
  else if (has_control(n))
    out.push_back({field, "Your name must only include letters, spaces and punctuation"});
}

void check_email(const std::string& email, const std::string& field, std::vector<core::FieldError>& out) {
  auto e = normalise_email(email);
  if (e.empty())
    out.push_back({field, "Enter your e-mail address"});
  else if (!looks_like_email(e))
    out.push_back({field, "Enter an e-mail address in the correct format, like name@example.com"});
}

void check_new_password(const std::string& password, const std::string& email, const std::string& field,
                        std::vector<core::FieldError>& out) {
  if (password.empty())
    out.push_back({field, "Enter a password"});
  else if (password.size() < kMinPasswordLength)
    out.push_back({field, "Your password must be at least 10 characters long"});
  else if (password.size() > kMaxPasswordLength)
    out.push_back({field, "Your password must be 256 characters or fewer"});
  else if (is_common_password(password))
    out.push_back({field, "This password is too common. Choose a password that is harder to guess"});
  else if (!email.empty() && lower(password).find(normalise_email(email)) != std::string::npos)
    out.push_back({field, "Your password must not contain your e-mail address"});
}

std::size_t load_common_passwords(const std::string& path) {
  std::ifstream in(path);
  if (!in) return 0;
  std::set<std::string> words;
  for (std::string line; std::getline(in, line);) {
    line = trim(line);
    if (!line.empty() && line[0] != '#') words.insert(lower(line));
  }
  std::lock_guard lock(g_mu);
  if (!words.empty()) g_common = std::move(words);
  return g_common.size();
}

bool is_common_password(const std::string& password) {
  auto p = lower(password);
  std::lock_guard lock(g_mu);
  return g_common.count(p) > 0;
}

std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.size() > 2000) return "/account";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/account";
  if (has_control(next)) return "/account";
  return next;
}

std::vector<core::Role> assignable_roles() {
  return {core::Role::project_lead, core::Role::moderator, core::Role::place_admin, core::Role::site_admin};
}

bool may_assign(const core::Principal& actor, core::Role role) {
  if (actor.has(core::Role::site_admin)) return true;
  return actor.has(core::Role::place_admin) && role != core::Role::site_admin && role != core::Role::place_admin;
}

bool may_change_roles_of(const core::Principal& actor, const std::vector<core::Role>& target_roles) {
  if (actor.has(core::Role::site_admin)) return true;
  return std::find(target_roles.begin(), target_roles.end(), core::Role::site_admin) == target_roles.end();
}

}  // namespace goldthread::accounts
