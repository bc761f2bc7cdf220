#include "places/place_handlers.hpp"

#include "core/app.hpp"
#include "core/page.hpp"
#include "places/place_store.hpp"
#include "places/place_views.hpp"

namespace goldthread::places {
using core::Response;
using nlohmann::json;

namespace {

// Every places page needs the place; before the first import there is none.
std::optional<Place> place_or_none(core::Connection& c) { return try_current_place(c); }

Response no_place(core::Context& ctx) {
  return core::error_page(ctx, 404, "No place has been set up yet",
                          "An administrator needs to import a place file: goldthread import place FILE.");
}

json sections_json(core::Context& ctx, const std::string& slot, std::int64_t id) {
  json out = json::array();
  for (auto& s : ctx.app().registry().sections_for(slot, ctx, id))
    out.push_back({{"key", s.key}, {"heading", s.heading}, {"html", s.html},
                   {"model", json::parse(s.model_json, nullptr, false)}});
  return out;
}

// The JSON twin carries each section's model, not its HTML.
json strip_html(json sections) {
  for (auto& s : sections) s.erase("html");
  return sections;
}

}  // namespace

Response home(core::Context& ctx) {
  json model;
  std::int64_t place_id = 0;
  std::string title;
  {
    auto conn = ctx.db().acquire();
    auto place = place_or_none(*conn);
    if (!place) return no_place(ctx);
    json ambs = json::array();
    for (const auto& a : list_ambitions(*conn, place->id)) ambs.push_back(ambition_json(a));
    model = {{"place", place_json(*place)}, {"ambitions", ambs}};
    place_id = place->id;
    title = place->vision_title;
  }
  // Other capabilities add to the vision page (e.g. who has endorsed it).
  json sections = sections_json(ctx, "vision", place_id);
  model["sections"] = ctx.wants_json() ? strip_html(sections) : sections;
  return core::render_page(ctx, "places/home", title, model);
}

Response ambitions(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  json ambs = json::array();
  for (const auto& a : list_ambitions(*conn, place->id)) ambs.push_back(ambition_json(a));
  json model = {{"place", place_json(*place)}, {"ambitions", ambs}};
  return core::render_page(ctx, "places/ambitions", "Our ambitions", model, 200, {{"Home", "/"}});
}

Response ambition(core::Context& ctx) {
  std::optional<Ambition> a;
  json place_j;
  {
    auto conn = ctx.db().acquire();
    auto place = place_or_none(*conn);
    if (!place) return no_place(ctx);
    a = try_find_ambition(*conn, place->id, ctx.param("slug"));
    place_j = place_json(*place);
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no ambition at this address.");
  json sections = sections_json(ctx, "ambition", a->id);
  json model = {{"place", place_j}, {"ambition", ambition_json(*a)}};
  if (ctx.wants_json()) {
    model["sections"] = strip_html(sections);
    return core::render_page(ctx, "places/ambition", a->title, model);
  }
  model["sections"] = sections;
  return core::render_page(ctx, "places/ambition", a->title, model, 200, {{"Home", "/"}, {"Ambitions", "/ambitions"}});
}

Response areas(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  json list = json::array();
  for (const auto& a : list_areas(*conn, place->id)) list.push_back(area_json(a));
  json model = {{"place", place_json(*place)}, {"areas", list}, {"count", list.size()}};
  return core::render_page(ctx, "places/areas", "Areas", model, 200, {{"Home", "/"}});
}

Response area(core::Context& ctx) {
  std::optional<Area> a;
  json place_j;
  {
    auto conn = ctx.db().acquire();
    auto place = place_or_none(*conn);
    if (!place) return no_place(ctx);
    const auto& code = ctx.param("code");
    if (is_area_code(code)) a = try_find_area(*conn, place->id, code);
    place_j = place_json(*place);
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no area with this code.");
  json sections = sections_json(ctx, "area", a->id);
  json model = {{"place", place_j}, {"area", area_json(*a)}};
  model["sections"] = ctx.wants_json() ? strip_html(sections) : sections;
  return core::render_page(ctx, "places/area", a->name, model, 200, {{"Home", "/"}, {"Areas", "/areas"}});
}

Response building_blocks(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  json list = json::array();
  for (const auto& b : list_building_blocks(*conn, place->id))
    list.push_back({{"number", b.number}, {"slug", b.slug}, {"title", b.title}, {"description", b.description}});
  json model = {{"place", place_json(*place)}, {"building_blocks", list}};
  return core::render_page(ctx, "places/building_blocks", "The nine building blocks", model, 200, {{"Home", "/"}});
}

Response road_map(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  std::map<std::string, std::string> block_titles;
  for (const auto& b : list_building_blocks(*conn, place->id)) block_titles[b.slug] = b.title;
  json soon = json::array(), later = json::array();
  for (const auto& r : list_recommendations(*conn, place->id)) {
    json blocks = json::array();
    for (const auto& s : json::parse(r.building_blocks_json, nullptr, false))
      if (s.is_string()) blocks.push_back({{"slug", s}, {"title", block_titles[s.get<std::string>()]}});
    json rec = {{"number", r.number}, {"slug", r.slug}, {"title", r.title}, {"horizon", r.horizon},
                {"aim", r.aim}, {"actions", json::parse(r.actions_json, nullptr, false)}, {"building_blocks", blocks},
                {"has_building_blocks", !blocks.empty()}, {"building_blocks_note", r.building_blocks_note}};
    (r.horizon == "longer term" ? later : soon).push_back(rec);
  }
  json model = {{"place", place_json(*place)}, {"next_3_to_6_months", soon}, {"longer_term", later}};
  return core::render_page(ctx, "places/road_map", "The road map", model, 200, {{"Home", "/"}});
}

Response statement_of_intent(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  json model = {{"place", place_json(*place)}, {"statement_of_intent", paragraphs(place->statement_of_intent)}};
  return core::render_page(ctx, "places/statement_of_intent", "Statement of intent", model, 200, {{"Home", "/"}});
}

Response vision_projects(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = place_or_none(*conn);
  if (!place) return no_place(ctx);
  json list = json::array();
  for (const auto& v : list_vision_projects(*conn, place->id))
    list.push_back({{"slug", v.slug}, {"name", v.name}, {"focus", v.focus}});
  json model = {{"place", place_json(*place)}, {"vision_projects", list}};
  return core::render_page(ctx, "places/vision_projects", "Vision projects", model, 200, {{"Home", "/"}});
}

}  // namespace goldthread::places
