#include "core/command.hpp"

#include <cstdlib>

namespace goldthread::core {

std::string CommandInput::value(const std::string& name) const {
  auto it = given.find(name);
  return it == given.end() || it->second.empty() ? "" : it->second.front();
}

std::vector<std::string> CommandInput::values(const std::string& name) const {
  auto it = given.find(name);
  return it == given.end() ? std::vector<std::string>{} : it->second;
}

long long CommandInput::integer(const std::string& name, long long fallback) const {
  auto v = value(name);
  if (v.empty()) return fallback;
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  return end && *end == '\0' ? n : fallback;
}

}  // namespace goldthread::core
