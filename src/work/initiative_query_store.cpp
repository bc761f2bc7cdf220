// Listing queries for initiatives and strategies, and checks shared by the stores.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "places/places.hpp"
#include "work/work.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {

std::vector<std::string> strings_from_json(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& s : j)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::string check_alignments(core::Connection& c, std::int64_t place_id, const std::vector<Alignment>& alignments) {
  if (alignments.empty()) return "";
  std::map<std::int64_t, std::int64_t> priority_ambition;
  std::map<std::int64_t, bool> ambitions;
  for (const auto& a : places::list_ambitions(c, place_id)) {
    ambitions[a.id] = true;
    for (const auto& p : a.priorities) priority_ambition[p.id] = a.id;
  }
  for (const auto& a : alignments) {
    if (!ambitions.count(a.ambition_id)) return "Select ambitions of this place's vision";
    if (a.priority_id != 0) {
      auto it = priority_ambition.find(a.priority_id);
      if (it == priority_ambition.end() || it->second != a.ambition_id)
        return "Select priorities from the ambitions of this place's vision";
    }
  }
  return "";
}

namespace {

// Marks the items that do not name the area asked for (covering[0]) with the nearest wider
// area they do name. One query for the page.
void mark_wider_areas(core::Connection& c, const std::vector<places::Area>& covering,
                      std::vector<InitiativeSummary>& items) {
  std::vector<core::Value> params;
  for (const auto& i : items) params.emplace_back(i.id);
  std::map<std::int64_t, std::set<std::string>> areas_of;
  for (const auto& r : c.query("SELECT initiative_id, area_code FROM initiative_areas WHERE initiative_id IN (" +
                                   marks(items.size()) + ")",
                               params)
                           .rows)
    areas_of[r.integer(0)].insert(r.text(1));
  for (auto& i : items) {
    const auto& mine = areas_of[i.id];
    if (mine.count(covering[0].code)) continue;
    for (std::size_t k = 1; k < covering.size(); ++k)
      if (mine.count(covering[k].code)) {
        i.wider_area = places::wider_area_label(covering[k]);
        break;
      }
  }
}

}  // namespace

InitiativePage find_initiatives(core::Connection& c, const InitiativeFilter& f) {
  std::string where = " WHERE i.place_id = ?";
  std::vector<core::Value> params{f.place_id};
  if (!f.search.empty()) {
    where += " AND lower(i.title) LIKE ? ESCAPE '\\'";
    params.emplace_back(core::like_contains(f.search));
  }
  if (!f.status.empty()) {
    where += " AND i.status = ?";
    params.emplace_back(f.status);
  }
  std::vector<places::Area> covering;
  if (!f.area_code.empty()) {
    covering = places::area_and_parents(c, f.area_code);
    std::vector<std::string> codes;
    for (const auto& a : covering) codes.push_back(a.code);
    if (codes.empty()) codes.push_back(f.area_code);
    where +=
        " AND i.id IN (SELECT initiative_id FROM initiative_areas WHERE area_code IN (" + marks(codes.size()) + "))";
    for (const auto& code : codes) params.emplace_back(code);
  }
  if (!f.sector.empty()) {
    where += " AND o.sector = ?";
    params.emplace_back(f.sector);
  }
  if (f.organisation_id) {
    where +=
        " AND (i.owner_organisation_id = ? OR i.id IN "
        "(SELECT initiative_id FROM initiative_partners WHERE organisation_id = ? AND status = 'confirmed'))";
    params.emplace_back(f.organisation_id);
    params.emplace_back(f.organisation_id);
  }
  if (f.ambition_id) {
    where += " AND i.id IN (SELECT initiative_id FROM initiative_alignments WHERE ambition_id = ?";
    params.emplace_back(f.ambition_id);
    if (f.priority_id) {
      where += " AND priority_id = ?";
      params.emplace_back(f.priority_id);
    }
    where += ")";
  }
  if (f.vision_projects_only) where += " AND i.is_vision_project = 1";
  // The owner's name and sector come from the view partners publishes (partners.hpp).
  const std::string from =
      " FROM initiatives i LEFT JOIN partner_organisations o ON o.organisation_id = i.owner_organisation_id";
  InitiativePage page;
  page.total = c.query("SELECT count(*)" + from + where, params).rows.at(0).integer(0);
  int per_page = std::clamp(f.per_page, 1, 100);
  params.emplace_back(static_cast<std::int64_t>(per_page));
  params.emplace_back(static_cast<std::int64_t>(std::max(0, f.page - 1)) * per_page);
  auto rs = c.query("SELECT i.id, i.slug, i.title, i.summary, i.status, o.name, i.is_vision_project" + from + where +
                        " ORDER BY i.is_vision_project DESC, i.title, i.id LIMIT ? OFFSET ?",
                    params);
  for (const auto& r : rs.rows)
    page.items.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.integer(6) != 0, ""});
  if (covering.size() > 1 && !page.items.empty()) mark_wider_areas(c, covering, page.items);
  return page;
}

}  // namespace goldthread::work
