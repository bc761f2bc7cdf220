#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "app/bootstrap.hpp"
#include "core/storage.hpp"

namespace goldthread::testing {

std::string engine_name() {
  const char* e = std::getenv("GOLDTHREAD_TEST_ENGINE");
  return e && std::string(e) == "postgres" ? "postgres" : "sqlite";
}

std::string source_dir() {
  return GOLDTHREAD_SOURCE_DIR;
}

core::Config fresh_config() {
  core::Config cfg;
  // No example conversations unless a test asks for them (GOLDTHREAD_EXAMPLES_DIR, see
  // src/app/bootstrap.cpp): most tests expect an install with no conversations.
  ::setenv("GOLDTHREAD_EXAMPLES_DIR", "", 0);
  cfg.place_file = source_dir() + "/data/places/essex.json";
  cfg.assets_dir = source_dir();
  cfg.db_pool = 4;
  if (engine_name() == "postgres") {
    const char* url = std::getenv("GOLDTHREAD_TEST_POSTGRES_URL");
    if (!url || !*url) throw std::runtime_error("GOLDTHREAD_TEST_POSTGRES_URL is not set (run via scripts/test.sh)");
    auto db = core::Database::open(url, 1);
    if (!db) throw std::runtime_error("cannot reach the test PostgreSQL: " + db.error().message);
    auto conn = (*db)->acquire();
    conn->exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    cfg.database_url = url;
  } else {
    static std::atomic<int> n{0};
    auto dir = std::filesystem::temp_directory_path() / ("goldthread-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto path = dir / ("db" + std::to_string(++n) + ".sqlite");
    std::filesystem::remove(path);
    cfg.database_url = "sqlite:" + path.string();
  }
  return cfg;
}

TestServer::TestServer(core::Config cfg, bool seed_place) {
  auto app = app::make_app(cfg, seed_place);
  if (!app) throw std::runtime_error("make_app failed: " + app.error().message);
  app_ = std::move(app.value());
  auto opts = app::server_options(cfg, *app_, 2);
  opts.port = 0;
  opts.handle_signals = false;
  opts.read_timeout = std::chrono::seconds(5);
  core::App* a = app_.get();
  server_ = std::make_unique<core::Server>(opts, [a](core::Request& r) { return a->handle(r); });
  port_ = server_->start();
}

TestServer::~TestServer() {
  server_->stop();
  server_->wait();
}

}  // namespace goldthread::testing
