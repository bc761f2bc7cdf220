#pragma once
// Domain types of the accounts capability: plain structs, no I/O.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth.hpp"

namespace goldthread::accounts {

struct User {
  std::int64_t id = 0;
  std::string email, name, password_hash, created_at, updated_at;
  bool deleted = false;
  std::int64_t privilege_version = 0;
  bool email_verified = false;  // the address was confirmed by a link sent to it
};

// A live session joined to its user (for the middleware).
struct SessionRecord {
  std::string id_hash, csrf_token, created_at, last_seen_at, expires_at;
  std::int64_t privilege_version = 0;  // the user's version when the session was made
  User user;
};

enum class MembershipStatus { pending, approved, declined };
const char* status_name(MembershipStatus s);

struct MembershipRecord {
  std::int64_t id = 0, user_id = 0, organisation_id = 0;
  std::string status;  // pending | approved | declined
  bool admin = false;
  std::string requested_at, decided_at;
  std::string user_name, user_email, organisation_name;  // filled where joined
  bool user_deleted = false;                             // the member's account was deleted
};

// Numbers behind the abuse limits (docs/DECISIONS.md ("Accounts")).
struct Limits {
  // Failed sign-ins are limited per account *and* address, so that a stranger cannot lock the
  // owner out from elsewhere; a higher ceiling per account bounds guessing from many
  // addresses (docs/DECISIONS.md, "Sign-in limits").
  int sign_in_per_account_address = 10;  // failed sign-ins for one e-mail address from one client address
  int sign_in_per_account = 100;         // failed sign-ins for one e-mail address from all client addresses
  int sign_in_per_address = 50;          // failed sign-ins per client address in the window
  std::chrono::seconds sign_in_window{15 * 60};
  int reset_per_account = 3;   // reset requests per e-mail address in the window
  int reset_per_address = 20;  // reset requests per client address in the window
  std::chrono::seconds reset_window{60 * 60};
  int sign_up_per_address = 20;  // sign-ups per client address in the window
  std::chrono::seconds sign_up_window{60 * 60};
};
Limits limits();  // a copy: thread-safe against set_limits_for_test
void set_limits_for_test(const Limits& l);

// Session and token lifetimes.
inline constexpr std::chrono::seconds kSessionIdle{60 * 60};           // 1 hour without a request
inline constexpr std::chrono::seconds kSessionAbsolute{12 * 60 * 60};  // 12 hours after sign-in
inline constexpr std::chrono::seconds kSessionTouchEvery{60};          // last_seen_at write interval
inline constexpr std::chrono::seconds kResetLifetime{60 * 60};         // reset links work for 1 hour
inline constexpr std::chrono::seconds kVerifyLifetime{24 * 60 * 60};   // e-mail confirmation links: 1 day
inline constexpr int kEmailChangesPerHour = 5;                         // change requests (and resends) per account

inline constexpr const char* kSessionCookie = "gt_session";
inline constexpr const char* kCsrfCookie = "gt_csrf";

}  // namespace goldthread::accounts
