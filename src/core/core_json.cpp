// The JSON of core's own pages, in one place (core/core_views.hpp).
#include <nlohmann/json.hpp>

#include "core/core_views.hpp"

namespace goldthread::core {
using nlohmann::json;

void to_json(json& j, const ApiIndexView& v) {
  json routes = json::array();
  for (const auto& r : v.routes)
    routes.push_back({{"path", "/api/v1" + r.page}, {"page", r.page}, {"access", r.access}, {"module", r.module}});
  j = {{"description",
        "Every page has a JSON twin: ask for the same address with Accept: application/json, or prefix the path with "
        "/api/v1. docs/API.md describes each resource."},
       {"routes", routes}};
}

void to_json(json& j, const StaticPageView& v) {
  j = {{"service_name", v.service_name}, {"contact_email", v.contact_email}};
}

}  // namespace goldthread::core
