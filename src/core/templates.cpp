#include "core/templates.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "core/embedded.hpp"

namespace goldthread::core {
namespace mstch = kainjow::mustache;

namespace {

std::string template_path(const std::string& name) {
  auto slash = name.find('/');
  if (slash == std::string::npos) return "";
  return "src/" + name.substr(0, slash) + "/templates/" + name.substr(slash + 1) + ".mustache";
}

mstch::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mstch::data d{mstch::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string: return mstch::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean: return mstch::data{j.get<bool>()};
    case nlohmann::json::value_t::null: return mstch::data{false};
    case nlohmann::json::value_t::number_float: {
      double v = j.get<double>();
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v);
      return mstch::data{std::string(buf)};
    }
    default: return mstch::data{j.dump()};
  }
}

// Looks partials up among the embedded templates.
class TemplateContext : public mstch::context<std::string> {
 public:
  explicit TemplateContext(const mstch::data* d) : mstch::context<std::string>(d) {}
  const mstch::data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    auto src = embedded_file(template_path(name));
    if (!src) return nullptr;
    return &partials_.emplace(name, mstch::data{std::string(*src)}).first->second;
  }

 private:
  mutable std::unordered_map<std::string, mstch::data> partials_;
};

mstch::mustache& compiled(const std::string& name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mstch::mustache>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return *it->second;
  auto src = embedded_file(template_path(name));
  if (!src) throw std::runtime_error("template not found: " + name);
  auto t = std::make_unique<mstch::mustache>(std::string(*src));
  if (!t->is_valid()) throw std::runtime_error("template " + name + " is invalid: " + t->error_message());
  return *cache.emplace(name, std::move(t)).first->second;
}

}  // namespace

std::string render_template(const std::string& name, const nlohmann::json& model) {
  auto& t = compiled(name);
  mstch::data d = to_data(model);
  TemplateContext ctx(&d);
  std::string out = t.render(ctx);
  if (!t.is_valid()) throw std::runtime_error("template " + name + " failed: " + t.error_message());
  return out;
}

bool template_exists(const std::string& name) { return embedded_file(template_path(name)).has_value(); }

}  // namespace goldthread::core
