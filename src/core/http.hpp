#pragma once
// goldthread's own request/response types. Beast stays inside server.cpp; everything after
// the session coroutine sees only these.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace goldthread::core {

// Case-insensitive header lookups; names are stored lower-case.
class Headers {
 public:
  void set(std::string_view name, std::string value);
  void add(std::string_view name, std::string value);
  std::optional<std::string_view> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

using Params = std::multimap<std::string, std::string>;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path?query
  std::string path;    // decoded path without query
  Params query;
  Headers headers;
  std::string body;
  std::string remote_addr;
  std::string request_id;
  bool secure = false;  // served over HTTPS (directly or via X-Forwarded-Proto from a trusted proxy)

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // A body written in pieces with chunked transfer encoding, for exports that must run in
  // constant memory: when set, the server ignores `body` and calls `stream(out)` until it
  // returns false; each call appends the next piece (at most about 64 KiB) to `out`.
  std::function<bool(std::string& out)> stream;
  // Server-Sent Events: when not empty, the server answers text/event-stream and keeps the
  // connection open, writing each event published on this topic until the client goes.
  std::string event_topic;

  static Response html(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200, std::string type = "text/plain; charset=utf-8");
  static Response redirect(std::string location, int status = 303);
};

// Adds the headers every response carries (CSP without inline script, nosniff, referrer
// policy, frame-ancestors 'none', HSTS over HTTPS). The app adds them to routed answers and
// the server to its own 400/413/431/503 answers.
void add_security_headers(Response& res, bool secure);

// URL helpers, exposed for tests.
std::string url_decode(std::string_view s, bool plus_as_space);
std::string url_encode(std::string_view s);
Params parse_query(std::string_view qs);
const char* status_reason(int status);

}  // namespace goldthread::core
