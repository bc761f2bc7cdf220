// The HTTP server on its own: keep-alive, graceful drain, limits. Engine-independent, but it
// lives with the integration tests because it opens real sockets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "core/server.hpp"
#include "core/streaming.hpp"
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

// Streamed answers (Response::stream): chunked on the wire, exact bytes, HEAD without a body,
// a failing producer ends only its own answer, a client that stops reading is dropped.
namespace goldthread::core {
namespace {

// Piece i is i+1 copies of a letter and its number: sizes vary, order is visible.
std::string piece_text(int i) {
  return std::string(static_cast<std::size_t>(i + 1) * 997, static_cast<char>('a' + i % 26)) + std::to_string(i) + "\n";
}

struct StreamProbe {
  std::atomic<int> calls{0};
  std::atomic<bool> freed{false};
};

Response streamed_reply(const Request& r, const std::shared_ptr<StreamProbe>& probe) {
  // The producer owns `held`; its destructor tells the test the answer's resources went.
  struct Held {
    std::shared_ptr<StreamProbe> probe;
    ~Held() { probe->freed = true; }
  };
  auto held = std::make_shared<Held>();
  held->probe = probe;
  int throw_at = r.path == "/throws" ? 2 : -1;
  bool endless = r.path == "/endless";
  auto next = std::make_shared<int>(0);
  return streamed("text/plain; charset=utf-8", [held, next, throw_at, endless](std::string& out) {
    held->probe->calls++;
    int i = (*next)++;
    if (i == throw_at) throw std::runtime_error("the producer failed half-way");
    out += endless ? std::string(64 * 1024, 'x') : piece_text(i);
    return endless || i < 39;
  });
}

TEST(Server, StreamsAChunkedBodyThatReassemblesToTheExactBytes) {
  auto probe = std::make_shared<StreamProbe>();
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  Server server(opts, [probe](Request& r) {
    if (r.path == "/plain") return Response::text("plain");
    return streamed_reply(r, probe);
  });
  auto port = server.start();
  std::string expected;
  for (int i = 0; i < 40; ++i) expected += piece_text(i);

  auto reply = testing::http_get(port, "/stream");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("transfer-encoding"), "chunked");
  EXPECT_EQ(reply.header("content-length"), "");
  EXPECT_EQ(reply.body.size(), expected.size());
  EXPECT_TRUE(reply.body == expected);
  EXPECT_EQ(probe->calls.load(), 40);

  // On the wire: one chunk per piece (the first is 997 bytes and its number), the last chunk,
  // then the next request on the same connection is answered.
  auto wire = testing::raw_exchange(
      port, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(wire.find("\r\n\r\n3e7\r\n"), std::string::npos) << wire.substr(0, 300);  // 997 + "0\n" = 999 = 0x3e7
  EXPECT_NE(wire.find("\r\n0\r\n\r\nHTTP/1.1 200"), std::string::npos);
  EXPECT_NE(wire.rfind("plain"), std::string::npos);

  // HEAD: the headers only; the producer is never called.
  int before = probe->calls.load();
  auto head = testing::raw_exchange(port, "HEAD /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");
  EXPECT_EQ(probe->calls.load(), before);

  // HTTP/1.0 has no chunks: the bytes as they are, ended by closing the connection.
  auto old = testing::raw_exchange(port, "GET /stream HTTP/1.0\r\nHost: x\r\n\r\n");
  EXPECT_EQ(old.substr(old.find("\r\n\r\n") + 4), expected);
  server.stop();
}

TEST(Server, AProducerThatThrowsEndsItsAnswerAndTheServerServesOn) {
  auto probe = std::make_shared<StreamProbe>();
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  Server server(opts, [probe](Request& r) {
    if (r.path == "/plain") return Response::text("plain");
    return streamed_reply(r, probe);
  });
  auto port = server.start();
  // The first two pieces arrive; then the connection closes without the last chunk, so no
  // client can take the short body for a complete one.
  auto wire = testing::raw_exchange(port, "GET /throws HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(wire.find(piece_text(1)), std::string::npos);
  EXPECT_EQ(wire.find("\r\n0\r\n\r\n"), std::string::npos);
  EXPECT_THROW(testing::http_get(port, "/throws"), std::exception);
  EXPECT_TRUE(probe->freed.load());
  auto next = testing::http_get(port, "/plain");
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "plain");
  server.stop();
}

TEST(Server, DropsAStreamWhoseClientStopsReadingAndServesOthersMeanwhile) {
  auto probe = std::make_shared<StreamProbe>();
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  opts.threads = 1;                             // the stalled stream and the other requests share one event loop
  opts.read_timeout = std::chrono::seconds(1);  // also each piece's write deadline
  Server server(opts, [probe](Request& r) {
    if (r.path == "/plain") return Response::text("plain");
    return streamed_reply(r, probe);
  });
  auto port = server.start();
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int small = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string req = "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, req.data(), req.size(), 0), static_cast<ssize_t>(req.size()));
  // Never read: the server's writes stall, and it drops the stream after the deadline.
  auto t0 = std::chrono::steady_clock::now();
  while (probe->calls.load() == 0 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(testing::http_get(port, "/plain").body, "plain");  // served while the stream waits
  while (!probe->freed.load() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(probe->freed.load());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
  ::close(fd);
  EXPECT_EQ(testing::http_get(port, "/plain").body, "plain");
  server.stop();
}

}  // namespace
}  // namespace goldthread::core
