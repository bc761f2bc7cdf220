#pragma once
// The route × role table (tests only). Every registered route needs a row, or
// src/accounts/accounts_routes_http_test.cpp (which enumerates every registered route, of
// every module) fails: a new route cannot ship without saying who may use it and being
// checked against the real server. Each module's HTTP test adds its own rows (core's in
// src/core/core_http_test.cpp, places' in src/places/places_http_test.cpp, ...):
//
//   static goldthread::testing::RouteSamples kRows({
//       {"GET", "/pledges/{id}", "anyone", "/pledges/1"},
//       {"POST", "/pledges", "signed-in", "/pledges", "title=x"}});
//
// Placeholders in `path`, filled from the test's fixture: {org} (an organisation whose
// organisation-admin persona is admin and partner-member persona a plain member), {user}
// (a resident), {reset_token} (a live password-reset token), {verify_token} (a live e-mail
// confirmation link of that resident).
// Personas: anonymous, resident, partner-member, organisation-admin, project-lead, moderator,
// place-admin, site-admin.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace goldthread::core {
class Database;
}

namespace goldthread::testing {

struct RouteSample {
  std::string method, pattern;  // exactly as registered
  std::string access;           // the expected core::Access::describe(): anyone, signed-in, role|role
  std::string path;             // a concrete address to call
  std::string body = "";        // form body for POST (the CSRF token is added)
  // Personas the route's rule lets in but the handler refuses with 403 (finer checks, such
  // as "admin of this organisation").
  std::vector<std::string> handler_denies = {};
};

inline std::vector<RouteSample>& route_samples() {
  static std::vector<RouteSample> rows;
  return rows;
}

// Registers rows during static initialisation of the test binary.
struct RouteSamples {
  explicit RouteSamples(std::vector<RouteSample> rows) {
    for (auto& r : rows) route_samples().push_back(std::move(r));
  }
};

// A placeholder a module's HTTP test fills itself from the running server's database, for a
// row whose address names bundled data by id (looked up, never assumed: seeding order moves
// ids). The route matrix and the hostile-input walk apply every lookup after the fixture's
// own placeholders:
//
//   static goldthread::testing::RoutePlaceholder kAction("{readiness_action}", [](core::Database& db) {
//     return std::to_string(example_action_id(db));
//   });
using PlaceholderLookup = std::function<std::string(core::Database&)>;

inline std::vector<std::pair<std::string, PlaceholderLookup>>& placeholder_lookups() {
  static std::vector<std::pair<std::string, PlaceholderLookup>> lookups;
  return lookups;
}

struct RoutePlaceholder {
  RoutePlaceholder(std::string key, PlaceholderLookup lookup) {
    placeholder_lookups().emplace_back(std::move(key), std::move(lookup));
  }
};

// `path` with every registered lookup's placeholder replaced (each looked up only when present).
inline std::string fill_lookups(std::string path, core::Database& db) {
  for (const auto& [key, lookup] : placeholder_lookups()) {
    auto at = path.find(key);
    if (at == std::string::npos) continue;
    const auto value = lookup(db);
    for (; at != std::string::npos; at = path.find(key)) path.replace(at, key.size(), value);
  }
  return path;
}

}  // namespace goldthread::testing
