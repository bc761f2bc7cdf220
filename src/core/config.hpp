#pragma once
// Runtime configuration. Every field has a flag and an environment variable (README.md,
// "Configuration"); flags win over the environment, which wins over these defaults.
#include <cstddef>
#include <string>

namespace goldthread::core {

struct Config {
  std::string listen = "127.0.0.1:8080";                  // GOLDTHREAD_LISTEN
  std::string database_url = "sqlite:var/goldthread.db";  // DATABASE_URL
  int threads = 0;                                        // GOLDTHREAD_THREADS (0 = one per core)
  std::size_t db_pool = 8;                                // GOLDTHREAD_DB_POOL
  std::string assets_dir;                                 // GOLDTHREAD_ASSETS_DIR (default: found)
  std::string service_name = "goldthread";                // GOLDTHREAD_SERVICE_NAME
  std::string base_url = "http://localhost:8080";         // GOLDTHREAD_BASE_URL (links in e-mail)
  std::size_t body_limit = 1024 * 1024;                   // GOLDTHREAD_BODY_LIMIT (bytes)
  std::size_t header_limit = 16 * 1024;                   // GOLDTHREAD_HEADER_LIMIT (bytes)
  int read_timeout_s = 30;                                // GOLDTHREAD_READ_TIMEOUT
  bool trust_proxy = false;                               // GOLDTHREAD_TRUST_PROXY=1
  int trusted_proxy_hops = 1;                             // GOLDTHREAD_TRUSTED_PROXY_HOPS (with trust_proxy)
  int heavy_threads = 0;                                  // GOLDTHREAD_HEAVY_THREADS (0 = half the threads, at least 1)
  std::size_t max_live_streams = 5000;                    // GOLDTHREAD_MAX_LIVE_STREAMS (open event streams; more: 503)
  std::string metrics_token;                              // GOLDTHREAD_METRICS_TOKEN ("" = /metrics from loopback only)
  std::string log_level = "info";                         // GOLDTHREAD_LOG_LEVEL
  std::string place_file = "data/places/essex.json";      // GOLDTHREAD_PLACE_FILE (seeded on first start; "" = none)
  // Mail (core/mail.hpp; README "Mail"). No host: messages stay in the outbox.
  std::string smtp_host;                           // GOLDTHREAD_SMTP_HOST
  int smtp_port = 0;                               // GOLDTHREAD_SMTP_PORT (0 = by security: 25, 587, 465)
  std::string smtp_security = "starttls";          // GOLDTHREAD_SMTP_SECURITY: none | starttls | tls
  std::string smtp_username;                       // GOLDTHREAD_SMTP_USERNAME
  std::string smtp_password;                       // GOLDTHREAD_SMTP_PASSWORD
  std::string smtp_ca_file;                        // GOLDTHREAD_SMTP_CA_FILE (PEM; "" = the system's CAs)
  std::string mail_from = "goldthread@localhost";  // GOLDTHREAD_MAIL_FROM
  int mail_max_attempts = 10;                      // GOLDTHREAD_MAIL_MAX_ATTEMPTS (then dead)
  int mail_retry_base_s = 30;                      // GOLDTHREAD_MAIL_RETRY_BASE (seconds, doubling)
  int mail_retry_max_s = 3600;                     // GOLDTHREAD_MAIL_RETRY_MAX (seconds)
};

// Reads the environment variables above into cfg (leaves fields whose variable is unset).
void apply_environment(Config& cfg);
// "host:port" → parts. False for malformed input.
bool split_listen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace goldthread::core
