// The places pages. Each fills a typed view (place_views.hpp) with a fixed number of queries;
// place_views.cpp writes the resource (the JSON twin) and the template's model.
#include "places/place_handlers.hpp"

#include <nlohmann/json_fwd.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "places/place_store.hpp"
#include "places/place_views.hpp"

namespace goldthread::places {
using core::Response;
using nlohmann::json;

namespace {

// Every places page needs the place (loaded once per request); before the first import there is none.
const std::optional<Place>& place_or_none(core::Context& ctx, core::Connection& c) {
  return current_place(ctx, c);
}

Response no_place(core::Context& ctx) {
  return core::error_page(ctx, 404, "No place has been set up yet",
                          "An administrator needs to import a place file: goldthread import place FILE.");
}

// The vision's purpose, why, ambitions and what other capabilities add to it (the "vision"
// slot, e.g. who has endorsed it): shared by the home page and the vision page.
std::optional<VisionView> vision_view(core::Context& ctx) {
  VisionView v;
  {
    auto conn = ctx.db().acquire();
    const auto& p = place_or_none(ctx, *conn);
    if (!p) return std::nullopt;
    v.place = &*p;
    v.ambitions = list_ambitions(*conn, p->id);
  }
  v.sections = ctx.app().registry().sections_for("vision", ctx, *v.place);
  return v;
}

// A list page of the place: `fill` loads its part, `write` writes both representations.
template <class Fill>
Response list_page(core::Context& ctx, const std::string& template_name, const std::string& title, Fill fill,
                   void (*write)(json&, const PlaceListsView&, bool)) {
  PlaceListsView v;
  {
    auto conn = ctx.db().acquire();
    const auto& place = place_or_none(ctx, *conn);
    if (!place) return no_place(ctx);
    v.place = &*place;
    fill(*conn, v);
  }
  return core::render_page(ctx, {.template_name = template_name,
                                 .title = title,
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { write(j, v, false); },
                                 .screen = [&](json& j) { write(j, v, true); }});
}

}  // namespace

// The front door: what the site is, in one sentence, and what a visitor can do here.
Response home(core::Context& ctx) {
  auto v = vision_view(ctx);
  if (!v) return no_place(ctx);
  return core::render_page(ctx, {.template_name = "places/home",
                                 .title = ctx.app().service_name,
                                 .resource = [&](json& j) { to_json(j, *v, ctx); },
                                 .screen = [&](json& j) { home_screen_json(j, *v, ctx); }});
}

Response vision(core::Context& ctx) {
  auto v = vision_view(ctx);
  if (!v) return no_place(ctx);
  return core::render_page(ctx, {.template_name = "places/vision",
                                 .title = "The vision",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { vision_resource_json(j, *v, ctx); },
                                 .screen = [&](json& j) { vision_screen_json(j, *v, ctx); }});
}

Response ambitions(core::Context& ctx) {
  return list_page(
      ctx, "places/ambitions", "Our ambitions",
      [](core::Connection& c, PlaceListsView& v) { v.ambitions = list_ambitions(c, v.place->id); }, ambitions_json);
}

Response ambition(core::Context& ctx) {
  std::optional<AmbitionView> v;
  {
    auto conn = ctx.db().acquire();
    const auto& place = place_or_none(ctx, *conn);
    if (!place) return no_place(ctx);
    if (auto a = try_find_ambition(*conn, place->id, ctx.param("slug"))) v = AmbitionView{*place, std::move(*a), {}};
  }
  if (!v) return core::error_page(ctx, 404, "Page not found", "There is no ambition at this address.");
  v->sections = ctx.app().registry().sections_for("ambition", ctx, v->ambition);
  return core::render_page(ctx, {.template_name = "places/ambition",
                                 .title = v->ambition.title,
                                 .crumbs = {{"Home", "/"}, {"Ambitions", "/ambitions"}},
                                 .resource = [&](json& j) { to_json(j, *v, ctx); },
                                 .screen = [&](json& j) { screen_json(j, *v, ctx); }});
}

Response areas(core::Context& ctx) {
  return list_page(
      ctx, "places/areas", "Areas",
      [](core::Connection& c, PlaceListsView& v) { v.areas = list_areas(c, v.place->id); }, areas_json);
}

Response area(core::Context& ctx) {
  std::optional<AreaView> v;
  {
    auto conn = ctx.db().acquire();
    const auto& place = place_or_none(ctx, *conn);
    if (!place) return no_place(ctx);
    const auto& code = ctx.param("code");
    if (is_area_code(code))
      if (auto a = try_find_area(*conn, place->id, code)) v = AreaView{*place, std::move(*a), {}};
  }
  if (!v) return core::error_page(ctx, 404, "Page not found", "There is no area with this code.");
  v->sections = ctx.app().registry().sections_for("area", ctx, v->area);
  return core::render_page(ctx, {.template_name = "places/area",
                                 .title = v->area.name,
                                 .crumbs = {{"Home", "/"}, {"Areas", "/areas"}},
                                 .resource = [&](json& j) { to_json(j, *v, ctx); },
                                 .screen = [&](json& j) { screen_json(j, *v, ctx); }});
}

Response building_blocks(core::Context& ctx) {
  return list_page(
      ctx, "places/building_blocks", "The nine building blocks",
      [](core::Connection& c, PlaceListsView& v) { v.building_blocks = list_building_blocks(c, v.place->id); },
      building_blocks_json);
}

Response road_map(core::Context& ctx) {
  return list_page(
      ctx, "places/road_map", "The road map",
      [](core::Connection& c, PlaceListsView& v) {
        v.building_blocks = list_building_blocks(c, v.place->id);
        v.recommendations = list_recommendations(c, v.place->id);
      },
      road_map_json);
}

Response statement_of_intent(core::Context& ctx) {
  return list_page(
      ctx, "places/statement_of_intent", "Statement of intent", [](core::Connection&, PlaceListsView&) {},
      statement_of_intent_json);
}

Response vision_projects(core::Context& ctx) {
  return list_page(
      ctx, "places/vision_projects", "Vision projects",
      [](core::Connection& c, PlaceListsView& v) {
        v.vision_projects = list_vision_projects(c, v.place->id);
        v.ambitions = list_ambitions(c, v.place->id);  // to name the ambitions each project serves
      },
      vision_projects_json);
}

}  // namespace goldthread::places
