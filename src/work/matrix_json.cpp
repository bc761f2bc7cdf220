// The two representations of the alignment matrix, in one place (work/matrix_views.hpp).
// Handlers build the struct and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "partners/partners.hpp"
#include "work/matrix_views.hpp"

namespace goldthread::work {
using nlohmann::json;

Counts MatrixView::counts(std::int64_t ambition, std::int64_t priority) const {
  auto it = data.cells.find({ambition, priority});
  return it == data.cells.end() ? Counts{} : it->second;
}

std::string MatrixView::csv_href() const {
  return "/alignment.csv" + query_string({{"area", filter.area_code}, {"sector", filter.sector}});
}

namespace {

json counts_json(const Counts& c) {
  return {{"initiatives", c.initiatives},
          {"strategies", c.strategies},
          {"organisations", c.organisations},
          {"gap", MatrixView::gap(c)}};
}

std::string priority_href(const places::Ambition& a, const places::Priority& p) {
  return "/ambitions/" + a.slug + "#priority-" + p.slug;
}

std::int64_t area_total(const MatrixView& v, const std::string& code) {
  auto it = v.data.initiatives_by_area.find(code);
  return it == v.data.initiatives_by_area.end() ? 0 : it->second;
}

std::int64_t area_ambition(const MatrixView& v, const std::string& code, std::int64_t ambition) {
  auto it = v.data.area_ambition.find({code, ambition});
  return it == v.data.area_ambition.end() ? 0 : it->second;
}

// What both representations share: the ambitions with their priorities' counts, the areas
// and the gaps (priorities and areas with no work).
struct Parts {
  json ambitions = json::array(), areas = json::array(), gap_priorities = json::array(), gap_areas = json::array();
};

Parts parts_of(const MatrixView& v, bool resource) {
  Parts out;
  for (const auto& a : v.vision.ambitions) {
    json ps = json::array();
    for (const auto& p : a.priorities) {
      auto c = v.counts(a.id, p.id);
      if (MatrixView::gap(c))
        out.gap_priorities.push_back({{"title", p.title}, {"ambition", a.title}, {"href", priority_href(a, p)}});
      json item = {{"title", p.title}, {"slug", p.slug}, {"counts", counts_json(c)}};
      if (resource) item["href"] = priority_href(a, p);
      ps.push_back(std::move(item));
    }
    out.ambitions.push_back({{"title", a.title},
                             {"slug", a.slug},
                             {"href", "/ambitions/" + a.slug},
                             {"counts", counts_json(v.counts(a.id, 0))},
                             {"priorities", ps}});
  }
  for (const auto& ar : v.areas) {
    auto total = area_total(v, ar.code);
    json cells = json::array();
    for (const auto& a : v.vision.ambitions) {
      if (resource)
        cells.push_back({{"ambition", a.slug}, {"initiatives", area_ambition(v, ar.code, a.id)}});
      else
        cells.push_back(area_ambition(v, ar.code, a.id));
    }
    if (total == 0) out.gap_areas.push_back({{"name", ar.name}, {"code", ar.code}, {"href", "/areas/" + ar.code}});
    out.areas.push_back({{"name", ar.name},
                         {"code", ar.code},
                         {"href", "/areas/" + ar.code},
                         {"initiatives", total},
                         {"by_ambition", cells}});
  }
  return out;
}

json filters_of(const MatrixView& v) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"area", or_null(v.filter.area_code)}, {"sector", or_null(v.filter.sector)}};
}

}  // namespace

void to_json(json& j, const MatrixView& v) {
  auto p = parts_of(v, true);
  j = {{"filters", filters_of(v)},
       {"ambitions", p.ambitions},
       {"areas", p.areas},
       {"gaps", {{"priorities", p.gap_priorities}, {"areas", p.gap_areas}}},
       {"csv_href", v.csv_href()}};
}

void screen_json(json& j, const MatrixView& v) {
  auto p = parts_of(v, false);
  json heads = json::array(), area_options = json::array();
  for (const auto& a : v.vision.ambitions) heads.push_back({{"title", a.title}, {"number", a.number}});
  for (const auto& ar : v.areas)
    area_options.push_back({{"value", ar.code}, {"text", ar.name}, {"selected", ar.code == v.filter.area_code}});
  j = {{"filters", {{"area", v.filter.area_code}, {"sector", v.filter.sector}}},
       {"ambitions", p.ambitions},
       {"ambition_heads", heads},
       {"areas", p.areas},
       {"gaps",
        {{"priorities", p.gap_priorities},
         {"areas", p.gap_areas},
         {"has_priorities", !p.gap_priorities.empty()},
         {"has_areas", !p.gap_areas.empty()}}},
       {"area_options", area_options},
       {"sector_options", options_json(partners::sectors(), v.filter.sector)},
       {"csv_href", v.csv_href()}};
}

}  // namespace goldthread::work
