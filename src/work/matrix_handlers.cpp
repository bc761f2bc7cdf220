// The alignment matrix page, its JSON twin and its CSV download.
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "core/csv.hpp"
#include "work/matrix.hpp"
#include "work/work_handlers.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

struct Loaded {
  MatrixFilter filter;
  MatrixData data;
  VisionIndex vision;
  std::vector<places::Area> areas;
};

json counts_json(const MatrixData& m, std::int64_t ambition, std::int64_t priority) {
  Counts c;
  if (auto it = m.cells.find({ambition, priority}); it != m.cells.end()) c = it->second;
  return {{"initiatives", c.initiatives}, {"strategies", c.strategies}, {"organisations", c.organisations},
          {"gap", c.initiatives == 0 && c.strategies == 0}};
}

// Reads and checks the filters; an unknown area or sector is a 400 with a message.
std::variant<Loaded, core::Error> load(core::Context& ctx, core::Connection& c, std::int64_t place_id) {
  Loaded l;
  l.filter.place_id = place_id;
  l.filter.area_code = ctx.query("area").value_or("");
  l.filter.sector = ctx.query("sector").value_or("");
  l.areas = places::list_areas(c, place_id);
  std::vector<core::FieldError> bad;
  if (!l.filter.area_code.empty() && std::none_of(l.areas.begin(), l.areas.end(), [&](const places::Area& a) {
        return a.code == l.filter.area_code;
      }))
    bad.push_back({"area", "Select an area from the list"});
  if (!l.filter.sector.empty() && !partners::is_sector(l.filter.sector))
    bad.push_back({"sector", "Select a sector from the list"});
  if (!bad.empty()) return core::Error::invalid("Check the filters: " + bad[0].message, bad);
  l.vision = vision_index(c, place_id);
  l.data = cached_matrix(ctx.app().state<MatrixCache>(), c, l.filter);
  return l;
}

json matrix_model(const Loaded& l) {
  json ambitions = json::array(), gap_priorities = json::array(), gap_areas = json::array(), areas = json::array();
  json ambition_heads = json::array();
  for (const auto& a : l.vision.ambitions) {
    json ps = json::array();
    for (const auto& p : a.priorities) {
      auto counts = counts_json(l.data, a.id, p.id);
      if (counts["gap"].get<bool>())
        gap_priorities.push_back({{"title", p.title}, {"ambition", a.title}, {"href", "/ambitions/" + a.slug + "#priority-" + p.slug}});
      ps.push_back({{"title", p.title}, {"slug", p.slug}, {"counts", counts}});
    }
    ambitions.push_back({{"title", a.title}, {"slug", a.slug}, {"href", "/ambitions/" + a.slug},
                         {"counts", counts_json(l.data, a.id, 0)}, {"priorities", ps}});
    ambition_heads.push_back({{"title", a.title}, {"number", a.number}});
  }
  for (const auto& ar : l.areas) {
    auto it = l.data.initiatives_by_area.find(ar.code);
    std::int64_t total = it == l.data.initiatives_by_area.end() ? 0 : it->second;
    json cells = json::array();
    for (const auto& a : l.vision.ambitions) {
      auto c = l.data.area_ambition.find({ar.code, a.id});
      cells.push_back(c == l.data.area_ambition.end() ? 0 : c->second);
    }
    if (total == 0) gap_areas.push_back({{"name", ar.name}, {"code", ar.code}, {"href", "/areas/" + ar.code}});
    areas.push_back({{"name", ar.name}, {"code", ar.code}, {"href", "/areas/" + ar.code}, {"initiatives", total},
                     {"by_ambition", cells}});
  }
  json area_options = json::array();
  for (const auto& ar : l.areas)
    area_options.push_back({{"value", ar.code}, {"text", ar.name}, {"selected", ar.code == l.filter.area_code}});
  return {{"filters", {{"area", l.filter.area_code}, {"sector", l.filter.sector}}},
          {"ambitions", ambitions},
          {"ambition_heads", ambition_heads},
          {"areas", areas},
          {"gaps", {{"priorities", gap_priorities}, {"areas", gap_areas},
                    {"has_priorities", !gap_priorities.empty()}, {"has_areas", !gap_areas.empty()}}},
          {"area_options", area_options},
          {"sector_options", options_json(partners::sectors(), l.filter.sector)},
          {"csv_href", "/alignment.csv" + query_string({{"area", l.filter.area_code}, {"sector", l.filter.sector}})}};
}

}  // namespace

Response matrix_page(core::Context& ctx) {
  std::variant<Loaded, core::Error> loaded = core::Error::not_found("");
  {
    auto conn = ctx.db().acquire();
    const auto& place = current_place(ctx, *conn);
    if (!place) return no_place(ctx);
    loaded = load(ctx, *conn, place->id);
  }
  if (auto* e = std::get_if<core::Error>(&loaded)) return core::error_response(ctx, *e);
  return core::render_page(ctx, "work/matrix", "How the work matches the vision", matrix_model(std::get<Loaded>(loaded)), 200,
                           {{"Home", "/"}});
}

Response matrix_csv(core::Context& ctx) {
  std::variant<Loaded, core::Error> loaded = core::Error::not_found("");
  {
    auto conn = ctx.db().acquire();
    const auto& place = current_place(ctx, *conn);
    if (!place) return no_place(ctx);
    loaded = load(ctx, *conn, place->id);
  }
  if (auto* e = std::get_if<core::Error>(&loaded)) return core::error_response(ctx, *e);
  const auto& l = std::get<Loaded>(loaded);
  std::string out = core::csv::row({"ambition", "priority", "initiatives", "strategies", "organisations", "gap", "area",
                              "sector"});
  auto line = [&](const std::string& amb, const std::string& pri, const json& c) {
    out += core::csv::row({amb, pri, std::to_string(c["initiatives"].get<std::int64_t>()),
                     std::to_string(c["strategies"].get<std::int64_t>()),
                     std::to_string(c["organisations"].get<std::int64_t>()), c["gap"].get<bool>() ? "yes" : "no",
                     l.filter.area_code, l.filter.sector});
  };
  for (const auto& a : l.vision.ambitions) {
    line(a.title, "", counts_json(l.data, a.id, 0));
    for (const auto& p : a.priorities) line(a.title, p.title, counts_json(l.data, a.id, p.id));
  }
  auto res = Response::text(std::move(out), 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"alignment-matrix.csv\"");
  return res;
}

}  // namespace goldthread::work
