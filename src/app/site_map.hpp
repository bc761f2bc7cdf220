#pragma once
namespace goldthread::core {
class Registry;
}
namespace goldthread::app {
// The six top-level sections and the planned pages (docs/SITEMAP.md). Called first, before
// any capability adds links to the sections.
void register_site_map(core::Registry& registry);
}  // namespace goldthread::app
