// The places pages' two representations, in one place: the resource (docs/API.md) and the
// template's model. Handlers (place_handlers.cpp) fill the structs and write no JSON.
#include "places/place_views.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "core/site_map.hpp"

namespace goldthread::places {
using nlohmann::json;

json paragraphs(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find("\n\n", start);
    auto part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!part.empty()) out.push_back(part);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

json place_json(const Place& p) {
  return {{"slug", p.slug},
          {"name", p.name},
          {"vision_title", p.vision_title},
          {"partnership", p.partnership},
          {"purpose", p.purpose},
          {"why", p.why},
          {"who_started", paragraphs(p.who_started)},
          {"epigraph", {{"paragraphs", paragraphs(p.epigraph_text)}, {"by", p.epigraph_by}}},
          {"ambitions_intro", p.ambitions_intro},
          {"quotes", json::parse(p.quotes_json, nullptr, false)},
          {"attribution", json::parse(p.attribution_json, nullptr, false)}};
}

json area_json(const Area& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"type", a.area_type},
          {"tier", a.tier},
          {"parent_code", a.parent_code.empty() ? json(nullptr) : json(a.parent_code)},
          {"council", a.council},
          {"org_id", a.org_id},
          {"href", "/areas/" + a.code}};
}

json ambition_json(const Ambition& a) {
  json ps = json::array();
  for (const auto& p : a.priorities) ps.push_back({{"slug", p.slug}, {"title", p.title}});
  return {{"slug", a.slug},
          {"number", a.number},
          {"title", a.title},
          {"summary", a.summary},
          {"description", paragraphs(a.description)},
          {"quote", a.quote},
          {"priority_statement", a.priority_statement},
          {"priorities", ps},
          {"href", "/ambitions/" + a.slug}};
}

namespace {

// What a page about one part of the place says about the place itself.
json place_ref(const Place& p) {
  return {{"slug", p.slug}, {"name", p.name}, {"href", "/vision"}};
}

// The ambition as a resource: its description as written, priorities with their anchors.
json ambition_resource(const Ambition& a) {
  json ps = json::array();
  for (const auto& p : a.priorities)
    ps.push_back(
        {{"id", p.id}, {"slug", p.slug}, {"title", p.title}, {"href", "/ambitions/" + a.slug + "#priority-" + p.slug}});
  return {{"id", a.id},
          {"slug", a.slug},
          {"href", "/ambitions/" + a.slug},
          {"number", a.number},
          {"title", a.title},
          {"summary", a.summary},
          {"description", a.description},
          {"quote", a.quote},
          {"priority_statement", a.priority_statement},
          {"priorities", ps}};
}

json ambitions_of(const std::vector<Ambition>& list, bool screen) {
  json out = json::array();
  for (const auto& a : list) out.push_back(screen ? ambition_json(a) : ambition_resource(a));
  return out;
}

json vision_model(const VisionView& v, const core::Context& ctx) {
  return {{"place", place_json(*v.place)},
          {"ambitions", ambitions_of(v.ambitions, true)},
          {"sections", core::sections_model(ctx, v.sections)}};
}

}  // namespace

void to_json(json& j, const VisionView& v, const core::Context& ctx) {
  j = {{"place", place_json(*v.place)},
       {"ambitions", ambitions_of(v.ambitions, false)},
       {"sections", core::sections_model(ctx, v.sections)}};
}

void home_screen_json(json& j, const VisionView& v, core::Context& ctx) {
  const Place& place = *v.place;
  j = vision_model(v, ctx);
  j["intro"] = place.vision_title + " is where the councils, NHS, police, voluntary groups, businesses and " +
               "residents of " + place.name + " plan its future together, act on it and check that it is " +
               "happening.";
  j["actions"] = core::site_sections_model(ctx);
  j["anonymous"] = !ctx.principal.signed_in();
}

void vision_resource_json(json& j, const VisionView& v, core::Context& ctx) {
  to_json(j, v, ctx);
  // The vision page is its section's landing: the pages of the section are its links.
  auto links = core::section_links_model(ctx, "vision");
  links.erase("has_links");
  links.erase("has_coming");
  j["site_links"] = std::move(links);
}

