#include "places/place_handlers.hpp"

#include <map>

#include "core/app.hpp"
#include "core/page.hpp"
#include "places/place_store.hpp"
#include "core/site_map.hpp"
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

// What other capabilities add to the page about `subject` (e.g. the work serving an ambition).
template <class Subject>
json sections_json(core::Context& ctx, const std::string& slot, const Subject& subject) {
  return core::sections_model(ctx, ctx.app().registry().sections_for(slot, ctx, subject));
}

}  // namespace

namespace {

// The vision's purpose, why, ambitions and what other capabilities add to it (the "vision"
// slot, e.g. who has endorsed it): shared by the home page and the vision page.
std::optional<json> vision_model(core::Context& ctx, const Place** out) {
  json model;
  const Place* place = nullptr;
  {
    auto conn = ctx.db().acquire();
    const auto& p = place_or_none(ctx, *conn);
    if (!p) return std::nullopt;
    place = &*p;
    json ambs = json::array();
    for (const auto& a : list_ambitions(*conn, place->id)) ambs.push_back(ambition_json(a));
    model = {{"place", place_json(*place)}, {"ambitions", ambs}};
  }
  model["sections"] = sections_json(ctx, "vision", *place);
  *out = place;
  return model;
}

}  // namespace

// The front door: what the site is, in one sentence, and what a visitor can do here.
Response home(core::Context& ctx) {
  const Place* place = nullptr;
  auto model = vision_model(ctx, &place);
  if (!model) return no_place(ctx);
  (*model)["intro"] = place->vision_title + " is where the councils, NHS, police, voluntary groups, businesses and " +
                      "residents of " + place->name + " plan its future together, act on it and check that it is " +
                      "happening.";
  (*model)["actions"] = core::site_sections_model(ctx);
  (*model)["anonymous"] = !ctx.principal.signed_in();
  return core::render_page(ctx, "places/home", ctx.app().service_name, *model);
}

Response vision(core::Context& ctx) {
  const Place* place = nullptr;
  auto model = vision_model(ctx, &place);
  if (!model) return no_place(ctx);
  (*model)["site_links"] = core::section_links_model(ctx, "vision");
  return core::render_page(ctx, "places/vision", "The vision", *model, 200, {{"Home", "/"}});
}

Response ambitions(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = place_or_none(ctx, *conn);
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
    const auto& place = place_or_none(ctx, *conn);
    if (!place) return no_place(ctx);
    a = try_find_ambition(*conn, place->id, ctx.param("slug"));
    place_j = place_json(*place);
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no ambition at this address.");
  json model = {{"place", place_j}, {"ambition", ambition_json(*a)}, {"sections", sections_json(ctx, "ambition", *a)}};
  if (ctx.wants_json()) return core::render_page(ctx, "places/ambition", a->title, model);
  return core::render_page(ctx, "places/ambition", a->title, model, 200, {{"Home", "/"}, {"Ambitions", "/ambitions"}});
}

Response areas(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = place_or_none(ctx, *conn);
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
    const auto& place = place_or_none(ctx, *conn);
    if (!place) return no_place(ctx);
    const auto& code = ctx.param("code");
    if (is_area_code(code)) a = try_find_area(*conn, place->id, code);
    place_j = place_json(*place);
  }
  if (!a) return core::error_page(ctx, 404, "Page not found", "There is no area with this code.");
  json model = {{"place", place_j}, {"area", area_json(*a)}, {"sections", sections_json(ctx, "area", *a)}};
  return core::render_page(ctx, "places/area", a->name, model, 200, {{"Home", "/"}, {"Areas", "/areas"}});
}

Response building_blocks(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = place_or_none(ctx, *conn);
  if (!place) return no_place(ctx);
  json list = json::array();
  for (const auto& b : list_building_blocks(*conn, place->id))
    list.push_back({{"number", b.number}, {"slug", b.slug}, {"title", b.title}, {"description", b.description}});
  json model = {{"place", place_json(*place)}, {"building_blocks", list}};
  return core::render_page(ctx, "places/building_blocks", "The nine building blocks", model, 200, {{"Home", "/"}});
}

Response road_map(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = place_or_none(ctx, *conn);
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
  const auto& place = place_or_none(ctx, *conn);
  if (!place) return no_place(ctx);
  json model = {{"place", place_json(*place)}, {"statement_of_intent", paragraphs(place->statement_of_intent)}};
  return core::render_page(ctx, "places/statement_of_intent", "Statement of intent", model, 200, {{"Home", "/"}});
}

Response vision_projects(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = place_or_none(ctx, *conn);
  if (!place) return no_place(ctx);
  std::map<std::string, std::string> ambition_titles, priority_titles;
  for (const auto& a : list_ambitions(*conn, place->id)) {
    ambition_titles[a.slug] = a.title;
    for (const auto& p : a.priorities) priority_titles[p.slug] = p.title;
  }
  auto titled = [](const std::string& slugs_json, const std::map<std::string, std::string>& titles) {
    json out = json::array();
    for (const auto& s : json::parse(slugs_json, nullptr, false))
      if (s.is_string() && titles.count(s.get<std::string>()))
        out.push_back({{"slug", s}, {"title", titles.at(s.get<std::string>())}});
    return out;
  };
  json list = json::array();
  for (const auto& v : list_vision_projects(*conn, place->id))
    list.push_back({{"slug", v.slug}, {"name", v.name}, {"focus", v.focus},
                    {"ambitions", titled(v.ambitions_json, ambition_titles)},
                    {"priorities", titled(v.priorities_json, priority_titles)}, {"links_note", v.links_note}});
  json model = {{"place", place_json(*place)}, {"vision_projects", list}};
  return core::render_page(ctx, "places/vision_projects", "Vision projects", model, 200, {{"Home", "/"}});
}

}  // namespace goldthread::places
