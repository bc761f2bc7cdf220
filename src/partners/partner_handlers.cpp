// The directory of organisations, an organisation's page, and the endorsements section of
// the vision page.
#include "partners/partner_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerPage = 20;

// Mustache treats every string as true: optional text is null when empty, so {{#x}} hides it.
json opt(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

std::string sector_label(const std::string& code) {
  for (const auto& [c, l] : sectors())
    if (c == code) return l;
  return code;
}

json endorsement_json(const Endorsement& e) {
  return {{"organisation", e.organisation_name},
          {"href", "/organisations/" + e.organisation_slug},
          {"endorsed_on", e.endorsed_on},
          {"endorsed_on_text", core::display_date(e.endorsed_on)},
          {"date_known", !e.endorsed_on.empty()},
          {"body", e.body},
          {"decision_reference", opt(e.decision_reference)},
          {"note", e.note}};
}

// The success banner after a form was saved and redirected here; null otherwise.
json saved_banner(const core::Context& ctx) {
  auto saved = ctx.query("saved").value_or("");
  if (saved == "created") return "Organisation added";
  if (saved == "updated") return "Changes saved";
  if (saved == "endorsement") return "Endorsement recorded";
  return nullptr;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params)
    if (!v.empty()) out += (out.empty() ? "?" : "&") + k + "=" + core::url_encode(v);
  return out;
}

}  // namespace

Response directory(core::Context& ctx) {
  DirectoryFilter f;
  f.search = ctx.query("q").value_or("");
  if (f.search.size() > 200) f.search.resize(200);
  f.sector = ctx.query("sector").value_or("");
  f.area_code = ctx.query("area").value_or("");
  f.page = core::page_param(ctx);
  f.per_page = kPerPage;
  auto conn = ctx.db().acquire();
  const auto& place = places::current_place(ctx, *conn);
  std::vector<places::Area> areas;
  if (place) areas = places::list_areas(*conn, place->id);
  if (!f.sector.empty() && !is_sector(f.sector))
    return core::error_response(ctx, core::Error::invalid("Check the filters: select a sector from the list",
                                                          {{"sector", "Select a sector from the list"}}));
  if (!f.area_code.empty() &&
      std::none_of(areas.begin(), areas.end(), [&](const places::Area& a) { return a.code == f.area_code; }))
    return core::error_response(ctx, core::Error::invalid("Check the filters: select an area from the list",
                                                          {{"area", "Select an area from the list"}}));
  auto page = find_organisations(*conn, f);
  json items = json::array();
  for (const auto& o : page.organisations)
    items.push_back({{"slug", o.slug},
                     {"name", o.name},
                     {"sector", o.sector},
                     {"sector_label", sector_label(o.sector)},
                     {"org_id", o.org_id},
                     {"href", "/organisations/" + o.slug},
                     {"areas", o.areas},
                     {"wider_area", page.wider_area.count(o.id) ? json(page.wider_area.at(o.id)) : json(nullptr)}});
  json sector_options = json::array(), area_options = json::array();
  for (const auto& [c, l] : sectors())
    sector_options.push_back({{"value", c}, {"text", l}, {"selected", c == f.sector}});
  for (const auto& a : areas)
    area_options.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == f.area_code}});
  auto base = "/organisations" + query_string({{"q", f.search}, {"sector", f.sector}, {"area", f.area_code}});
  json model = {
      {"organisations", items},
      {"has_organisations", !items.empty()},
      {"total", page.total},
      {"total_text", core::count_of(page.total, "organisation")},
      {"filters", {{"q", f.search}, {"sector", f.sector}, {"area", f.area_code}}},
      {"sector_options", sector_options},
      {"area_options", area_options},
      {"pagination", core::pagination(base, f.page, kPerPage, page.total)},
      {"can_create", ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin)}};
  return core::render_page(ctx, "partners/directory", "Organisations", model, 200, {{"Home", "/"}});
}

Response organisation(core::Context& ctx) {
  json model;
  std::optional<Organisation> o;
  {
    auto conn = ctx.db().acquire();
    o = try_find_organisation_by_slug(*conn, ctx.param("slug"));
    if (!o) return core::error_page(ctx, 404, "Page not found", "There is no organisation at this address.");
    json areas = json::array();
    if (const auto& place = places::current_place(ctx, *conn))
      for (const auto& a : places::list_areas(*conn, place->id))
        if (std::find(o->areas.begin(), o->areas.end(), a.code) != o->areas.end())
          areas.push_back({{"code", a.code}, {"name", a.name}, {"href", "/areas/" + a.code}});
    json endorsements = json::array();
    for (const auto& e : endorsements_of(*conn, o->id)) endorsements.push_back(endorsement_json(e));
    model = {{"organisation",
              {{"slug", o->slug},
               {"name", o->name},
               {"sector", o->sector},
               {"sector_label", sector_label(o->sector)},
               {"org_id", opt(o->org_id)},
               {"website", opt(o->website)},
               {"description", opt(o->description)},
               {"areas", areas}}},
             {"endorsements", endorsements},
             {"has_endorsements", !endorsements.empty()},
             {"can_manage", can_manage_organisation(ctx.principal, o->id)},
             {"banner", saved_banner(ctx)}};
  }
  // People (accounts), strategies and initiatives (work), pledges and KPIs (later) plug in here.
  auto sections = ctx.app().registry().sections_for("organisation", ctx, *o);
  model["has_people_section"] =
      std::any_of(sections.begin(), sections.end(), [](const core::Section& s) { return s.key == "people"; });
  model["sections"] = core::sections_model(ctx, sections);
  return core::render_page(ctx, "partners/organisation", o->name, model, 200,
                           {{"Home", "/"}, {"Organisations", "/organisations"}});
}

std::optional<core::Section> endorsements_section(core::Context& ctx, const places::Place& place) {
  auto conn = ctx.db().acquire();
  json list = json::array();
  for (const auto& e : list_endorsements(*conn, place.id)) list.push_back(endorsement_json(e));
  return core::make_section("endorsements", "Who has endorsed the vision", "partners/endorsements_section",
                            std::move(list));
}

}  // namespace goldthread::partners
