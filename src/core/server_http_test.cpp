// The HTTP server on its own: keep-alive, graceful drain, limits. Engine-independent, but it
// lives with the integration tests because it opens real sockets.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "core/server.hpp"
#include "support/http_client.hpp"

namespace goldthread::core {
namespace {

TEST(Server, DrainsAnInFlightRequestOnStop) {
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  Server server(opts, [](Request& r) {
    if (r.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(400));
    return Response::text("done");
  });
  auto port = server.start();
  auto slow = std::async(std::launch::async, [port] { return testing::http_get(port, "/slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto t0 = std::chrono::steady_clock::now();
  server.stop();
  server.wait();
  auto reply = slow.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "done");
  // Drained as soon as the last request finished, well before the 10 s drain timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
}

TEST(Server, ServesManyRequestsOnOneKeepAliveConnection) {
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  Server server(opts, [](Request& r) { return Response::text(r.path); });
  auto port = server.start();
  std::string pipelined;
  for (int i = 0; i < 3; ++i) pipelined += "GET /r" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  pipelined += "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  auto out = testing::raw_exchange(port, pipelined);
  for (std::string p : {"/r0", "/r1", "/r2", "/last"}) EXPECT_NE(out.find(p), std::string::npos) << p;
  server.stop();
}

TEST(Server, RefusesAHostThatIsNotAnIpAddress) {
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  opts.host = "not-an-ip";
  Server b(opts, [](Request&) { return Response::text("b"); });
  EXPECT_THROW(b.start(), std::runtime_error);
}

}  // namespace
}  // namespace goldthread::core

namespace goldthread::core {
namespace {

TEST(Server, ClosesAConnectionThatStallsMidRequest) {
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  opts.read_timeout = std::chrono::seconds(1);
  Server server(opts, [](Request&) { return Response::text("never"); });
  auto port = server.start();
  auto t0 = std::chrono::steady_clock::now();
  // Half a request line, then nothing: the read deadline closes the connection.
  auto out = testing::raw_exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n");
  auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(out.find("never"), std::string::npos);
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  EXPECT_LT(waited, std::chrono::milliseconds(1900));  // closed by the server, not by the client's 2 s limit
  server.stop();
}

}  // namespace
}  // namespace goldthread::core
