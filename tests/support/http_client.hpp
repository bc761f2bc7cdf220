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

// A GET left open on a raw socket, as an EventSource holds one (Accept: text/event-stream):
// the constructor sends the request and reads the response head (up to 2 s).
class OpenStream {
 public:
  OpenStream(std::uint16_t port, const std::string& target);
  ~OpenStream();
  OpenStream(const OpenStream&) = delete;
  OpenStream& operator=(const OpenStream&) = delete;
  int status() const { return status_; }
  const std::string& head() const { return head_; }  // status line and headers, as sent
  // Reads until what arrived after the head contains `needle` or `within_ms` pass.
  bool wait_for(const std::string& needle, int within_ms);
  const std::string& received() const { return body_; }
  void close();

 private:
  int fd_ = -1;
  int status_ = 0;
  std::string head_, body_;
};

}  // namespace goldthread::testing
