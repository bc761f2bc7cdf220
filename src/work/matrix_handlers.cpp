// The alignment matrix page, its JSON twin and its CSV download.
#include <algorithm>
#include <nlohmann/json_fwd.hpp>
#include <variant>

#include "core/app.hpp"
#include "core/csv.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "work/matrix.hpp"
#include "work/matrix_views.hpp"
#include "work/work_handlers.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;

namespace {

// Reads and checks the filters; an unknown area or sector is a 400 with a message.
std::optional<core::Error> load(core::Context& ctx, core::Connection& c, std::int64_t place_id, MatrixView& l) {
  l.filter.place_id = place_id;
  l.filter.area_code = ctx.query("area").value_or("");
  l.filter.sector = ctx.query("sector").value_or("");
  l.areas = places::list_areas(c, place_id);
  std::vector<core::FieldError> bad;
  if (!l.filter.area_code.empty() &&
      std::none_of(l.areas.begin(), l.areas.end(), [&](const places::Area& a) { return a.code == l.filter.area_code; }))
    bad.push_back({"area", "Select an area from the list"});
  if (!l.filter.sector.empty() && !partners::is_sector(l.filter.sector))
    bad.push_back({"sector", "Select a sector from the list"});
  if (!bad.empty()) return core::Error::invalid("Check the filters: " + bad[0].message, bad);
  l.vision = vision_index(c, place_id);
  l.data = cached_matrix(ctx.app().state<MatrixCache>(), c, l.filter);
  return std::nullopt;
}

}  // namespace

Response matrix_page(core::Context& ctx) {
  MatrixView v;
  std::optional<core::Error> bad;
  {
    auto conn = ctx.db().acquire();
    const auto& place = current_place(ctx, *conn);
    if (!place) return no_place(ctx);
    bad = load(ctx, *conn, place->id, v);
  }
  if (bad) return core::error_response(ctx, *bad);
  return core::render_page(ctx, {.template_name = "work/matrix",
                                 .title = "How the work matches the vision",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response matrix_csv(core::Context& ctx) {
  MatrixView v;
  std::optional<core::Error> bad;
  {
    auto conn = ctx.db().acquire();
    const auto& place = current_place(ctx, *conn);
    if (!place) return no_place(ctx);
    bad = load(ctx, *conn, place->id, v);
  }
  if (bad) return core::error_response(ctx, *bad);
  std::string out =
      core::csv::row({"ambition", "priority", "initiatives", "strategies", "organisations", "gap", "area", "sector"});
  auto line = [&](const std::string& amb, const std::string& pri, const Counts& c) {
    out += core::csv::row({amb, pri, std::to_string(c.initiatives), std::to_string(c.strategies),
                           std::to_string(c.organisations), MatrixView::gap(c) ? "yes" : "no", v.filter.area_code,
                           v.filter.sector});
  };
  for (const auto& a : v.vision.ambitions) {
    line(a.title, "", v.counts(a.id, 0));
    for (const auto& p : a.priorities) line(a.title, p.title, v.counts(a.id, p.id));
  }
  auto res = Response::text(std::move(out), 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"alignment-matrix.csv\"");
  return res;
}

}  // namespace goldthread::work
