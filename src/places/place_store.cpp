// Queries for the places capability (the only C++ here with SQL).
#include "places/place_store.hpp"

#include <map>
#include <regex>
#include <set>

#include "core/context.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "places/places.hpp"

namespace goldthread::places {

using core::Row;

namespace {
struct CurrentPlace {  // Context::memo key
  using type = std::optional<Place>;
};
}  // namespace

const std::optional<Place>& current_place(core::Context& ctx, core::Connection& c) {
  return ctx.memo<CurrentPlace>([&] { return try_current_place(c); });
}

std::optional<Place> try_current_place(core::Connection& c) {
  auto rs = c.query(
      "SELECT id, slug, name, vision_title, partnership, purpose, why, who_started, epigraph_text, epigraph_by, "
      "ambitions_intro, statement_of_intent, quotes_json, sources_json, attribution_json FROM places ORDER BY id LIMIT "
      "1");
  if (rs.rows.empty()) return std::nullopt;
  const Row& r = rs.rows[0];
  Place p;
  p.id = r.integer(0);
  p.slug = r.text(1);
  p.name = r.text(2);
  p.vision_title = r.text(3);
  p.partnership = r.text(4);
  p.purpose = r.text(5);
  p.why = r.text(6);
  p.who_started = r.text(7);
  p.epigraph_text = r.text(8);
  p.epigraph_by = r.text(9);
  p.ambitions_intro = r.text(10);
  p.statement_of_intent = r.text(11);
  p.quotes_json = r.text(12);
  p.sources_json = r.text(13);
  p.attribution_json = r.text(14);
  return p;
}

namespace {
Area area_from(const Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}
constexpr const char* kAreaCols = "id, code, name, area_type, tier, parent_code, council, org_id";

std::vector<Priority> priorities_of(core::Connection& c, std::int64_t place_id) {
  auto rs = c.query(
      "SELECT p.id, p.ambition_id, p.slug, p.title FROM priorities p JOIN ambitions a ON a.id = p.ambition_id "
      "WHERE a.place_id = ? ORDER BY a.number, p.position",
      {place_id});
  std::vector<Priority> out;
  for (const auto& r : rs.rows) out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3)});
  return out;
}

Ambition ambition_from(const Row& r) {
  Ambition a;
  a.id = r.integer(0);
  a.number = static_cast<int>(r.integer(1));
  a.slug = r.text(2);
  a.title = r.text(3);
  a.summary = r.text(4);
  a.description = r.text(5);
  a.quote = r.text(6);
  a.priority_statement = r.text(7);
  return a;
}
constexpr const char* kAmbitionCols = "id, number, slug, title, summary, description, quote, priority_statement";
}  // namespace

std::vector<Area> list_areas(core::Connection& c, std::int64_t place_id) {
  auto rs =
      c.query(std::string("SELECT ") + kAreaCols + " FROM areas WHERE place_id = ? ORDER BY position", {place_id});
  std::vector<Area> out;
  for (const auto& r : rs.rows) out.push_back(area_from(r));
  return out;
}

std::optional<Area> try_find_area(core::Connection& c, std::int64_t place_id, const std::string& code) {
  auto rs =
      c.query(std::string("SELECT ") + kAreaCols + " FROM areas WHERE place_id = ? AND code = ?", {place_id, code});
  if (rs.rows.empty()) return std::nullopt;
  return area_from(rs.rows[0]);
}

std::vector<Ambition> list_ambitions(core::Connection& c, std::int64_t place_id) {
  auto rs = c.query(std::string("SELECT ") + kAmbitionCols + " FROM ambitions WHERE place_id = ? ORDER BY number",
                    {place_id});
  std::vector<Ambition> out;
  for (const auto& r : rs.rows) out.push_back(ambition_from(r));
  for (auto& p : priorities_of(c, place_id))
    for (auto& a : out)
      if (a.id == p.ambition_id) a.priorities.push_back(p);
  return out;
}

