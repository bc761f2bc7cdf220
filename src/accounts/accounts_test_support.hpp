#pragma once
// Test builders for the accounts tests (store, HTTP and route matrix): users, organisations,
// principals and a cookie-keeping HTTP client.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/account_crypto.hpp"
#include "accounts/account_service.hpp"
#include "accounts/account_store.hpp"
#include "accounts/accounts.hpp"
#include "partners/partners.hpp"
#include "support/http_client.hpp"

namespace goldthread::accounts::testing {

// Who makes a request in the route tests: a role's name, and the user (0: nobody signed in).
struct Persona {
  std::string name;
  std::int64_t user_id = 0;  // 0 = anonymous
};

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

inline constexpr const char* kPassword = "tidal-lantern-mossy";

inline std::int64_t make_user(core::Database& db, const std::string& email, std::vector<core::Role> roles = {},
                              const std::string& name = "") {
  use_fast_password_hashing_for_test();
  auto id = create_user(db, core::audit::Actor{},
                        {name.empty() ? email.substr(0, email.find('@')) : name, email, kPassword, std::move(roles)});
  if (!id) throw std::runtime_error("make_user: " + id.error().message);
  return *id;
}

inline std::int64_t make_organisation(core::Database& db, const std::string& name) {
  auto o = partners::create_organisation(db, core::audit::Actor{}, {name, "voluntary-community", "", "", "", {}});
  if (!o) throw std::runtime_error("make_organisation: " + o.error().message);
  return o->id;
}

// The principal the middleware would build (roles and memberships from the database).
inline core::Principal principal_of(core::Database& db, std::int64_t user_id) {
  auto conn = db.acquire();
  auto u = store::try_find_user(*conn, user_id);
  core::Principal p;
  p.user_id = user_id;
  p.name = u ? u->name : "";
  p.email = u ? u->email : "";
  p.roles = {core::Role::resident};
  for (auto r : store::roles_of(*conn, user_id)) p.roles.push_back(r);
  for (const auto& m : store::memberships_of_user(*conn, user_id))
    if (m.status == "approved") p.memberships.push_back({m.organisation_id, "", m.admin});
  if (!p.memberships.empty()) p.roles.push_back(core::Role::partner_member);
  return p;
}

inline Origin test_origin(const std::string& address = "192.0.2.1") {
  return {address, "http://test", "req"};
}

// Approved membership (optionally organisation admin), done as a site admin would.
inline void make_member(core::Database& db, std::int64_t user_id, std::int64_t org_id, bool admin = false) {
  core::Principal site;
  site.user_id = 0;
  site.name = "test";
  site.roles = {core::Role::site_admin};
  if (!ask_to_join(db, principal_of(db, user_id), org_id, test_origin())) throw std::runtime_error("ask_to_join");
  std::int64_t mid = 0;
  {
    auto conn = db.acquire();
    mid = store::try_find_membership_of(*conn, user_id, org_id)->id;
  }
  if (!decide_membership(db, site, org_id, mid, true, test_origin())) throw std::runtime_error("decide");
  if (admin && !set_organisation_admin(db, site, org_id, mid, true, test_origin())) throw std::runtime_error("admin");
}

// A browser stand-in: keeps cookies, finds the CSRF token from the JSON twin of a page.
struct Client {
  std::uint16_t port = 0;
  std::map<std::string, std::string> cookies;

  std::map<std::string, std::string> headers(bool json) const {
    std::map<std::string, std::string> h;
    std::string c;
    for (const auto& [k, v] : cookies) c += (c.empty() ? "" : "; ") + k + "=" + v;
    if (!c.empty()) h["Cookie"] = c;
    if (json) h["Accept"] = "application/json";
    return h;
  }
  void keep(const goldthread::testing::HttpReply& r) {
    auto sc = r.header("set-cookie");
    if (sc.empty()) return;
    auto eq = sc.find('='), semi = sc.find(';');
    auto name = sc.substr(0, eq), value = sc.substr(eq + 1, semi - eq - 1);
    if (value.empty() || sc.find("Max-Age=0") != std::string::npos)
      cookies.erase(name);
    else
      cookies[name] = value;
  }
  goldthread::testing::HttpReply get(const std::string& path, bool json = false) {
    auto r = goldthread::testing::http_request(port, "GET", path, headers(json));
    keep(r);
    return r;
  }
  goldthread::testing::HttpReply post(const std::string& path, const std::string& form, bool json = false) {
    auto h = headers(json);
    h["Content-Type"] = "application/x-www-form-urlencoded";
    auto r = goldthread::testing::http_request(port, "POST", path, h, form);
    keep(r);
    return r;
  }
  // The token for the next form: from /account when signed in, else from /sign-in.
  std::string csrf() {
    auto r = get("/account", true);
    if (r.status != 200) r = get("/sign-in", true);
    return nlohmann::json::parse(r.body).value("csrf_token", "");
  }
  goldthread::testing::HttpReply submit(const std::string& path, const std::string& form, bool json = false) {
    return post(path, "csrf_token=" + core::url_encode(csrf()) + (form.empty() ? "" : "&" + form), json);
  }
  bool sign_in(const std::string& email, const std::string& password = kPassword) {
    auto r = submit("/sign-in", "email=" + core::url_encode(email) + "&password=" + core::url_encode(password));
    return r.status == 303;
  }
};

// A route-table path with its placeholders ("{org}", "{user}", …) replaced.
inline std::string fill_placeholders(std::string path, const std::map<std::string, std::string>& values) {
  for (const auto& [key, v] : values)
    for (auto at = path.find(key); at != std::string::npos; at = path.find(key)) path.replace(at, key.size(), v);
  return path;
}

// A client with a new session for `user_id` made in the database (0: anonymous), so a test
// can act as a persona without signing in through the form.
inline Client session_client(std::uint16_t port, core::Database& db, std::int64_t user_id) {
  Client c;
  c.port = port;
  if (user_id != 0) {
    auto conn = db.acquire();
    c.cookies[kSessionCookie] = start_session(*conn, user_id).token;
  }
  return c;
}

// A client already signed in as `email` (with the test password).
inline Client signed_in_client(std::uint16_t port, const std::string& email) {
  Client c{port, {}};
  EXPECT_TRUE(c.sign_in(email)) << email;
  return c;
}

}  // namespace goldthread::accounts::testing
