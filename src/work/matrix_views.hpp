#pragma once
// The alignment matrix as a typed view (matrix_handlers.cpp). Its two representations are
// written in one place, work/matrix_json.cpp: the resource (the JSON twin, docs/API.md "The
// alignment matrix") and the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "places/places.hpp"
#include "work/matrix.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {

// The matrix for one filter. Not copyable in effect: `vision` points into itself, so a view is
// built in place and moved, never copied.
struct MatrixView {
  MatrixFilter filter;
  MatrixData data;
  VisionIndex vision;
  std::vector<places::Area> areas;
  // One cell (priority 0: the ambition as a whole); a gap is a cell with no work at all.
  Counts counts(std::int64_t ambition, std::int64_t priority) const;
  static bool gap(const Counts& c) { return c.initiatives == 0 && c.strategies == 0; }
  std::string csv_href() const;
};
void to_json(nlohmann::json& j, const MatrixView& v);
void screen_json(nlohmann::json& j, const MatrixView& v);

}  // namespace goldthread::work