std::optional<Ambition> try_find_ambition(core::Connection& c, std::int64_t place_id, const std::string& slug) {
  auto rs = c.query(std::string("SELECT ") + kAmbitionCols + " FROM ambitions WHERE place_id = ? AND slug = ?",
                    {place_id, slug});
  if (rs.rows.empty()) return std::nullopt;
  Ambition a = ambition_from(rs.rows[0]);
  auto ps =
      c.query("SELECT id, ambition_id, slug, title FROM priorities WHERE ambition_id = ? ORDER BY position", {a.id});
  for (const auto& r : ps.rows) a.priorities.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3)});
  return a;
}

std::vector<Area> area_and_parents(core::Connection& c, const std::string& code) {
  auto rs = c.query(std::string("SELECT ") + kAreaCols +
                        " FROM areas WHERE place_id IN (SELECT place_id FROM areas WHERE code = ?) ORDER BY position",
                    {code});
  std::map<std::string, Area> by_code;
  for (const auto& r : rs.rows) {
    auto a = area_from(r);
    by_code.emplace(a.code, std::move(a));
  }
  std::vector<Area> out;
  std::set<std::string> seen;  // a cycle in parent codes must not loop forever
  for (auto it = by_code.find(code); it != by_code.end() && seen.insert(it->first).second;
       it = by_code.find(it->second.parent_code))
    out.push_back(it->second);
  return out;
}

std::vector<std::string> area_codes_covering(core::Connection& c, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& a : area_and_parents(c, code)) out.push_back(a.code);
  if (out.empty()) out.push_back(code);
  return out;
}

std::string wider_area_label(const Area& wider) {
  return wider.area_type == "County" ? "County-wide" : "Covers all of " + wider.name;
}

bool is_area_code(const std::string& s) {
  return core::is_area_code(s);
}

std::vector<BuildingBlock> list_building_blocks(core::Connection& c, std::int64_t place_id) {
  std::vector<BuildingBlock> out;
  for (const auto& r :
       c.query("SELECT number, slug, title, description FROM building_blocks WHERE place_id = ? ORDER BY number",
               {place_id})
           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

std::vector<Recommendation> list_recommendations(core::Connection& c, std::int64_t place_id) {
  std::vector<Recommendation> out;
  for (const auto& r : c.query("SELECT number, slug, title, horizon, aim, actions_json, building_blocks_json, "
                               "building_blocks_note FROM recommendations WHERE place_id = ? ORDER BY number",
                               {place_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
  return out;
}

std::vector<VisionProject> list_vision_projects(core::Connection& c, std::int64_t place_id) {
  std::vector<VisionProject> out;
  for (const auto& r :
       c.query("SELECT slug, name, focus, ambitions_json, priorities_json, links_note FROM vision_projects "
               "WHERE place_id = ? ORDER BY position",
               {place_id})
           .rows)
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
  return out;
}

std::vector<JointWorking> joint_working_of(core::Connection& c, std::int64_t ambition_id) {
  std::vector<JointWorking> out;
  for (const auto& r : c.query("SELECT p.title, j.activity, j.initiatives_json, j.partners_json FROM joint_working j "
                               "JOIN ambitions a ON a.slug = j.ambition_slug AND a.place_id = j.place_id "
                               "JOIN priorities p ON p.ambition_id = a.id AND p.slug = j.priority_slug "
                               "WHERE a.id = ? ORDER BY j.position",
                               {ambition_id})
                           .rows)
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

void stamp_place(core::Connection& c, std::int64_t place_id, bool created, const std::string& now) {
  if (created)
    c.query("UPDATE places SET created_at = ?, updated_at = ? WHERE id = ?", {now, now, place_id});
  else
    c.query("UPDATE places SET updated_at = ? WHERE id = ?", {now, place_id});
}

void index_vision(core::Connection& c, std::int64_t place_id) {
  for (const auto& a : list_ambitions(c, place_id)) {
    core::search::index(c, "ambition", a.id, a.title, a.summary + "\n" + a.description + "\n" + a.priority_statement,
                        "/ambitions/" + a.slug);
    for (const auto& p : a.priorities)
      core::search::index(c, "priority", p.id, p.title, a.title, "/ambitions/" + a.slug + "#priority-" + p.slug);
  }
}

}  // namespace goldthread::places
