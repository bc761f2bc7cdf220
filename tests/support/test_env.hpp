#pragma once
// Test fixtures shared by the storage and HTTP integration tests. The engine comes from
// GOLDTHREAD_TEST_ENGINE (sqlite | postgres); the PostgreSQL server's URL from
// GOLDTHREAD_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/app.hpp"
#include "core/config.hpp"
#include "core/server.hpp"

namespace goldthread::testing {

std::string engine_name();  // "sqlite" or "postgres"
// A Config pointing at a new, empty database (a temp SQLite file, or a PostgreSQL schema
// reset to empty). Calls GTEST_SKIP-worthy failure through FAIL when PostgreSQL is missing.
core::Config fresh_config();
std::string source_dir();

// The real server on an ephemeral port, with the app built by app::make_app.
class TestServer {
 public:
  explicit TestServer(core::Config cfg, bool seed_place = true);
  ~TestServer();
  std::uint16_t port() const { return port_; }
  core::App& app() { return *app_; }

 private:
  std::unique_ptr<core::App> app_;
  std::unique_ptr<core::Server> server_;
  std::uint16_t port_ = 0;
};

// One real server shared by every test of a suite: `class X : public SharedServerTest<X> {};`.
// A suite that seeds data overrides SetUpTestSuite() and calls SharedServerTest::SetUpTestSuite()
// first; one with more to clean up does the same with TearDownTestSuite().
template <typename Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<TestServer>(fresh_config()); }
  static void TearDownTestSuite() { server_.reset(); }
  static std::uint16_t port() { return server_->port(); }
  static inline std::unique_ptr<TestServer> server_;
};

}  // namespace goldthread::testing
