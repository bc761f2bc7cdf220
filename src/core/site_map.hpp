#pragma once
// The site map's pages and models (docs/SITEMAP.md). The sections and links themselves are
// registered on core::Registry (add_site_section, add_section_link).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace goldthread::core {

struct Crumb;

// The landing page of a section core serves (SiteSection::core_landing): its heading and
// summary, its links with their descriptions, and what is coming.
Handler section_landing_handler(std::string section_key);

// The model of a section's links, for a capability page that is a section's landing (e.g.
// /areas): {section: {key, label, href, summary}, links: [{key, label, href, description}],
// coming: [{key, label, description}], has_links, has_coming}.
nlohmann::json section_links_model(Context& ctx, const std::string& section_key);

// Every section for the home page's list of actions: [{key, label, href, summary, action}].
nlohmann::json site_sections_model(Context& ctx);

// The header's items for `path`: [{label, href, active}], the section the path belongs to
// marked active.
nlohmann::json navigation_model(Context& ctx, const std::string& path);

// Breadcrumbs as a page asked for them, with its section's crumb put after "Home" when the
// page belongs to a section, is not that section's landing and did not name it itself.
std::vector<Crumb> crumbs_with_section(Context& ctx, const std::string& path, std::vector<Crumb> crumbs);

}  // namespace goldthread::core
