#pragma once
// Structured logging: one JSON object per line on stdout (spdlog underneath).
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace goldthread::core::log {

void set_level(const std::string& level);  // debug, info, warn, error, off
void info(const std::string& msg, const nlohmann::json& fields);
void warn(const std::string& msg, const nlohmann::json& fields);
void error(const std::string& msg, const nlohmann::json& fields);
void info(const std::string& msg);
void warn(const std::string& msg);
void error(const std::string& msg);

}  // namespace goldthread::core::log
