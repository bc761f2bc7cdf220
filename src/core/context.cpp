#include "core/context.hpp"

#include "core/app.hpp"
#include "core/form.hpp"
#include "core/text.hpp"

namespace goldthread::core {

Database& Context::db() { return app_.db(); }

const std::string& Context::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::int64_t> Context::int_param(const std::string& name) const {
  return parse_id(param(name));
}

std::optional<std::string> Context::query(const std::string& name) const {
  auto it = req_.query.find(name);
  if (it == req_.query.end()) return std::nullopt;
  return it->second;
}

const Body& Context::body() {
  if (!body_) body_ = parse_body(req_);
  return *body_;
}

std::string Context::form_value(const std::string& name) {
  const auto& f = form();
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

}  // namespace goldthread::core
