#pragma once
// Everything a handler may use for one request. Handlers take a Context& and return a
// Response value; they never see the socket.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/auth.hpp"
#include "core/http.hpp"
#include "core/result.hpp"

namespace goldthread::core {

class App;
class Database;

// The request body's fields, read once per request (core/form.cpp): an
// application/x-www-form-urlencoded body, or a JSON object whose scalar values (and arrays of
// scalars, one value each) become fields under the same rules. Other types have no fields.
struct Body {
  Params fields;
  std::string problem;              // why the body could not be read ("" = fine), for a 400
  std::vector<std::string> nested;  // JSON fields whose value was an object or a nested array
  std::vector<std::string> lists;   // JSON fields whose value was an array (of scalars)
};

class Context {
 public:
  Context(App& app, Request& req) : app_(app), req_(req) {}

  App& app() { return app_; }
  Database& db();
  Request& request() { return req_; }
  const Request& request() const { return req_; }

  // Path parameter from the route pattern, e.g. "{slug}" → param("slug").
  const std::string& param(const std::string& name) const;
  // Integer path parameter; nullopt when absent or not a positive integer (→ the handler 404s).
  std::optional<std::int64_t> int_param(const std::string& name) const;
  std::optional<std::string> query(const std::string& name) const;
  // The parsed body (urlencoded or JSON), cached: parsed at most once per request.
  const Body& body();
  // Its fields (raw values: read them through core::Form, which checks and trims them).
  const Params& form() { return body().fields; }
  std::string form_value(const std::string& name);

  // True when the client asked for JSON: `Accept: application/json` or the /api/v1 alias.
  bool wants_json() const { return json_; }

  Principal principal;
  std::map<std::string, std::string> params;  // filled by the router
  std::string route_pattern;                   // e.g. "/ambitions/{slug}" (for logs and metrics)
  std::string csrf_token;                      // for forms; set by the accounts middleware
  // Per-request values a middleware shares between its before() and after() and the handler
  // (e.g. a rotated session id to send as a cookie). Keys are prefixed with the module name.
  std::map<std::string, std::string> locals;
  bool json_ = false;

 private:
  App& app_;
  Request& req_;
  std::optional<Body> body_;
};

}  // namespace goldthread::core
