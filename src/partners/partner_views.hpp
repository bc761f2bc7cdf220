#pragma once
// Typed view models of the directory and an organisation's page. Their two representations —
// the resource (the JSON twin, docs/API.md "Organisations") and the template's model — are
// written in one place, partners/partner_json.cpp.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {

struct DirectoryView {
  DirectoryFilter filter;
  DirectoryPage page;
  std::vector<places::Area> areas;  // the place's areas, for the filter
  std::string base_href;            // /organisations with the filters, for page links
};
void to_json(nlohmann::json& j, const DirectoryView& v);
void screen_json(nlohmann::json& j, const DirectoryView& v, bool can_create);

struct OrganisationView {
  Organisation organisation;
  std::vector<places::Area> areas;  // the areas it serves, in the place's order
  std::vector<Endorsement> endorsements;
  std::vector<core::Section> sections;  // other capabilities' parts of the page
};
struct OrganisationScreen {
  bool can_manage = false;
  std::optional<std::string> banner;
};
void to_json(nlohmann::json& j, const OrganisationView& v, const core::Context& ctx);
void screen_json(nlohmann::json& j, const OrganisationView& v, const OrganisationScreen& s, const core::Context& ctx);

// The "vision" slot's section: who has endorsed the vision.
core::Section endorsements_section_of(const std::vector<Endorsement>& endorsements);

}  // namespace goldthread::partners
