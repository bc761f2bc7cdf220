#include "core/site_map.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/context.hpp"
#include "core/page.hpp"

namespace goldthread::core {

namespace {

const SiteSection* find_section(const App& app, const std::string& key) {
  for (const auto& s : app.site_sections())
    if (s.key == key) return &s;
  return nullptr;
}

}  // namespace

nlohmann::json section_links_model(Context& ctx, const std::string& section_key) {
  const App& app = ctx.app();
  const SiteSection* s = find_section(app, section_key);
  nlohmann::json model = {{"links", nlohmann::json::array()}, {"coming", nlohmann::json::array()}};
  if (!s) return model;
  model["section"] = {{"key", s->key}, {"label", s->label}, {"href", s->href}, {"summary", s->summary}};
  for (const auto& l : app.registry().section_links(section_key)) {
    if (l.planned)
      model["coming"].push_back({{"key", l.key}, {"label", l.label}, {"description", l.description}});
    else
      model["links"].push_back({{"key", l.key}, {"label", l.label}, {"href", l.href}, {"description", l.description}});
  }
  model["has_links"] = !model["links"].empty();
  model["has_coming"] = !model["coming"].empty();
  return model;
}

Handler section_landing_handler(std::string section_key) {
  return [key = std::move(section_key)](Context& ctx) {
    nlohmann::json model = section_links_model(ctx, key);
    const std::string label = model.contains("section") ? model["section"]["label"].get<std::string>() : key;
    // The resource: the section and its links; has_* are the template's.
    return render_page(ctx, Page{.template_name = "core/section_landing",
                                 .title = label,
                                 .crumbs = {{"Home", "/"}},
                                 .resource =
                                     [&](nlohmann::json& j) {
                                       j = model;
                                       j.erase("has_links");
                                       j.erase("has_coming");
                                     },
                                 .screen = [&](nlohmann::json& j) { j = model; }});
  };
}

nlohmann::json site_sections_model(Context& ctx) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : ctx.app().site_sections())
    out.push_back({{"key", s.key},
                   {"label", s.label},
                   {"href", s.href},
                   {"summary", s.summary},
                   {"action", s.action.empty() ? s.label : s.action}});
  return out;
}

nlohmann::json navigation_model(Context& ctx, const std::string& path) {
  const SiteSection* current = ctx.app().registry().section_for_path(path);
  nlohmann::json nav = nlohmann::json::array();
  for (const auto& s : ctx.app().site_sections())
    nav.push_back({{"label", s.label}, {"href", s.href}, {"active", current && current->key == s.key}});
  return nav;
}

std::vector<Crumb> crumbs_with_section(Context& ctx, const std::string& path, std::vector<Crumb> crumbs) {
  if (crumbs.empty()) return crumbs;
  const SiteSection* s = ctx.app().registry().section_for_path(path);
  if (!s || path == s->href) return crumbs;
  bool named = std::any_of(crumbs.begin(), crumbs.end(), [&](const Crumb& c) { return c.href == s->href; });
  if (named) return crumbs;
  auto at = crumbs.front().href == "/" ? crumbs.begin() + 1 : crumbs.begin();
  crumbs.insert(at, Crumb{s->label, s->href});
  return crumbs;
}

}  // namespace goldthread::core
