#pragma once
// The real SMTP server on loopback for the mail tests (scripts/smtp_sink.py, aiosmtpd).
// scripts/test.sh starts one for the whole run and exports GOLDTHREAD_TEST_SMTP_PORT and
// GOLDTHREAD_TEST_SMTP_DIR; tests that need a server that goes down and comes back start their
// own with SmtpSinkProcess. Header-only so the test support library's file list stays as it is.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_env.hpp"

extern char** environ;

namespace goldthread::testing {

// `name`, or `name`_SQLITE / `name`_POSTGRES for the engine this run tests when that is set:
// scripts/test.sh runs both engines' suites at once, each with its own SMTP server, so one
// run's mail to an address is never taken for the other's.
inline const char* engine_env(const std::string& name) {
  const char* engine = std::getenv("GOLDTHREAD_TEST_ENGINE");
  if (engine && *engine) {
    std::string suffix = engine;
    for (auto& ch : suffix) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (const char* v = std::getenv((name + "_" + suffix).c_str()); v && *v) return v;
  }
  return std::getenv(name.c_str());
}
// The shared server from scripts/test.sh: 0 / "" when the variables are unset (run by hand).
inline int shared_smtp_port() {
  const char* p = engine_env("GOLDTHREAD_TEST_SMTP_PORT");
  return p && *p ? std::atoi(p) : 0;
}
inline std::string shared_smtp_dir() {
  const char* d = engine_env("GOLDTHREAD_TEST_SMTP_DIR");
  return d ? d : "";
}
inline constexpr const char* kNoSmtpSkip =
    "GOLDTHREAD_TEST_SMTP_PORT and GOLDTHREAD_TEST_SMTP_DIR are unset: scripts/test.sh starts the SMTP server "
    "(scripts/smtp_sink.py) and sets them; by hand, start it and export both";

// A port nothing listens on (bound, then released).
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

inline bool port_open(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// Messages the sink stored for `address` (file contents, oldest first).
inline std::vector<std::string> received_for(const std::string& dir, const std::string& address) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    auto n = e.path().filename().string();
    auto suffix = "-" + address + ".eml";
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0 && n[0] != '.')
      names.push_back(e.path().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> out;
  for (const auto& p : names) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

// Waits until at least `n` messages for `address` arrived (or `limit` passes).
inline std::vector<std::string> wait_for_mail(const std::string& dir, const std::string& address, std::size_t n = 1,
                                              std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto got = received_for(dir, address);
    if (got.size() >= n || std::chrono::steady_clock::now() > until) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Our own sink process on `port`, storing in `dir`; stopped (SIGTERM) when destroyed.
class SmtpSinkProcess {
 public:
  // extra: more arguments, e.g. {"--security", "starttls", "--cert", c, "--key", k}.
  SmtpSinkProcess(int port, std::string dir, const std::vector<std::string>& extra = {})
      : port_(port), dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
    std::string script = source_dir() + "/scripts/smtp_sink.py", p = std::to_string(port);
    std::vector<std::string> args = {"/usr/bin/python3", script, "--port", p, "--dir", dir_};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("could not start scripts/smtp_sink.py");
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!port_open(port_)) {
      if (std::chrono::steady_clock::now() > until) throw std::runtime_error("scripts/smtp_sink.py did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
  }
  ~SmtpSinkProcess() {
    ::kill(pid_, SIGTERM);
    int st = 0;
    ::waitpid(pid_, &st, 0);
  }
  SmtpSinkProcess(const SmtpSinkProcess&) = delete;
  SmtpSinkProcess& operator=(const SmtpSinkProcess&) = delete;

 private:
  int port_;
  std::string dir_;
  pid_t pid_ = -1;
};

// The body of a stored message (after the blank line that ends the headers).
inline std::string body_of(const std::string& raw) {
  auto at = raw.find("\r\n\r\n");
  return at == std::string::npos ? "" : raw.substr(at + 4);
}
inline std::string header_of(const std::string& raw, const std::string& name) {
  auto headers = raw.substr(0, raw.find("\r\n\r\n"));
  std::string key = name + ": ";
  for (std::size_t pos = 0; pos < headers.size();) {
    auto end = headers.find("\r\n", pos);
    if (end == std::string::npos) end = headers.size();
    if (headers.compare(pos, key.size(), key) == 0) return headers.substr(pos + key.size(), end - pos - key.size());
    pos = end + 2;
  }
  return "";
}

}  // namespace goldthread::testing
