#pragma once
// The route × role table (tests only). Every registered route needs a row, or
// accounts_routes_http_test fails: a new route cannot ship without saying who may use it and
// being checked against the real server. Each module's HTTP test adds its rows:
//
//   static accounts::testing::RouteSamples kRows({
//       {"GET", "/pledges/{id}", "anyone", "/pledges/1"},
//       {"POST", "/pledges", "signed-in", "/pledges", "title=x"}});
//
// Placeholders in `path`, filled from the test's fixture: {org} (an organisation whose
// organisation-admin persona is admin and partner-member persona a plain member), {user}
// (a resident), {reset_token} (a live password-reset token), {verify_token} (a live e-mail
// confirmation link of that resident).
// Personas: anonymous, resident, partner-member, organisation-admin, project-lead, moderator,
// place-admin, site-admin.
#include <string>
#include <vector>

namespace goldthread::accounts::testing {

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

}  // namespace goldthread::accounts::testing
