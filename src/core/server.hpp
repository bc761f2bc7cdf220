#pragma once
// The HTTP server: Boost.Beast + C++20 coroutines, one io_context per thread sharing the port
// through SO_REUSEPORT. This header deliberately includes no Beast/Asio: everything after the
// session coroutine sees core::Request and core::Response.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/events_hub.hpp"
#include "core/http.hpp"

namespace goldthread::core {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (tests)
  int threads = 1;
  std::size_t header_limit = 16 * 1024;    // bytes; larger → 431
  std::size_t body_limit = 1024 * 1024;    // bytes; larger → 413
  std::chrono::seconds read_timeout{30};   // idle keep-alive and slow requests
  std::chrono::seconds drain_timeout{10};  // on stop, in-flight requests get this long
  bool handle_signals = true;              // SIGINT/SIGTERM start a graceful drain
  bool trust_proxy = false;                // honour X-Forwarded-Proto / X-Forwarded-For
  // With trust_proxy: how many proxies in front of us each append to X-Forwarded-For. The
  // client is the entry that many places from the right; what the client itself wrote (to
  // the left) is never used. Default 1 (one reverse proxy).
  int trusted_proxy_hops = 1;
  // CPU-heavy requests (is_heavy says which, e.g. those that hash a password, or a body over
  // heavy_body bytes) run on a separate pool of heavy_threads, so that they never occupy an
  // event loop: /healthz and ordinary pages keep answering. At most heavy_queue of them run
  // or wait at once; more get a 503 with Retry-After.
  int heavy_threads = 1;
  std::size_t heavy_queue = 64;
  std::size_t heavy_body = 64 * 1024;
  std::function<bool(const Request&)> is_heavy;  // called on the event loop; must be cheap
  // Server-Sent Events (Response::event_topic): the hub the streams subscribe to (nullptr: a
  // 503 for every stream), at most max_streams open at once (more get a 503 with Retry-After),
  // each holding at most stream_queue events not yet written (a client that falls further
  // behind is dropped) and sent a comment every heartbeat so that proxies keep it open. A
  // stream counts against neither read_timeout nor the heavy pool.
  events::Hub* events = nullptr;
  std::size_t max_streams = 5000;
  std::size_t stream_queue = 64;
  std::chrono::milliseconds heartbeat{15000};
};

// The client's address from the socket's peer and the X-Forwarded-For values (in the order the
// headers came, comma-separated lists allowed), trusting `hops` proxies. Exposed for tests.
std::string client_address(const std::string& peer, const std::vector<std::string>& forwarded_for, int hops);

// Called on the connection's thread for each complete request. Must not throw: the caller
// (core::App) turns exceptions into the 500 page.
using RequestHandler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads. Returns the bound port, or throws std::runtime_error
  // with a plain message when the address cannot be bound.
  std::uint16_t start();
  // Blocks until the server has stopped (signal or stop()).
  void wait();
  // Stops accepting, lets in-flight requests finish (up to drain_timeout), closes idle
  // keep-alive connections. Safe to call from any thread, more than once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace goldthread::core
