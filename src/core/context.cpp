#include "core/context.hpp"

#include <cstdlib>

#include "core/app.hpp"

namespace goldthread::core {

Database& Context::db() { return app_.db(); }

const std::string& Context::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::int64_t> Context::int_param(const std::string& name) const {
  const auto& s = param(name);
  if (s.empty() || s.size() > 18) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  auto v = std::strtoll(s.c_str(), nullptr, 10);
  if (v <= 0) return std::nullopt;
  return v;
}

std::optional<std::string> Context::query(const std::string& name) const {
  auto it = req_.query.find(name);
  if (it == req_.query.end()) return std::nullopt;
  return it->second;
}

const Params& Context::form() {
  if (!form_) {
    auto type = req_.header("content-type").value_or("");
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0) form_ = parse_query(req_.body);
    else form_ = Params{};
  }
  return *form_;
}

std::string Context::form_value(const std::string& name) {
  const auto& f = form();
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

}  // namespace goldthread::core
