#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace goldthread::core::log {
namespace {

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> l = [] {
    auto lg = spdlog::stdout_logger_mt("goldthread");
    lg->set_pattern("%v");
    lg->flush_on(spdlog::level::info);
    return lg;
  }();
  return l;
}

void emit(spdlog::level::level_enum lvl, const char* name, const std::string& msg, const nlohmann::json& fields) {
  if (!logger()->should_log(lvl)) return;
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  line["level"] = name;
  line["msg"] = msg;
  logger()->log(lvl, line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void set_level(const std::string& level) { logger()->set_level(spdlog::level::from_str(level)); }
void info(const std::string& msg, const nlohmann::json& f) { emit(spdlog::level::info, "info", msg, f); }
void warn(const std::string& msg, const nlohmann::json& f) { emit(spdlog::level::warn, "warn", msg, f); }
void error(const std::string& msg, const nlohmann::json& f) { emit(spdlog::level::err, "error", msg, f); }
void info(const std::string& msg) { info(msg, nlohmann::json::object()); }
void warn(const std::string& msg) { warn(msg, nlohmann::json::object()); }
void error(const std::string& msg) { error(msg, nlohmann::json::object()); }

}  // namespace goldthread::core::log
