// The directory of organisations, an organisation's page, and the endorsements section of
// the vision page. Models are typed (partner_views.hpp), written as JSON in partner_json.cpp.
#include "partners/partner_handlers.hpp"

#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partner_views.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerPage = 20;

// The success banner after a form was saved and redirected here.
std::optional<std::string> saved_banner(const core::Context& ctx) {
  auto saved = ctx.query("saved").value_or("");
  if (saved == "created") return "Organisation added";
  if (saved == "updated") return "Changes saved";
  if (saved == "endorsement") return "Endorsement recorded";
  return std::nullopt;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params)
    if (!v.empty()) out += (out.empty() ? "?" : "&") + k + "=" + core::url_encode(v);
  return out;
}

}  // namespace

Response directory(core::Context& ctx) {
  DirectoryView v;
  auto& f = v.filter;
  f.search = ctx.query("q").value_or("");
  if (f.search.size() > 200) f.search.resize(200);
  f.sector = ctx.query("sector").value_or("");
  f.area_code = ctx.query("area").value_or("");
  f.page = core::page_param(ctx);
  f.per_page = kPerPage;
  auto conn = ctx.db().acquire();
  const auto& place = places::current_place(ctx, *conn);
  if (place) v.areas = places::list_areas(*conn, place->id);
  if (!f.sector.empty() && !is_sector(f.sector))
    return core::error_response(ctx, core::Error::invalid("Check the filters: select a sector from the list",
                                                          {{"sector", "Select a sector from the list"}}));
  if (!f.area_code.empty() &&
      std::none_of(v.areas.begin(), v.areas.end(), [&](const places::Area& a) { return a.code == f.area_code; }))
    return core::error_response(ctx, core::Error::invalid("Check the filters: select an area from the list",
                                                          {{"area", "Select an area from the list"}}));
  v.page = find_organisations(*conn, f);
  v.base_href = "/organisations" + query_string({{"q", f.search}, {"sector", f.sector}, {"area", f.area_code}});
  const bool can_create = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin);
  return core::render_page(ctx, {.template_name = "partners/directory",
                                 .title = "Organisations",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v, can_create); }});
}

Response organisation(core::Context& ctx) {
  OrganisationView v;
  {
    auto conn = ctx.db().acquire();
    auto o = try_find_organisation_by_slug(*conn, ctx.param("slug"));
    if (!o) return core::error_page(ctx, 404, "Page not found", "There is no organisation at this address.");
    v.organisation = std::move(*o);
    if (const auto& place = places::current_place(ctx, *conn))
      for (auto& a : places::list_areas(*conn, place->id))
        if (std::find(v.organisation.areas.begin(), v.organisation.areas.end(), a.code) != v.organisation.areas.end())
          v.areas.push_back(std::move(a));
    v.endorsements = endorsements_of(*conn, v.organisation.id);
  }
  // People (accounts), strategies and initiatives (work), pledges and KPIs (later) plug in here.
  v.sections = ctx.app().registry().sections_for("organisation", ctx, v.organisation);
  OrganisationScreen screen;
  if (!ctx.wants_json()) screen = {can_manage_organisation(ctx.principal, v.organisation.id), saved_banner(ctx)};
  return core::render_page(ctx, {.template_name = "partners/organisation",
                                 .title = v.organisation.name,
                                 .crumbs = {{"Home", "/"}, {"Organisations", "/organisations"}},
                                 .resource = [&](json& j) { to_json(j, v, ctx); },
                                 .screen = [&](json& j) { screen_json(j, v, screen, ctx); }});
}

std::optional<core::Section> endorsements_section(core::Context& ctx, const places::Place& place) {
  auto conn = ctx.db().acquire();
  return endorsements_section_of(list_endorsements(*conn, place.id));
}

}  // namespace goldthread::partners