void vision_screen_json(json& j, const VisionView& v, core::Context& ctx) {
  j = vision_model(v, ctx);
  j["site_links"] = core::section_links_model(ctx, "vision");
}

void to_json(json& j, const AmbitionView& v, const core::Context& ctx) {
  j = ambition_resource(v.ambition);
  j["place"] = place_ref(v.place);
  j["sections"] = core::sections_model(ctx, v.sections);
}

void screen_json(json& j, const AmbitionView& v, const core::Context& ctx) {
  j = {{"place", place_json(v.place)},
       {"ambition", ambition_json(v.ambition)},
       {"sections", core::sections_model(ctx, v.sections)}};
}

void to_json(json& j, const AreaView& v, const core::Context& ctx) {
  j = area_json(v.area);
  j["place"] = place_ref(v.place);
  j["sections"] = core::sections_model(ctx, v.sections);
}

void screen_json(json& j, const AreaView& v, const core::Context& ctx) {
  j = {
      {"place", place_json(v.place)}, {"area", area_json(v.area)}, {"sections", core::sections_model(ctx, v.sections)}};
}

void ambitions_json(json& j, const PlaceListsView& v, bool screen) {
  j = {{"place", screen ? place_json(*v.place) : place_ref(*v.place)},
       {"ambitions", ambitions_of(v.ambitions, screen)}};
}

void areas_json(json& j, const PlaceListsView& v, bool screen) {
  json list = json::array();
  for (const auto& a : v.areas) list.push_back(area_json(a));
  j = {{"place", screen ? place_json(*v.place) : place_ref(*v.place)}, {"areas", list}, {"count", list.size()}};
}

void building_blocks_json(json& j, const PlaceListsView& v, bool screen) {
  json list = json::array();
  for (const auto& b : v.building_blocks)
    list.push_back({{"number", b.number}, {"slug", b.slug}, {"title", b.title}, {"description", b.description}});
  j = {{"place", screen ? place_json(*v.place) : place_ref(*v.place)}, {"building_blocks", list}};
}

void road_map_json(json& j, const PlaceListsView& v, bool screen) {
  std::map<std::string, std::string> block_titles;
  for (const auto& b : v.building_blocks) block_titles[b.slug] = b.title;
  json soon = json::array(), later = json::array();
  for (const auto& r : v.recommendations) {
    json blocks = json::array();
    for (const auto& s : json::parse(r.building_blocks_json, nullptr, false))
      if (s.is_string()) blocks.push_back({{"slug", s}, {"title", block_titles[s.get<std::string>()]}});
    json rec = {{"number", r.number},
                {"slug", r.slug},
                {"title", r.title},
                {"horizon", r.horizon},
                {"aim", r.aim},
                {"actions", json::parse(r.actions_json, nullptr, false)},
                {"building_blocks", blocks},
                {"building_blocks_note", r.building_blocks_note}};
    if (screen) rec["has_building_blocks"] = !blocks.empty();
    (r.horizon == "longer term" ? later : soon).push_back(std::move(rec));
  }
  j = {{"place", screen ? place_json(*v.place) : place_ref(*v.place)},
       {"next_3_to_6_months", soon},
       {"longer_term", later}};
}

void statement_of_intent_json(json& j, const PlaceListsView& v, bool screen) {
  if (screen)
    j = {{"place", place_json(*v.place)}, {"statement_of_intent", paragraphs(v.place->statement_of_intent)}};
  else
    j = {{"place", place_ref(*v.place)}, {"statement_of_intent", v.place->statement_of_intent}};
}

// A vision project's links to ambitions and priorities are inferred from its description
// (links_note says so); each is named by its title, unknown slugs left out.
void vision_projects_json(json& j, const PlaceListsView& v, bool screen) {
  std::map<std::string, std::string> ambition_titles, priority_titles;
  for (const auto& a : v.ambitions) {
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
  for (const auto& p : v.vision_projects)
    list.push_back({{"slug", p.slug},
                    {"name", p.name},
                    {"focus", p.focus},
                    {"ambitions", titled(p.ambitions_json, ambition_titles)},
                    {"priorities", titled(p.priorities_json, priority_titles)},
                    {"links_note", p.links_note}});
  j = {{"place", screen ? place_json(*v.place) : place_ref(*v.place)}, {"vision_projects", list}};
}

}  // namespace goldthread::places
