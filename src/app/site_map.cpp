// The site map (docs/SITEMAP.md): the six top-level sections — the whole header — and what
// each will hold that is not built yet. Capabilities add their pages to a section with
// Registry::add_section_link; a built link replaces the planned one with the same key.
#include "app/site_map.hpp"

#include "core/registry.hpp"

namespace goldthread::app {

void register_site_map(core::Registry& r) {
  r.add_site_section({.key = "vision",
                      .label = "Vision",
                      .href = "/vision",
                      .summary = "What the partners have agreed to aim for together: the ambitions, their priorities "
                                 "and the statement of intent.",
                      .order = 10,
                      .core_landing = false,  // places' own page (the vision)
                      .action = "Read the vision"});
  r.add_site_section({.key = "projects",
                      .label = "Projects",
                      .href = "/work",
                      .summary = "What partners are doing: their projects and plans, and how each one serves the "
                                 "vision.",
                      .order = 20,
                      .action = "See projects and plans"});
  r.add_site_section({.key = "areas",
                      .label = "Areas",
                      .href = "/areas",
                      .summary = "The work and the organisations in each part of the place.",
                      .order = 30,
                      .core_landing = false,
                      .action = "Find out what is happening in your area"});
  r.add_site_section({.key = "organisations",
                      .label = "Organisations",
                      .href = "/organisations",
                      .summary = "The councils, NHS, police, voluntary groups and businesses working together.",
                      .order = 40,
                      .core_landing = false,
                      .action = "Find an organisation"});
  r.add_site_section({.key = "take-part",
                      .label = "Take part",
                      .href = "/take-part",
                      .summary = "Ways to have your say, come to an event, make a pledge and hear what is happening.",
                      .order = 50,
                      .action = "Take part and have your say"});
  r.add_site_section({.key = "progress",
                      .label = "Progress",
                      .href = "/progress",
                      .summary = "Whether it is working: the road map, the building blocks of working together and "
                                 "shared measures of progress.",
                      .order = 60,
                      .action = "See how it is going"});

  // Planned: each will be replaced by the capability that builds it (PRODUCT.md).
  auto planned = [&](const char* section, const char* key, const char* label, const char* description, int order) {
    r.add_section_link({.section = section,
                        .key = key,
                        .label = label,
                        .href = "",
                        .description = description,
                        .order = order,
                        .planned = true});
  };
  planned("take-part", "events", "Events and assemblies",
          "register for the assembly and other events, with solution rooms and their agreed next steps.", 20);
  planned("take-part", "pledges", "Pledges", "make a pledge for yourself or your organisation and report progress.",
          30);
  planned("take-part", "news", "News and newsletter", "read news from the partnership and get it by e-mail.", 60);
  planned("progress", "outcomes", "Shared outcomes and measures",
          "indicators for each ambition, by area and over time, with the data behind them.", 30);
}

}  // namespace goldthread::app
