// The server's own defences (issue 10.1 and 10.9), engine-independent: heavy requests run off
// the event loop, the heavy queue is bounded, and the server's own error answers carry the
// security headers and refuse a request without Host.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <future>
#include <thread>

#include "core/server.hpp"
#include "support/http_client.hpp"

namespace goldthread::core {
namespace {

using namespace std::chrono_literals;

ServerOptions one_loop() {
  ServerOptions opts;
  opts.port = 0;
  opts.threads = 1;  // one event loop: anything that blocks it blocks every connection
  opts.handle_signals = false;
  opts.heavy_threads = 1;
  opts.is_heavy = [](const Request& r) { return r.path == "/heavy"; };
  return opts;
}

Response slow_when_heavy(Request& r) {
  if (r.path == "/heavy") std::this_thread::sleep_for(1500ms);  // stands in for argon2 or Markdown
  return Response::text("ok " + r.path);
}

TEST(ServerHeavyPool, HealthzAnswersWhileAHeavyRequestRuns) {
  Server server(one_loop(), slow_when_heavy);
  auto port = server.start();
  auto heavy = std::async(std::launch::async, [port] { return testing::http_get(port, "/heavy"); });
  std::this_thread::sleep_for(200ms);
  auto t0 = std::chrono::steady_clock::now();
  auto health = testing::http_get(port, "/healthz");
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(health.status, 200);
  EXPECT_LT(took, 500ms);  // not behind the 1.5 s of the heavy request
  EXPECT_EQ(heavy.get().body, "ok /heavy");
  server.stop();
  server.wait();
}

TEST(ServerHeavyPool, ALargeBodyCountsAsHeavy) {
  auto opts = one_loop();
  opts.heavy_body = 1000;
  std::atomic<bool> on_loop_thread{true};
  std::thread::id loop;
  Server server(opts, [&](Request& r) {
    if (r.path == "/id")
      loop = std::this_thread::get_id();
    else
      on_loop_thread = std::this_thread::get_id() == loop;
    return Response::text("ok");
  });
  auto port = server.start();
  testing::http_get(port, "/id");
  EXPECT_EQ(testing::http_request(port, "POST", "/big", {{"Content-Type", "application/json"}},
                                  "[" + std::string(2000, '1') + "]")
                .status,
            200);
  EXPECT_FALSE(on_loop_thread);
  server.stop();
  server.wait();
}

TEST(ServerHeavyPool, AFullQueueAnswers503WithRetryAfter) {
  auto opts = one_loop();
  opts.heavy_queue = 1;
  Server server(opts, slow_when_heavy);
  auto port = server.start();
  auto first = std::async(std::launch::async, [port] { return testing::http_get(port, "/heavy"); });
  std::this_thread::sleep_for(200ms);
  auto second = testing::http_get(port, "/heavy");
  EXPECT_EQ(second.status, 503);
  EXPECT_EQ(second.header("retry-after"), "1");
  EXPECT_NE(second.header("content-security-policy"), "");
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(testing::http_get(port, "/heavy").status, 200);  // the slot is free again
  server.stop();
  server.wait();
}

TEST(ServerOwnAnswers, CarryTheSecurityHeadersAndARequestWithoutHostIs400) {
  ServerOptions opts;
  opts.port = 0;
  opts.handle_signals = false;
  opts.header_limit = 2000;
  opts.body_limit = 1000;
  Server server(opts, [](Request&) { return Response::text("routed"); });
  auto port = server.start();
  struct Case {
    std::string bytes, status;
  };
  std::vector<Case> cases = {
      {"GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400"},
      {"GET / HTTP/1.0\r\n\r\n", "HTTP/1.1 400"},
      {"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n", "HTTP/1.1 431"},
      {"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", "HTTP/1.1 413"},
      {"NONSENSE\r\n\r\n", "HTTP/1.1 400"},
  };
  for (const auto& c : cases) {
    auto out = testing::raw_exchange(port, c.bytes);
    EXPECT_EQ(out.rfind(c.status, 0), 0u) << out;
    EXPECT_EQ(out.find("routed"), std::string::npos);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::string h : {"content-security-policy: default-src 'self'", "x-content-type-options: nosniff",
                          "x-frame-options: deny", "referrer-policy: strict-origin-when-cross-origin"})
      EXPECT_NE(out.find(h), std::string::npos) << h << " in\n" << out;
  }
  EXPECT_NE(testing::raw_exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("routed"),
            std::string::npos);
  server.stop();
  server.wait();
}

}  // namespace
}  // namespace goldthread::core
