#pragma once
// A small blocking HTTP/1.1 client for the integration tests (Beast stays in the .cpp).
#include <cstdint>
#include <map>
#include <string>

namespace goldthread::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {}, const std::string& body = "");
inline HttpReply http_get(std::uint16_t port, const std::string& target, const std::map<std::string, std::string>& h = {}) {
  return http_request(port, "GET", target, h);
}
// Sends raw bytes and returns whatever comes back before the server closes (or 2 s pass).
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

}  // namespace goldthread::testing
