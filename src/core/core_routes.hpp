#pragma once
namespace goldthread::core {
class Registry;
// /healthz, /metrics, the API index, and the site's own pages (accessibility, privacy).
void register_core_routes(Registry& r);
}  // namespace goldthread::core
