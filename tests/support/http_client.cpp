#include <utility>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "support/http_client.hpp"

namespace goldthread::testing {
namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers, const std::string& body) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buf;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buf, parser);
  auto& res = parser.get();
  HttpReply out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "set-cookie" && out.headers.count(name)) out.headers[name] += "\n" + std::string(f.value());
    else out.headers[name] = std::string(f.value());
  }
  out.body = std::move(res.body());
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(s, asio::buffer(bytes));
  std::string out;
  char buf[4096];
  struct timeval tv{2, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (;;) {
    beast::error_code ec;
    std::size_t n = s.read_some(asio::buffer(buf), ec);
    if (n > 0) out.append(buf, n);
    if (ec) break;
  }
  return out;
}

OpenStream::OpenStream(std::uint16_t port, const std::string& target) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
  const std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
  if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) < 0) return;
  wait_for("", 2000);  // fills head_ (the empty needle is found as soon as the head is complete)
}

OpenStream::~OpenStream() {
  close();
}

void OpenStream::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool OpenStream::wait_for(const std::string& needle, int within_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(within_ms);
  for (;;) {
    if (status_ != 0 && body_.find(needle) != std::string::npos) return true;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (fd_ < 0 || left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      close();
      continue;
    }
    if (status_ == 0) {
      head_.append(buf, static_cast<std::size_t>(n));
      auto end = head_.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      body_ = head_.substr(end + 4);
      head_.resize(end + 2);
      if (head_.size() > 12) status_ = std::atoi(head_.substr(9, 3).c_str());
    } else {
      body_.append(buf, static_cast<std::size_t>(n));
    }
  }
}

}  // namespace goldthread::testing
