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

mstch::data scalar(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::string: return mstch::data{j.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return mstch::data{j.get<bool>()};
    case nlohmann::json::value_t::null: return mstch::data{false};
    case nlohmann::json::value_t::number_float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", j.get<double>());
      return mstch::data{std::string(buf)};
    }
    case nlohmann::json::value_t::object: return mstch::data{mstch::data::type::object};
    case nlohmann::json::value_t::array: return mstch::data{mstch::data::type::list};
    default: return mstch::data{j.dump()};
  }
}

// Fills `d` (already of the right type) from `j` in place. kainjow's set()/push_back() copy
// their argument, so children are inserted empty and filled through the stored element;
// converting bottom-up instead would copy every subtree once per level.
void fill(mstch::data& d, const nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      d.set(it.key(), scalar(it.value()));
      if (it.value().is_structured()) fill(const_cast<mstch::data&>(*d.get(it.key())), it.value());
    }
  } else if (j.is_array()) {
    for (const auto& v : j) {
      d.push_back(scalar(v));
      if (v.is_structured()) fill(const_cast<mstch::data&>(d.list_value().back()), v);
    }
  }
}

mstch::data to_data(const nlohmann::json& j) {
  mstch::data d = scalar(j);
  fill(d, j);
  return d;
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

// The template's source split at {{{slot}}}, each half compiled on its own.
struct Halves {
  std::unique_ptr<mstch::mustache> before, after;
};

Halves& compiled_halves(const std::string& name, const std::string& slot) {
  thread_local std::unordered_map<std::string, Halves> cache;
  auto key = name + "#" + slot;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto src = embedded_file(template_path(name));
  if (!src) throw std::runtime_error("template not found: " + name);
  auto tag = "{{{" + slot + "}}}";
  auto at = src->find(tag);
  if (at == std::string_view::npos) throw std::runtime_error("template " + name + " has no " + tag);
  Halves h{std::make_unique<mstch::mustache>(std::string(src->substr(0, at))),
           std::make_unique<mstch::mustache>(std::string(src->substr(at + tag.size())))};
  if (!h.before->is_valid() || !h.after->is_valid())
    throw std::runtime_error("template " + name + " is invalid around " + tag + " (is it inside a section?)");
  return cache.emplace(key, std::move(h)).first->second;
}

}  // namespace

std::string render_around(const std::string& name, const nlohmann::json& model, const std::string& slot,
                          std::string_view inner) {
  auto& h = compiled_halves(name, slot);
  mstch::data d = to_data(model);
  TemplateContext ctx(&d);
  std::string out = h.before->render(ctx);
  out.reserve(out.size() + inner.size() + 4096);
  out.append(inner);
  out += h.after->render(ctx);
  if (!h.before->is_valid() || !h.after->is_valid()) throw std::runtime_error("template " + name + " failed");
  return out;
}

std::string render_template(const std::string& name, const nlohmann::json& model) {
  auto& t = compiled(name);
  mstch::data d = to_data(model);
  TemplateContext ctx(&d);
  std::string out = t.render(ctx);
  if (!t.is_valid()) throw std::runtime_error("template " + name + " failed: " + t.error_message());
  return out;
}

std::string render_template(const std::string& name, const nlohmann::json& model, const nlohmann::json& base) {
  auto& t = compiled(name);
  mstch::data b = to_data(base);
  mstch::data d = to_data(model);
  TemplateContext ctx(&b);
  ctx.push(&d);  // the model first, then base
  std::string out = t.render(ctx);
  if (!t.is_valid()) throw std::runtime_error("template " + name + " failed: " + t.error_message());
  return out;
}

bool template_exists(const std::string& name) { return embedded_file(template_path(name)).has_value(); }

}  // namespace goldthread::core
