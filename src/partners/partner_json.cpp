// The directory's and an organisation page's two representations, in one place: the resource
// (docs/API.md "Organisations") and the template's model.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partner_views.hpp"

namespace goldthread::partners {
using nlohmann::json;

namespace {

// Mustache treats every string as true: optional text is null when empty, so {{#x}} hides it.
std::string sector_label(const std::string& code) {
  for (const auto& [c, l] : sectors())
    if (c == code) return l;
  return code;
}

std::string href_of(const std::string& slug) {
  return "/organisations/" + slug;
}

json areas_of(const std::vector<places::Area>& areas) {
  json out = json::array();
  for (const auto& a : areas) out.push_back({{"code", a.code}, {"name", a.name}, {"href", "/areas/" + a.code}});
  return out;
}

json endorsement_resource(const Endorsement& e) {
  return {{"organisation", {{"name", e.organisation_name}, {"href", href_of(e.organisation_slug)}}},
          {"endorsed_on", core::text_or_null(e.endorsed_on)},
          {"body", e.body},
          {"decision_reference", core::text_or_null(e.decision_reference)},
          {"note", core::text_or_null(e.note)}};
}

json endorsement_screen(const Endorsement& e) {
  return {{"organisation", e.organisation_name},
          {"href", href_of(e.organisation_slug)},
          {"endorsed_on", e.endorsed_on},
          {"endorsed_on_text", core::display_date(e.endorsed_on)},
          {"date_known", !e.endorsed_on.empty()},
          {"body", e.body},
          {"decision_reference", core::text_or_null(e.decision_reference)},
          {"note", e.note}};
}

json filters_of(const DirectoryFilter& f) {
  return {{"q", f.search}, {"sector", f.sector}, {"area", f.area_code}};
}

}  // namespace

// The wider area through which an organisation is listed for the filtered area (e.g. "Essex"
// for Colchester), or null when it covers the area itself.
static json wider_area_of(const DirectoryPage& page, std::int64_t id) {
  auto it = page.wider_area.find(id);
  return it == page.wider_area.end() ? json(nullptr) : json(it->second);
}

void to_json(json& j, const DirectoryView& v) {
  json items = json::array();
  for (const auto& o : v.page.organisations)
    items.push_back({{"id", o.id},
                     {"slug", o.slug},
                     {"href", href_of(o.slug)},
                     {"name", o.name},
                     {"sector", o.sector},
                     {"org_id", core::text_or_null(o.org_id)},
                     {"areas", o.areas},
                     {"wider_area", wider_area_of(v.page, o.id)}});
  j = {{"organisations", items},
       {"total", v.page.total},
       {"filters", filters_of(v.filter)},
       {"pagination", core::resource_pagination(v.base_href, v.filter.page, v.filter.per_page, v.page.total)}};
}

void screen_json(json& j, const DirectoryView& v, bool can_create) {
  const auto& f = v.filter;
  json items = json::array();
  for (const auto& o : v.page.organisations)
    items.push_back({{"slug", o.slug},
                     {"name", o.name},
                     {"sector", o.sector},
                     {"sector_label", sector_label(o.sector)},
                     {"org_id", o.org_id},
                     {"href", href_of(o.slug)},
                     {"areas", o.areas},
                     {"wider_area", wider_area_of(v.page, o.id)}});
  json sector_options = json::array(), area_options = json::array();
  for (const auto& [c, l] : sectors())
    sector_options.push_back({{"value", c}, {"text", l}, {"selected", c == f.sector}});
  for (const auto& a : v.areas)
    area_options.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == f.area_code}});
  j = {{"organisations", items},       {"has_organisations", !items.empty()},
       {"total", v.page.total},        {"total_text", core::count_of(v.page.total, "organisation")},
       {"filters", filters_of(f)},     {"sector_options", sector_options},
       {"area_options", area_options}, {"pagination", core::pagination(v.base_href, f.page, f.per_page, v.page.total)},
       {"can_create", can_create}};
}

void to_json(json& j, const OrganisationView& v, const core::Context& ctx) {
  const auto& o = v.organisation;
  json endorsements = json::array();
  for (const auto& e : v.endorsements) endorsements.push_back(endorsement_resource(e));
  j = {{"id", o.id},
       {"slug", o.slug},
       {"href", href_of(o.slug)},
       {"name", o.name},
       {"sector", o.sector},
       {"org_id", core::text_or_null(o.org_id)},
       {"website", core::text_or_null(o.website)},
       {"description", core::text_or_null(o.description)},
       {"areas", areas_of(v.areas)},
       {"endorsements", endorsements},
       {"sections", core::sections_model(ctx, v.sections)}};
}

void screen_json(json& j, const OrganisationView& v, const OrganisationScreen& s, const core::Context& ctx) {
  const auto& o = v.organisation;
  json endorsements = json::array();
  for (const auto& e : v.endorsements) endorsements.push_back(endorsement_screen(e));
  j = {{"organisation",
        {{"slug", o.slug},
         {"name", o.name},
         {"sector", o.sector},
         {"sector_label", sector_label(o.sector)},
         {"org_id", core::text_or_null(o.org_id)},
         {"website", core::text_or_null(o.website)},
         {"description", core::text_or_null(o.description)},
         {"areas", areas_of(v.areas)}}},
       {"endorsements", endorsements},
       {"has_endorsements", !endorsements.empty()},
       {"can_manage", s.can_manage},
       {"banner", s.banner ? json(*s.banner) : json(nullptr)},
       {"has_people_section", std::any_of(v.sections.begin(), v.sections.end(),
                                          [](const core::Section& sec) { return sec.key == "people"; })},
       {"sections", core::sections_model(ctx, v.sections)}};
}

core::Section endorsements_section_of(const std::vector<Endorsement>& endorsements) {
  json list = json::array();
  for (const auto& e : endorsements) list.push_back(endorsement_screen(e));
  return core::make_section("endorsements", "Who has endorsed the vision", "partners/endorsements_section",
                            std::move(list));
}

}  // namespace goldthread::partners
