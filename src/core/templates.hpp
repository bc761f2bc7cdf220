#pragma once
// Mustache templates (kainjow, escaping by default) compiled into the binary.
// A template's name is "<module>/<file without .mustache>", e.g. "places/home", read from
// src/<module>/templates/<file>.mustache. Partials use the same names: {{>core/error_summary}}.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace goldthread::core {

// Renders a template with a JSON view model. Thread-safe (compiled templates are cached per
// thread). Throws std::runtime_error for a missing or invalid template: a bug, not user input.
std::string render_template(const std::string& name, const nlohmann::json& model);
// Same, with `base` values visible to the template where the model does not define them
// (e.g. csrf_token), without copying the model.
std::string render_template(const std::string& name, const nlohmann::json& model, const nlohmann::json& base);
// Renders `name` with `inner` (already HTML) where the template has {{{slot}}}, which must
// stand outside any section. The halves around it are rendered on their own, so `inner` is
// neither copied through the template data nor found again in the output by a marker that a
// visitor could also type.
std::string render_around(const std::string& name, const nlohmann::json& model, const std::string& slot,
                          std::string_view inner);
bool template_exists(const std::string& name);

}  // namespace goldthread::core
