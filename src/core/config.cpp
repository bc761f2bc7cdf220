#include "core/config.hpp"

#include <cstdlib>

namespace goldthread::core {
namespace {
void env_str(const char* name, std::string& out) {
  if (const char* v = std::getenv(name); v && *v) out = v;
}
template <typename T>
void env_num(const char* name, T& out) {
  if (const char* v = std::getenv(name); v && *v) {
    char* end = nullptr;
    long long n = std::strtoll(v, &end, 10);
    if (end && *end == '\0' && n >= 0) out = static_cast<T>(n);
  }
}
}  // namespace

void apply_environment(Config& cfg) {
  env_str("GOLDTHREAD_LISTEN", cfg.listen);
  env_str("DATABASE_URL", cfg.database_url);
  env_num("GOLDTHREAD_THREADS", cfg.threads);
  env_num("GOLDTHREAD_DB_POOL", cfg.db_pool);
  env_str("GOLDTHREAD_ASSETS_DIR", cfg.assets_dir);
  env_str("GOLDTHREAD_SERVICE_NAME", cfg.service_name);
  env_str("GOLDTHREAD_BASE_URL", cfg.base_url);
  env_num("GOLDTHREAD_BODY_LIMIT", cfg.body_limit);
  env_num("GOLDTHREAD_HEADER_LIMIT", cfg.header_limit);
  env_num("GOLDTHREAD_READ_TIMEOUT", cfg.read_timeout_s);
  if (const char* v = std::getenv("GOLDTHREAD_TRUST_PROXY")) cfg.trust_proxy = std::string(v) == "1";
  env_num("GOLDTHREAD_TRUSTED_PROXY_HOPS", cfg.trusted_proxy_hops);
  env_num("GOLDTHREAD_HEAVY_THREADS", cfg.heavy_threads);
  env_num("GOLDTHREAD_MAX_LIVE_STREAMS", cfg.max_live_streams);
  env_str("GOLDTHREAD_METRICS_TOKEN", cfg.metrics_token);
  env_str("GOLDTHREAD_LOG_LEVEL", cfg.log_level);
  if (const char* v = std::getenv("GOLDTHREAD_PLACE_FILE")) cfg.place_file = v;
  env_str("GOLDTHREAD_SMTP_HOST", cfg.smtp_host);
  env_num("GOLDTHREAD_SMTP_PORT", cfg.smtp_port);
  env_str("GOLDTHREAD_SMTP_SECURITY", cfg.smtp_security);
  env_str("GOLDTHREAD_SMTP_USERNAME", cfg.smtp_username);
  env_str("GOLDTHREAD_SMTP_PASSWORD", cfg.smtp_password);
  env_str("GOLDTHREAD_SMTP_CA_FILE", cfg.smtp_ca_file);
  env_str("GOLDTHREAD_MAIL_FROM", cfg.mail_from);
  env_num("GOLDTHREAD_MAIL_MAX_ATTEMPTS", cfg.mail_max_attempts);
  env_num("GOLDTHREAD_MAIL_RETRY_BASE", cfg.mail_retry_base_s);
  env_num("GOLDTHREAD_MAIL_RETRY_MAX", cfg.mail_retry_max_s);
}

bool split_listen(const std::string& listen, std::string& host, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  char* end = nullptr;
  long p = std::strtol(listen.c_str() + colon + 1, &end, 10);
  if (!end || *end != '\0' || p < 0 || p > 65535) return false;
  port = static_cast<unsigned short>(p);
  return true;
}

}  // namespace goldthread::core
