#pragma once
// Typed views of core's own pages (core_routes.cpp): the API index and the static pages.
// Their JSON is written in one place, core/core_json.cpp.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace goldthread::core {

struct ApiRoute {
  std::string page, access, module;  // page: the route's pattern; its JSON twin is /api/v1 + page
};
struct ApiIndexView {
  std::vector<ApiRoute> routes;
};
void to_json(nlohmann::json& j, const ApiIndexView& v);

// Accessibility, privacy, about the data: who runs the site and where to write.
struct StaticPageView {
  std::string service_name, contact_email;
};
void to_json(nlohmann::json& j, const StaticPageView& v);

}  // namespace goldthread::core
